# BUG: the 64 KiB cap is chosen by looking at n instead of at the bytes still
# missing: for n > 65536 every recv() asks for 65536, also near the end, so it
# can read past the nth byte. Violates "It never reads past the nth byte:
# whatever comes after must still be in the socket when you return".
import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    chunks = []
    got = 0
    while got < n:
        size = 65536 if n > 65536 else n - got
        chunk = sock.recv(size)
        if not chunk:
            raise EOFError(f"peer closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
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

