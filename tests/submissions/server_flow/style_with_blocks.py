"""Correct: socket.socket() and the accepted connection both used as context managers."""
import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        conn, _addr = server.accept()
        with conn:
            message = conn.recv(1024)
            conn.sendall(message)
    return message
