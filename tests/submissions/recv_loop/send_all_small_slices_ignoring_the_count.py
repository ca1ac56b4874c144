"""Lesson 3, recv_loop: the buffers behind send() and recv() (bug: send_all() sends 4 KiB slices and ignores what send() returns: an independent trial)."""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    """Return exactly n bytes from sock; raise EOFError if the peer closes first."""
    buffer = bytearray(n)
    view = memoryview(buffer)
    received = 0
    while received < n:
        # Ask only for what is still missing: never read past the nth byte.
        count = sock.recv_into(view[received:], n - received)
        if count == 0:  # b"": the peer closed (FIN) before n bytes arrived
            raise EOFError(f"peer closed after {received} of {n} bytes")
        received += count
    return bytes(buffer)


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
    for i in range(0, len(data), 4096):  # small slices, each "surely" taken whole: send()'s count ignored
        sock.send(data[i : i + 4096])
