# BUG: mutable default list collects chunks across calls: a second call returns the
# previous data too. Lesson: 'returns everything the peer sends until it closes'.
import socket

def recv_exactly(sock, n):
    chunks = []
    got = 0
    while got < n:
        chunk = sock.recv(min(65536, n - got))
        if not chunk:
            raise EOFError(f"peer closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)

def recv_until_closed(sock, chunks=[]):
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)

def send_all(sock, data):
    view = memoryview(data)
    total = 0
    while total < len(data):
        total += sock.send(view[total:])
