"""Bug: send_all() assigns the count of one send() (sent = sock.send(view[sent:])) instead of adding it (a
trial's): after a partial send the offset goes back, bytes are sent again, and the loop may never end."""
import socket

def recv_exactly(sock, n):
    chunks = []
    got = 0
    while got < n:
        chunk = sock.recv(min(n - got, 65536))
        if not chunk:
            raise EOFError(f"got {got} of {n} bytes")
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
        sent = sock.send(view[sent:])
