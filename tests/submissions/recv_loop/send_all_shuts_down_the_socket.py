"""Bug: send_all() calls shutdown(SHUT_WR) once every byte is sent, "to flush" (an independent trial).

A FIN goes to the peer: the caller can never send on its socket again. Every byte arrives, and the socket
is not closed: only the kernel's state of the connection and the FIN on the wire show it.
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
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
    sock.shutdown(socket.SHUT_WR)
