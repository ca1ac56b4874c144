"""Bug: recv_exactly() asks recv() for n bytes in every round, not for the bytes still missing (an instructor's class):
when the message's last piece comes with the next message behind it, it takes the next message's start."""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    """Return exactly n bytes from sock; raise EOFError if the peer closes first."""
    data = b""
    while len(data) < n:
        chunk = sock.recv(n)
        if not chunk:
            raise EOFError(f"peer closed after {len(data)} of {n} bytes")
        data += chunk
    return data


def recv_until_closed(sock: socket.socket) -> bytes:
    """Return everything the peer sends until it closes its side."""
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:  # b"" means FIN: the peer will send nothing more
            return b"".join(chunks)
        chunks.append(chunk)  # a list, then one join: linear, not quadratic


def send_all(sock: socket.socket, data: bytes) -> None:
    """Send all of data with send(), using its return value."""
    view = memoryview(data)  # slicing a memoryview copies nothing
    sent = 0
    while sent < len(data):
        # send() copies as much as fits into the kernel's send buffer
        # and says how much that was; the rest is still ours to send.
        sent += sock.send(view[sent:])
