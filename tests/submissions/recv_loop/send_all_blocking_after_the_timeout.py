# BUG: catches the TimeoutError of send(), switches the socket to blocking and
# carries on, so send_all never raises. Lesson: "If the peer stops reading,
# send_all raises the socket's TimeoutError ... and send_all lets it out";
# "Catching TimeoutError ... catching it to try again never ends".
import socket

def recv_exactly(sock, n):
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 65536))
        if not chunk:
            raise EOFError(f"got {got} of {n}")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)

def recv_until_closed(sock):
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)
def send_all(sock, data):
    view = memoryview(data)
    total = 0
    while total < len(view):
        try:
            total += sock.send(view[total:])
        except TimeoutError:
            sock.setblocking(True)   # "just wait longer"
