"""Lesson 3, recv_loop: the buffers behind send() and recv().

Read lessons/03-recv_loop.md, then grade with:  nox -s grade -- recv_loop
"""

import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    """Return exactly n bytes received from sock.

    The bytes may arrive in any number of pieces. Never read past the nth
    byte: what follows belongs to the next message. Raise EOFError if the
    peer closes before n bytes arrived. recv_exactly(sock, 0) returns b"".
    """
    # TODO 1. Loop until you hold n bytes.
    # TODO 2. Each time, recv() at most the number of bytes still missing.
    # TODO 3. recv() returning b"" means the peer closed: raise EOFError.
    # TODO 4. Collect the pieces without copying everything again each time.
    raise NotImplementedError("recv_exactly() is not implemented yet")


def recv_until_closed(sock: socket.socket) -> bytes:
    """Return everything the peer sends, until it closes its side (EOF)."""
    # TODO 1. recv() in a loop and keep every piece.
    # TODO 2. Stop when recv() returns b"" (the peer's FIN).
    # TODO 3. Join the pieces once, at the end.
    raise NotImplementedError("recv_until_closed() is not implemented yet")


def send_all(sock: socket.socket, data: bytes) -> None:
    """Send all of data with sock.send() (not sock.sendall()).

    sock has a timeout, so one send() may accept only part of data: it
    returns how many bytes it took.
    """
    # TODO 1. Call send() with the bytes not sent yet.
    # TODO 2. Use its return value to know how far you got.
    # TODO 3. Repeat until every byte is sent.
    raise NotImplementedError("send_all() is not implemented yet")
