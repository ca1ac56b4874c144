"""Correct: serve_lines finds each newline with recv(MSG_PEEK), sleeping 1 ms while none has come, then recv()s
exactly that line; a half line stays queued (peeked, not taken) until the rest arrives."""

import select
import socket
import struct
import time

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
    poller = select.poll()
    poller.register(sock, select.POLLRDHUP)
    while True:
        closed = bool(poller.poll(0))  # the peer's FIN (or a reset) came: everything it sends is queued
        seen = sock.recv(65536, socket.MSG_PEEK)
        if not seen:
            return answered  # EOF between lines
        end = seen.find(b"\n")
        if end >= 0:
            line = _exactly(sock, end + 1)
            sock.sendall(line[:-1][::-1] + b"\n")
            answered += 1
        elif closed:
            while sock.recv(65536):  # a last line without its newline: dropped
                pass
            return answered
        elif len(seen) >= 65536:
            raise ValueError("line too long")
        else:
            time.sleep(0.001)  # the rest of the line is on its way: look again
