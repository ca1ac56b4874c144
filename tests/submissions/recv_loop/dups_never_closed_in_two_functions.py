"""Bug: recv_until_closed() and send_all() each work through a dup() of their socket, never closed: two leaks, on
two lines (an independent trial's).

Each dup() is a new descriptor of the same connection: dropped unclosed, it keeps the connection open after the
caller's close() (only Python's garbage collector would close it, some time later). The report must name each
line: one "same mistake" line for both hid the second.
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
    copy = sock.dup()
    chunks = []
    while chunk := copy.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    copy = sock.dup()
    copy.settimeout(sock.gettimeout())
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += copy.send(view[sent:])
