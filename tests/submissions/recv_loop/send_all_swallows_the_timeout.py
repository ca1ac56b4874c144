"""Bug: send_all() catches the TimeoutError of its socket's timeout and returns normally, part of the data
unsent.

A send_all() that returns says that every byte was handed to the kernel: the caller goes on as if all of it
had been sent. When the peer stops reading and no room appears within the socket's timeout, send() raises
TimeoutError; send_all() must let the caller know, by raising it. (An independent trial's.)
"""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 65536))
        if not chunk:
            raise EOFError(f"the peer closed after {got} of {n} bytes")
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
    try:
        while sent < len(view):
            sent += sock.send(view[sent:])
    except TimeoutError:
        return
