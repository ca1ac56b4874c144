"""recv_exactly() collects into a mutable default argument: `buf=bytearray()` is made once, when the function is
defined, and shared by every call, so a second call in the same program starts with the first call's bytes (the
classic Python pitfall; independent trials wrote it). Each call alone is right."""

import socket


def recv_exactly(sock: socket.socket, n: int, buf=bytearray()) -> bytes:
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
    view = memoryview(data)
    while view:
        view = view[sock.send(view):]
