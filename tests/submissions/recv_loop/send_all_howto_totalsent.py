"""Correct: send_all() as in the Python Socket HOWTO, send(data[totalsent:])."""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    """Return exactly n bytes from sock; raise EOFError if the peer closes first."""
    buffer = bytearray(n)
    view = memoryview(buffer)
    received = 0
    while received < n:
        count = sock.recv_into(view[received:], n - received)
        if count == 0:
            raise EOFError(f"peer closed after {received} of {n} bytes")
        received += count
    return bytes(buffer)


def recv_until_closed(sock: socket.socket) -> bytes:
    """Return everything the peer sends until it closes its side."""
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def send_all(sock: socket.socket, data: bytes) -> None:
    totalsent = 0
    while totalsent < len(data):
        sent = sock.send(data[totalsent:])
        if sent == 0:
            raise RuntimeError("socket connection broken")
        totalsent = totalsent + sent
