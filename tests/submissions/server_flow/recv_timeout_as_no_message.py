"""Lesson 2: waits half a second for the message; a quiet client gets nothing back."""

import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(128)
        conn, _address = server.accept()
        try:
            conn.settimeout(0.5)
            try:
                message = conn.recv(1024)
            except socket.timeout:
                message = b""
            conn.sendall(message)
        finally:
            conn.close()
    finally:
        server.close()
    return message
