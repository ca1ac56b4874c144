"""Correct: socket.create_connection() in a with block."""
import socket


def request(host, port, message):
    with socket.create_connection((host, port)) as s:
        s.sendall(message)
        return s.recv(1024)
