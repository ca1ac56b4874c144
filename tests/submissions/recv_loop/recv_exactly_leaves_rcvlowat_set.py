"""Bug (an independent trial): recv_exactly() sets SO_RCVLOWAT on the caller's socket and never restores it: the socket is not left as it was found."""

import socket

def recv_exactly(sock, n):
    # BUG: sets SO_RCVLOWAT so that recv() waits for "the rest" in fewer calls,
    # and never restores it (default 1). The caller's next recv() on the socket
    # now blocks until that many bytes are there. Violates "Each function leaves
    # the socket it was given as it found it" (only "Its timeout and blocking mode
    # are yours to change").
    if n:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVLOWAT, min(n, 65536))
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
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += sock.send(view[sent:])
