"""Bug: send_all() catches BrokenPipeError and ConnectionResetError and returns: bytes unsent after a reset, and no
error for the caller (a trial's: no peer reset while a send was under way)."""
import socket


def recv_exactly(sock, n):
    chunks = []
    got = 0
    while got < n:
        chunk = sock.recv(min(n - got, 65536))
        if not chunk:
            raise EOFError(f"{got}/{n}")
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
    sent = 0
    while sent < len(data):
        try:
            sent += sock.send(view[sent:])
        except (BrokenPipeError, ConnectionResetError):
            return
