"""Correct: reads the reply with makefile("rb").read(), which reads until EOF."""
import socket


def request(host, port, message):
    with socket.create_connection((host, port)) as s:
        s.sendall(message)
        with s.makefile("rb") as f:
            return f.read()
