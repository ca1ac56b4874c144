# BUG: send_all corks the socket (TCP_CORK) to send full segments and uncorks
# it after the loop, but not when send() raises TimeoutError: the caller's
# socket is left corked. Violates "TCP_CORK off (the caller's small sends
# would wait up to 200 ms)" (leave the socket as found).
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
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
    view = memoryview(data)
    total = 0
    while total < len(data):
        total += sock.send(view[total:])
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 0)
