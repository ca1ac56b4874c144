"""Bug: recv_exactly() shuts down the sending side of the socket it was given once it has its n bytes.

The bytes returned are right; the caller can no longer send a reply on its socket.
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
    sock.shutdown(socket.SHUT_WR)
    return b"".join(chunks)


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

