"""Correct: recv_exactly() as in the Python Socket HOWTO, recv(min(missing, 2048)) into a list."""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    chunks = []
    bytes_recd = 0
    while bytes_recd < n:
        chunk = sock.recv(min(n - bytes_recd, 2048))
        if chunk == b"":
            raise EOFError("socket connection broken")
        chunks.append(chunk)
        bytes_recd = bytes_recd + len(chunk)
    return b"".join(chunks)


def recv_until_closed(sock: socket.socket) -> bytes:
    """Return everything the peer sends until it closes its side."""
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def send_all(sock: socket.socket, data: bytes) -> None:
    """Send all of data with send(), using its return value."""
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
