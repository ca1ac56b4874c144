"""serve_lines() splits its buffer with splitlines(), which also cuts at a lone b"\\r" (a trial's).

The hint said bytes after a newline were lost; it now names the b"\\r" cut.
"""

import socket
import struct

MAX_FRAME = 1 << 20


def _recv_exactly(sock, n):
    chunks = []
    got = 0
    while got < n:
        chunk = sock.recv(min(n - got, 65536))
        if not chunk:
            raise EOFError(f"EOF after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def send_frame(sock: socket.socket, payload: bytes) -> None:
    if len(payload) > MAX_FRAME:
        raise ValueError(f"payload of {len(payload)} bytes is over MAX_FRAME")
    sock.sendall(struct.pack("!I", len(payload)) + payload)


def recv_frame(sock: socket.socket) -> bytes | None:
    header = b""
    while len(header) < 4:
        chunk = sock.recv(4 - len(header))
        if not chunk:
            if not header:
                return None
            raise EOFError(f"EOF inside the header after {len(header)} bytes")
        header += chunk
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes announced, over MAX_FRAME")
    return _recv_exactly(sock, length)


def serve_lines(sock: socket.socket) -> int:
    buf = bytearray()
    count = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return count
        buf += chunk
        pieces = bytes(buf).splitlines(keepends=True)
        buf = bytearray()
        for piece in pieces:
            if piece.endswith(b"\n"):
                body = piece[:-1]
                if body.endswith(b"\r"):
                    pass
                sock.sendall(body[::-1] + b"\n")
                count += 1
            else:
                buf += piece
