"""Bug: recv_exactly() reads one byte per recv(1) call: correct, but far too slow."""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    data = bytearray()
    while len(data) < n:
        byte = sock.recv(1)  # one byte at a time, so I never read too much
        if not byte:
            raise EOFError(f"peer closed after {len(data)} of {n} bytes")
        data += byte
    return bytes(data)


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
