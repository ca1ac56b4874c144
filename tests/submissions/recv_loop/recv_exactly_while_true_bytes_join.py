"""Correct: recv_exactly() with a running total, a list and a final join, in a while True loop."""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    parts = []
    got = 0
    while True:
        if got == n:
            return b"".join(parts)
        part = sock.recv(min(n - got, 1 << 16))
        if not part:
            raise EOFError(f"expected {n} bytes, the peer closed after {got}")
        parts.append(part)
        got += len(part)


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
