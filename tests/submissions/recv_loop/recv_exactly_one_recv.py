"""Bug: recv_exactly() calls recv() once, as if one recv() returned the whole message."""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    data = sock.recv(n)  # ask for n bytes, get n bytes
    if not data:
        raise EOFError("connection closed")
    return data


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
