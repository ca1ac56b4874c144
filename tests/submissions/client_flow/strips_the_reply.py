"""Bug: the reply stripped of its whitespace (recv(1024).strip()): its newline is part of the reply."""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        return client.recv(1024).strip()
