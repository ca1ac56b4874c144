# BUG: send_all catches TimeoutError and retries ("maybe the peer is just
# slow"): when the peer never reads, it retries forever and never raises.
# Lesson: "If the peer stops reading, send_all raises the socket's
# TimeoutError ... and send_all lets it out."
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
            return b"".join(chunks)
        chunks.append(chunk)

def send_all(sock, data):
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        try:
            sent += sock.send(view[sent:])
        except TimeoutError:
            continue
