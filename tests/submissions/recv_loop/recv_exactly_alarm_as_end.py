"""Lesson 3: recv_exactly() with an alarm (setitimer, SIGALRM) of half a second per recv(), taken for the end of the message."""

import signal
import socket


class _Quiet(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Quiet


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    """Return exactly n bytes from sock; raise EOFError if the peer closes first."""
    chunks, received = [], 0
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        while received < n:
            signal.setitimer(signal.ITIMER_REAL, 0.5)
            try:
                chunk = sock.recv(n - received)
            except _Quiet:
                break  # half a second of nothing: that is all there is
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if not chunk:
                raise EOFError(f"peer closed after {received} of {n} bytes")
            chunks.append(chunk)
            received += len(chunk)
    finally:
        signal.signal(signal.SIGALRM, previous)
    return b"".join(chunks)


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
