"""send_all() keeps `sent = n` (the last send's count), not `sent += n`: it sends again from an earlier byte.

A trial's. The report said "some were skipped": lesson 3's data is a repeated block, so the piece received was
found further on too. With more bytes received than given, it now says some were sent twice.
"""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        c = sock.recv(min(n - got, 65536))
        if not c:
            raise EOFError(f"{got} of {n}")
        chunks.append(c)
        got += len(c)
    return b"".join(chunks)


def recv_until_closed(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        c = sock.recv(65536)
        if not c:
            return b"".join(chunks)
        chunks.append(c)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        n = sock.send(view[sent:])
        sent = n            # should be sent += n
