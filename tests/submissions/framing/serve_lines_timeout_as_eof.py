"""Bug: serve_lines() sets a short timeout and returns the count when it expires, as if the client had closed (an independent trial)."""

import socket
import struct

MAX_FRAME = 1 << 20  # the largest payload a frame may carry


def _recv_exactly(sock: socket.socket, n: int, at_start: bool = False) -> bytes | None:
    """Exactly n bytes; None if the peer closed before the first byte of a header (at_start)."""
    buffer = bytearray()
    while len(buffer) < n:
        chunk = sock.recv(n - len(buffer))
        if not chunk:
            if at_start and not buffer:
                return None
            raise EOFError(f"peer closed after {len(buffer)} of {n} bytes")
        buffer += chunk
    return bytes(buffer)


def send_frame(sock: socket.socket, payload: bytes) -> None:
    """Send one frame: a 4-byte big-endian length, then the payload."""
    if len(payload) > MAX_FRAME:
        raise ValueError(f"payload of {len(payload)} bytes is over MAX_FRAME ({MAX_FRAME})")
    sock.sendall(struct.pack("!I", len(payload)) + payload)


def recv_frame(sock: socket.socket) -> bytes | None:
    """Return the next frame's payload; None if the peer closed cleanly between frames."""
    header = _recv_exactly(sock, 4, at_start=True)
    if header is None:
        return None
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError(f"frame length {length} is over MAX_FRAME ({MAX_FRAME})")
    return _recv_exactly(sock, length)


def serve_lines(sock: socket.socket) -> int:
    """Answer each complete line with the line reversed; return how many were answered at EOF."""
    buffer = bytearray()
    answered = 0
    while True:
        sock.settimeout(0.3)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:  # silence taken for the end
            return answered
        if not chunk:
            return answered
        buffer += chunk
        while (end := buffer.find(b"\n")) >= 0:
            line = bytes(buffer[:end])
            del buffer[: end + 1]
            sock.sendall(line[::-1] + b"\n")
            answered += 1
