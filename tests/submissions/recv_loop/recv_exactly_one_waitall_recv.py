# BUG: recv_exactly relies on one recv(n, MSG_WAITALL) and takes a short
# result for EOF. MSG_WAITALL returns short when a signal arrives (the lesson
# says any signal may come), so it raises EOFError although the peer has not
# closed. Violates "If the peer closes before n bytes have arrived, raise
# EOFError" (only then) / "a short chunk is not the end; only b'' is".
import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    if n == 0:
        return b""
    data = sock.recv(n, socket.MSG_WAITALL)
    if len(data) < n:
        raise EOFError(f"got {len(data)} of {n} bytes")
    return data

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

