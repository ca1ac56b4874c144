"""Bug: recv_exactly() collects the n bytes right, then returns them decoded as UTF-8 (errors="replace") and
encoded again, "to clean them up".

Its loop is right; the message holds bytes that are not UTF-8 (b"\xff"), which come back as replacement
characters: the hint is about decoding, not about the loop.
"""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    chunks = []
    got = 0
    while got < n:
        chunk = sock.recv(min(n - got, 65536))
        if not chunk:
            raise EOFError(f"peer closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks).decode("utf-8", errors="replace").encode("utf-8")


def recv_until_closed(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
