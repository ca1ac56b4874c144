"""serve_lines() with splitlines(keepends=True): a lone b"\\r" ends a part too (a trial's: told as a piece answered).
"""

import io
import socket
import struct
from functools import partial
from itertools import takewhile, repeat

MAX_FRAME = 1 << 20

def send_frame(sock: socket.socket, payload: bytes) -> None:
    if len(payload) > MAX_FRAME:
        raise ValueError(f"payload of {len(payload)} bytes > {MAX_FRAME}")
    sock.sendall(len(payload).to_bytes(4, "big") + payload)

def _exactly(sock, n):
    buf = bytearray()
    while (left := n - len(buf)) > 0:
        if not (chunk := sock.recv(min(left, 65536))):
            raise EOFError(f"{len(buf)} of {n}")
        buf += chunk
    return bytes(buf)

def recv_frame(sock: socket.socket) -> bytes | None:
    if not (first := sock.recv(4)):
        return None
    try:
        header = first + _exactly(sock, 4 - len(first))
    except EOFError:
        raise EOFError("peer closed inside a header") from None
    if (length := int.from_bytes(header, "big")) > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes > {MAX_FRAME}")
    return _exactly(sock, length)

def serve_lines(sock: socket.socket) -> int:
    buf, count = b"", 0
    while chunk := sock.recv(65536):
        lines = (buf + chunk).splitlines(keepends=True)
        buf = lines.pop() if lines and not lines[-1].endswith(b"\n") else b""
        for line in lines:
            sock.sendall(line.removesuffix(b"\n")[::-1] + b"\n")
            count += 1
    return count
