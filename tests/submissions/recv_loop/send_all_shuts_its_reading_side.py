"""Bug: send_all() calls shutdown(SHUT_RD) once every byte is sent ("a sender does not read").

Every byte arrives, and no packet shows it (SHUT_RD sends nothing): the caller can no longer read a reply on
its socket (recv() returns b"" as if the peer had closed). Only the kernel's sk_shutdown shows it.
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
    sock.shutdown(socket.SHUT_RD)
