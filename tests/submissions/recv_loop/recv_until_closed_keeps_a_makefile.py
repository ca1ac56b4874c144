"""Bug: recv_exactly() and recv_until_closed() read through a makefile("rb", buffering=0) kept in a
module-level dict, never closed.

The socket counts the files made from it: while one is open, the caller's own sock.close() only marks the
socket closed and leaves its descriptor open (lesson 1: a file made with makefile() keeps its socket open
until that file is closed too). The peer never gets the FIN of the caller's close. The bytes returned are
right, and the socket looks untouched when the function returns. (An independent trial's.)
"""

import socket

_readers = {}


def _reader(sock: socket.socket):
    reader = _readers.get(sock.fileno())
    if reader is None:
        reader = _readers[sock.fileno()] = sock.makefile("rb", buffering=0)
    return reader


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    reader = _reader(sock)
    chunks, got = [], 0
    while got < n:
        chunk = reader.read(min(n - got, 65536))
        if not chunk:
            raise EOFError(f"the peer closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def recv_until_closed(sock: socket.socket) -> bytes:
    reader = _reader(sock)
    chunks = []
    while chunk := reader.read(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    view = memoryview(data)
    sent = 0
    while sent < len(view):
        sent += sock.send(view[sent:])
