# MISTAKE: the n == 0 shortcut returns "" (a str), not b"".
# Violates: "n == 0 returns b\"\"" / bytes come back "as bytes".
import socket

def recv_exactly(sock, n):
    if n == 0:
        return ""
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
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += sock.send(view[sent:])
