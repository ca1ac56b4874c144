# MISTAKE: send_all waits for room with select.select([], [sock], [], None) before each
# send(): select() ignores the socket's timeout, so when the peer never reads it waits
# for ever instead of raising TimeoutError. The lesson: "If the peer stops reading,
# send_all raises the socket's TimeoutError".
import select
import socket


def recv_exactly(sock, n):
    chunks, got = [], 0
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
    view, sent = memoryview(data), 0
    while sent < len(data):
        select.select([], [sock], [], None)
        sent += sock.send(view[sent:])
