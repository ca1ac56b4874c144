"""Correct: recv_into a preallocated bytearray; the header with MSG_WAITALL; int.from_bytes."""

import socket

MAX_FRAME = 1 << 20


def send_frame(sock: socket.socket, payload: bytes) -> None:
    if len(payload) > MAX_FRAME:
        raise ValueError("payload too large")
    sock.sendall(len(payload).to_bytes(4, "big"))
    sock.sendall(payload)


def recv_frame(sock: socket.socket) -> bytes | None:
    header = sock.recv(4, socket.MSG_WAITALL)  # short only at EOF
    if header == b"":
        return None
    if len(header) < 4:
        raise EOFError("closed inside a header")
    length = int.from_bytes(header, "big")
    if length > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes")
    buf = bytearray(length)
    view = memoryview(buf)
    got = 0
    while got < length:
        n = sock.recv_into(view[got:], length - got)
        if n == 0:
            raise EOFError("closed inside a payload")
        got += n
    return bytes(buf)


def serve_lines(sock: socket.socket) -> int:
    pending = b""
    count = 0
    while data := sock.recv(4096):
        *lines, pending = (pending + data).split(b"\n")
        for line in lines:
            sock.sendall(line[::-1] + b"\n")
            count += 1
    return count
