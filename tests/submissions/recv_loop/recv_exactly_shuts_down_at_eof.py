"""Bug: recv_exactly() shuts the socket it was given down (SHUT_RDWR) before it raises EOFError.

The EOFError is right; the FIN it sends is not its to send: the caller may still want to send a reply.
"""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    chunks = []
    got = 0
    while got < n:
        chunk = sock.recv(min(n - got, 65536))
        if not chunk:
            sock.shutdown(socket.SHUT_RDWR)
            raise EOFError(f"peer closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
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

