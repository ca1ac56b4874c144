"""Bug (an independent trial): send_all(sock, b"") raises ValueError (a range() step of 0) instead of returning."""

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
        chunk = sock.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)

# BUG: steps through data in chunks of min(len(data), 65536): for empty data the
# step is 0 and range() raises ValueError. Violates "send_all(sock, data) sends all
# of data" (for b"" it must just return).
def send_all(sock, data):
    view = memoryview(data)
    step = min(len(data), 65536)
    for start in range(0, len(data), step):
        piece = view[start:start + step]
        while piece:
            piece = piece[sock.send(piece):]
