"""Correct: socket.create_server() (which sets SO_REUSEADDR on POSIX) and with blocks."""
import socket


def serve_once(port, host="127.0.0.1"):
    with socket.create_server((host, port), reuse_port=False) as server:
        conn, _ = server.accept()
        with conn:
            message = conn.recv(1024)
            conn.sendall(message)
    return message
