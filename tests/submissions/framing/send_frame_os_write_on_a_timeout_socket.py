"""Bug: send_frame() writes with os.write() on the socket's fileno() (a trial's): a socket with a timeout is
non-blocking underneath, so the write fails with BlockingIOError once the send buffer is full (OS_WRITE_HINT)."""

import os
import socket
import struct  # noqa: F401

MAX_FRAME = 1 << 20


def _fill(sock: socket.socket, buf: bytearray) -> int:
    """Fill buf from sock; return how many bytes arrived before EOF (len(buf) if all)."""
    view = memoryview(buf)
    got = 0
    while got < len(buf):
        k = sock.recv_into(view[got:], min(len(buf) - got, 65536))
        if k == 0:
            break
        got += k
    return got


def send_frame(sock: socket.socket, payload: bytes) -> None:
    if len(payload) > MAX_FRAME:
        raise ValueError("over MAX_FRAME")
    view = memoryview(len(payload).to_bytes(4, "big") + payload)
    fd = sock.fileno()
    while view:
        view = view[os.write(fd, view):]


def recv_frame(sock: socket.socket) -> bytes | None:
    header = bytearray(4)
    got = _fill(sock, header)
    if got == 0:
        return None
    if got < 4:
        raise EOFError(f"peer closed inside a header ({got} of 4 bytes)")
    length = int.from_bytes(header, "big")
    if length > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes announced, over MAX_FRAME")
    payload = bytearray(length)
    got = _fill(sock, payload)
    if got < length:
        raise EOFError(f"peer closed inside a payload ({got} of {length} bytes)")
    return bytes(payload)


def serve_lines(sock: socket.socket) -> int:
    pending = bytearray()
    answered = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return answered
        pending += chunk
        start = 0
        while (nl := pending.find(b"\n", start)) >= 0:
            line = pending[start:nl]
            sock.sendall(bytes(line[::-1]) + b"\n")
            answered += 1
            start = nl + 1
        del pending[:start]
