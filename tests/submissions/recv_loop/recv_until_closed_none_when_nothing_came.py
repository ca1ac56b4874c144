"""Bug (an independent trial): recv_until_closed() returns None, not b"", when the peer closes without sending a byte."""

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

# BUG: returns None when the peer closes without sending anything.
# Violates "recv_until_closed(sock) -> bytes returns everything the peer sends" (b"").
def recv_until_closed(sock):
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
    if not chunks:
        return None
    return b"".join(chunks)

def send_all(sock, data):
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += sock.send(view[sent:])
