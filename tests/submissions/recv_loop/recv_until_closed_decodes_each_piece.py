"""Bug: recv_until_closed() decodes each piece as UTF-8 (errors="replace") and encodes the text again
(an independent trial).

Its loop is right (it stops at b""), but a piece that ends inside a multi-byte character, or holds bytes that
are not UTF-8, comes back as replacement characters: the bytes returned are not the bytes sent.
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
    return b"".join(chunks)


def recv_until_closed(sock):
    text = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        text.append(chunk.decode("utf-8", errors="replace"))
    return "".join(text).encode("utf-8")


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
