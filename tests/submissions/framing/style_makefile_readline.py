"""Correct: serve_lines over sock.makefile("rb") and readline(); recv_frame with a helper and struct."""

import socket
import struct

MAX_FRAME = 1 << 20


def _exactly(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return bytes(data)


def send_frame(sock: socket.socket, payload: bytes) -> None:
    if len(payload) > MAX_FRAME:
        raise ValueError("too big")
    frame = struct.pack(">I", len(payload)) + payload
    view = memoryview(frame)
    while view:
        view = view[sock.send(view):]


def recv_frame(sock: socket.socket) -> bytes | None:
    header = _exactly(sock, 4)
    if not header:
        return None
    if len(header) != 4:
        raise EOFError("truncated header")
    (size,) = struct.unpack(">I", header)
    if size > MAX_FRAME:
        raise ValueError("frame too big")
    payload = _exactly(sock, size)
    if len(payload) != size:
        raise EOFError("truncated payload")
    return payload


def serve_lines(sock: socket.socket) -> int:
    answered = 0
    with sock.makefile("rb") as lines:
        for line in lines:
            if not line.endswith(b"\n"):
                break  # the last line had no newline: dropped
            sock.sendall(line[:-1][::-1] + b"\n")
            answered += 1
    return answered
