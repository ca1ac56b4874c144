# MISTAKE: send_all treats the socket's timeout as a deadline for the WHOLE transfer
# (monotonic clock), raising TimeoutError even while the peer is reading steadily.
# Violates: "send_all raises the socket's TimeoutError: once no room has come within the timeout"
# and "sends all of data" -- a reader that keeps reading must get every byte.
import socket
import time

def recv_exactly(sock, n):
    chunks, got = [], 0
    while got < n:
        c = sock.recv(min(n - got, 65536))
        if not c:
            raise EOFError
        chunks.append(c)
        got += len(c)
    return b"".join(chunks)

def recv_until_closed(sock):
    chunks = []
    while c := sock.recv(65536):
        chunks.append(c)
    return b"".join(chunks)

def send_all(sock, data):
    timeout = sock.gettimeout()
    deadline = None if timeout is None else time.monotonic() + timeout
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError("send_all timed out")
        sent += sock.send(view[sent:])
