"""Bug: recv_until_closed() takes half a second of silence for the end: it sets a timeout and breaks out of
its loop on socket.timeout. A peer that pauses (it has not closed: no FIN) loses the rest of its data.
"""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError(f"the peer closed after {len(buf)} of {n} bytes")
        buf += chunk
    return bytes(buf)


def recv_until_closed(sock: socket.socket) -> bytes:
    sock.settimeout(0.5)
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break  # silence taken for the end
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
