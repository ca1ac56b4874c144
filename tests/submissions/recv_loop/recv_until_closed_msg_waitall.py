"""Correct: recv_until_closed() with recv(65536, MSG_WAITALL), looping until b"": a short chunk (the end of the data,
or a signal that interrupted the wait) is never taken for the end. The other two functions as the solution's."""

import socket


def recv_exactly(sock, n):
    chunks = []
    got = 0
    while got < n:
        chunk = sock.recv(min(n - got, 65536))
        if not chunk:
            raise EOFError(f"peer closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def recv_until_closed(sock):
    chunks = []
    while True:
        chunk = sock.recv(65536, socket.MSG_WAITALL)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def send_all(sock, data):
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += sock.send(view[sent:])
