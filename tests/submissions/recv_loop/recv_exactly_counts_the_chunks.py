# MISTAKE: wrong variable: got += len(chunks) (number of pieces) instead of len(chunk):
# the count lags, so recv() asks for more than is still missing and reads past n.
# Violates: "It never reads past the nth byte: whatever comes after must still be in the socket".
import socket

CHUNK = 65536

def recv_exactly(sock, n):
    chunks = []
    got = 0
    while got < n:
        chunk = sock.recv(min(n - got, CHUNK))
        if not chunk:
            raise EOFError(f"peer closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunks)
    return b"".join(chunks)

def recv_until_closed(sock):
    chunks = []
    while True:
        chunk = sock.recv(CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)

def send_all(sock, data):
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += sock.send(view[sent:])
