"""Bug: recv(16) for a reply longer than 16 bytes: request() returns the reply's first 16 bytes, and close()
then resets the connection (the rest of the reply is still unread). The messages say that recv() was asked for
too few bytes, not that the bytes were changed or that recv() was never called (an independent trial)."""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        return sock.recv(16)
