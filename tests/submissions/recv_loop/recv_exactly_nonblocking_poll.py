"""Correct: recv_exactly polls a non-blocking socket (never sleeps in recv), the rest as usual."""

import socket
def recv_exactly(sock, n):
    sock.setblocking(False)
    parts, got = [], 0
    while got < n:
        try:
            chunk = sock.recv(n - got)
        except BlockingIOError:
            continue
        if not chunk:
            raise EOFError
        parts.append(chunk)
        got += len(chunk)
    sock.setblocking(True)
    return b"".join(parts)
def recv_until_closed(sock):
    parts = []
    while chunk := sock.recv(65536):
        parts.append(chunk)
    return b"".join(parts)
def send_all(sock, data):
    view = memoryview(data)
    while view:
        view = view[sock.send(view):]
