"""Bug: recv_until_closed() takes b"" for "nothing yet" and sleeps before trying again: after FIN it never
returns, asleep (not spinning: not slow, it never stops at FIN)."""

import socket
import time


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    """Return exactly n bytes from sock; raise EOFError if the peer closes first."""
    buffer = bytearray(n)
    view = memoryview(buffer)
    received = 0
    while received < n:
        count = sock.recv_into(view[received:], n - received)
        if count == 0:
            raise EOFError(f"peer closed after {received} of {n} bytes")
        received += count
    return bytes(buffer)


def recv_until_closed(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            time.sleep(0.05)  # b"": nothing yet, so wait a little for more
            continue
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    """Send all of data with send(), using its return value."""
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
