"""Bug: send_all() sends every byte, then waits forever instead of returning.

The reference peer is the receiver here, and has every byte: it waits for the function to return, not for
the code to send more or "to take in what the peer had sent" (issue 17). (recv_until_closed() is this
lesson's other bug, ignoring b"", which its own check reports.)
"""

import socket
import threading


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
        try:
            chunk = sock.recv(65536)
        except (ConnectionError, OSError):
            break  # the connection is closed
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    """Send all of data with send(), using its return value."""
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        sent += sock.send(view[sent:])
    threading.Event().wait()  # sent everything, then waits
