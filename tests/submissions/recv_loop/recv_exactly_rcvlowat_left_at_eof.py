# BUG: recv_exactly raises SO_RCVLOWAT to the number of bytes still missing
# (fewer wake-ups) and puts it back to 1 only on the success path: when the
# peer closes early it raises EOFError with SO_RCVLOWAT still > 1. Violates:
# "Each function leaves the socket it was given as it found it, whether it
# returns or raises EOFError ... SO_RCVLOWAT 1".
import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    chunks = []
    got = 0
    while got < n:
        want = min(n - got, 65536)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVLOWAT, want)
        chunk = sock.recv(want)
        if not chunk:
            raise EOFError(f"peer closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVLOWAT, 1)
    return b"".join(chunks)

def recv_until_closed(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    total = 0
    while total < len(data):
        total += sock.send(view[total:])

