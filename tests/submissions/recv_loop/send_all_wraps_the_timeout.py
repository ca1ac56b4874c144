# BUG: send_all catches the timeout and re-raises it as a RuntimeError with a
# "nicer" message: the caller expecting TimeoutError does not catch it.
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
    try:
        while sent < len(data):
            sent += sock.send(view[sent:])
    except socket.timeout as exc:
        raise RuntimeError(f"peer stopped reading after {sent} bytes") from exc
