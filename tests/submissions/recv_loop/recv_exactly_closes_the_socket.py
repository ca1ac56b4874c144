"""Bug: recv_exactly() wraps its work in `with sock:`, which closes the socket it was given on the way out.

The socket is the caller's: it may still need it (the next message, a reply). The bytes returned are right.
"""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    with sock:
        buf = bytearray()
        while len(buf) < n:
            chunk = sock.recv(min(65536, n - len(buf)))
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
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
