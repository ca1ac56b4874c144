# BUG: recv_until_closed appends to a module-level bytearray "to avoid
# reallocating" and never clears it: a second call returns the first call's
# data again in front of its own.
# Lesson: "recv_until_closed(sock) -> bytes returns everything the peer sends
# until it closes" (on this socket, not earlier ones).
import socket

_BUF = bytearray()


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    chunks = []
    got = 0
    while got < n:
        chunk = sock.recv(min(n - got, 65536))
        if not chunk:
            raise EOFError(f"{got}/{n}")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def recv_until_closed(sock: socket.socket) -> bytes:
    while chunk := sock.recv(65536):
        _BUF.extend(chunk)
    return bytes(_BUF)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    total = 0
    while total < len(data):
        total += sock.send(view[total:])
