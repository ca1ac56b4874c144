"""Correct: recv_until_closed() sets a long timeout (a minute) on its socket and lets socket.timeout
propagate: it still returns only at the peer's FIN (b""), and a quiet peer is waited for.
"""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError(f"the peer closed after {len(buf)} of {n} bytes")
        buf += chunk
    return bytes(buf)


def recv_until_closed(sock: socket.socket) -> bytes:
    sock.settimeout(60)
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
