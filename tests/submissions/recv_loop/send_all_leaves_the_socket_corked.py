"""Bug (an independent trial): send_all() sets TCP_CORK on the caller's socket and never takes it off: the socket is not left as it was found."""

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

def send_all(sock, data):
    # BUG: corks the socket "to send full segments" and never uncorks it. The tail
    # of data (and every later small send of the caller) waits up to 200 ms in the
    # kernel. Violates "Each function leaves the socket it was given as it found it"
    # (only "Its timeout and blocking mode are yours to change").
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += sock.send(view[sent:])
