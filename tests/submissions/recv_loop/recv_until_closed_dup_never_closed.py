"""Bug: recv_until_closed() reads through a dup() of its socket and never closes the copy.

Each dup() is a new descriptor of the same connection: only its own close() releases it. Dropped, it is
closed by the garbage collector, some time later (lesson 1: only your close() closes a socket). The bytes
returned are right, and the given socket is left open as it should be.
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
    reader = sock.dup()  # a copy to read from, so the caller's socket is "left alone"
    chunks = []
    while chunk := reader.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
