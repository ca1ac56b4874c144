# BUG: recv_until_closed reuses one 64 KiB buffer with recv_into() and keeps
# memoryview slices of it: every kept chunk points at the same buffer, so
# later reads overwrite earlier chunks. Violates "returns every byte up to the
# peer's FIN" (bytes unchanged).
import socket

def recv_exactly(sock: socket.socket, n: int) -> bytes:
    chunks = []
    got = 0
    while got < n:
        chunk = sock.recv(min(n - got, 65536))
        if not chunk:
            raise EOFError(f"peer closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def recv_until_closed(sock: socket.socket) -> bytes:
    buf = bytearray(65536)
    view = memoryview(buf)
    chunks = []
    while True:
        k = sock.recv_into(buf)
        if k == 0:
            break
        chunks.append(view[:k])
    return b"".join(chunks)

def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    total = 0
    while total < len(data):
        total += sock.send(view[total:])

