"""Bug: send_all() waits for room with select() and the socket's own timeout, and returns when the wait times out:
bytes unsent, and no TimeoutError (a trial's; it passed when it returned while the grader looked at it)."""
import select
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
        _, writable, _ = select.select([], [sock], [], sock.gettimeout())
        if not writable:
            return
        sent += sock.send(view[sent:])
