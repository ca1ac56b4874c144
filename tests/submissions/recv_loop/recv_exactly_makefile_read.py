"""Bug: recv_exactly() uses sock.makefile("rb").read(n), whose buffer reads past the nth byte."""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    with sock.makefile("rb") as f:
        data = f.read(n)  # read(n) loops until n bytes or EOF
    if len(data) < n:
        raise EOFError(f"peer closed after {len(data)} of {n} bytes")
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
