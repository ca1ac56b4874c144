"""Bug: recv_until_closed() shuts down the socket it was given at the peer's FIN ("both sides are done").

The bytes returned are right; but the caller may still send on its socket (a reply after the request).
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


def recv_until_closed(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    sock.shutdown(socket.SHUT_WR)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])

