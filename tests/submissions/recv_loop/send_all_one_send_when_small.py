# MISTAKE: send_all "optimises" small payloads: one send() for data that "surely fits"
# (<= 64 KiB) and returns, ignoring the count; when the send buffer is nearly full send()
# takes only part, and send_all returns with bytes unsent.
# Violates: "It never returns with bytes unsent: returning tells the caller that every byte was sent."
import socket

def recv_exactly(sock, n):
    chunks, got = [], 0
    while got < n:
        c = sock.recv(min(n - got, 65536))
        if not c:
            raise EOFError
        chunks.append(c)
        got += len(c)
    return b"".join(chunks)

def recv_until_closed(sock):
    chunks = []
    while c := sock.recv(65536):
        chunks.append(c)
    return b"".join(chunks)

def send_all(sock, data):
    if len(data) <= 65536:
        sock.send(data)           # small: fits in the buffer in one go
        return
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += sock.send(view[sent:])
