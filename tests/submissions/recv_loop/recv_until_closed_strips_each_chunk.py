"""Bug: recv_until_closed() strips each chunk (a habit from reading text lines): whitespace bytes at a chunk's ends are lost,
so 16 MiB of binary data comes back shorter and changed, not a start of it (BIG_WRONG)."""

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
        chunks.append(chunk.strip())


def send_all(sock: socket.socket, data: bytes) -> None:
    """Send all of data with send(), using its return value."""
    view = memoryview(data)  # slicing a memoryview copies nothing
    sent = 0
    while sent < len(data):
        # send() copies as much as fits into the kernel's send buffer
        # and says how much that was; the rest is still ours to send.
        sent += sock.send(view[sent:])
