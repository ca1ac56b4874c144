"""Correct: socket.socket() used as a context manager."""
import socket


def request(host: str, port: int, message: bytes) -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect((host, port))
        s.sendall(message)
        reply = s.recv(1024)
    return reply
