"""serve_lines() keeps its count in a module-level variable, never reset: each call alone is right; a second call in
the same program counts the first call's lines too (a Python pitfall testers wrote in several forms)."""

import socket
import struct

MAX_FRAME = 1 << 20  # the largest payload a frame may carry
answered = 0  # the lines answered (kept at module level: never reset)


def _recv_exactly(sock: socket.socket, n: int) -> bytes:
    """Lesson 3's loop: exactly n bytes, never more; b"" only if the peer closed before the first."""
    chunks, received = [], 0
    while received < n:
        chunk = sock.recv(min(n - received, 65536))  # never past the frame's last byte
        if not chunk:
            if received == 0:
                return b""
            raise EOFError(f"peer closed after {received} of {n} bytes")
        chunks.append(chunk)
        received += len(chunk)
    return b"".join(chunks)


def send_frame(sock: socket.socket, payload: bytes) -> None:
    """Send one frame: a 4-byte big-endian length, then the payload."""
    if len(payload) > MAX_FRAME:
        raise ValueError(f"payload of {len(payload)} bytes is over MAX_FRAME ({MAX_FRAME})")
    sock.sendall(struct.pack("!I", len(payload)) + payload)  # "!" is network byte order: big-endian


def recv_frame(sock: socket.socket) -> bytes | None:
    """Return the next frame's payload; None if the peer closed cleanly between frames."""
    header = _recv_exactly(sock, 4)
    if not header:  # EOF before the first byte of a header: a clean end
        return None
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:  # check before reading: never trust a length from the network
        raise ValueError(f"frame length {length} is over MAX_FRAME ({MAX_FRAME})")
    payload = _recv_exactly(sock, length)
    if len(payload) < length:  # closed before the payload's first byte
        raise EOFError(f"peer closed after the header of a {length}-byte frame")
    return payload


def serve_lines(sock: socket.socket) -> int:
    """Answer each complete line with the line reversed; return how many were answered at EOF."""
    global answered
    buffer = bytearray()
    while True:
        chunk = sock.recv(65536)
        if not chunk:  # EOF: a last line without b"\n" is dropped
            return answered
        buffer += chunk
        # Answer every complete line now; the bytes after the last b"\n" stay for the next line.
        while (end := buffer.find(b"\n")) >= 0:
            line = bytes(buffer[:end])
            del buffer[: end + 1]
            sock.sendall(line[::-1] + b"\n")
            answered += 1
