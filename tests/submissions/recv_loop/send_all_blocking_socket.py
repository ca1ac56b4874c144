"""Correct: send_all() makes its socket blocking (settimeout(None)), then loops over send() with a memoryview.

A blocking send() waits for room in the send buffer; it may still return a partial count, which the loop
follows up. (The grader's partial-send check once made such a send() raise BlockingIOError.)
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
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    sock.settimeout(None)
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
