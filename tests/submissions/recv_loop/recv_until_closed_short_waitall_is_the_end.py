"""Bug (an independent trial): recv(65536, MSG_WAITALL) whose short result is taken for the end: a signal that interrupts its wait after some bytes came cuts the data there."""

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
    # BUG: MSG_WAITALL "fills the whole 64 KiB unless the peer closed", so a short
    # chunk is taken as the end. But MSG_WAITALL also returns short when a signal
    # interrupts the wait after some bytes arrived (or on a timeout), and then the
    # rest of the stream is lost. Violates "returns everything the peer sends until
    # it closes" (lesson 1: "as any signal may come").
    chunks = []
    while True:
        chunk = sock.recv(65536, socket.MSG_WAITALL)
        chunks.append(chunk)
        if len(chunk) < 65536:
            break
    return b"".join(chunks)

def send_all(sock, data):
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += sock.send(view[sent:])
