"""Correct: the header peeked (MSG_PEEK | MSG_WAITALL), a length over MAX_FRAME refused with the header and the
payload both left in the socket, else header and payload taken in one MSG_WAITALL loop (a trial: it was told
"after reading -4 bytes of that payload")."""

import socket
import struct

MAX_FRAME = 1 << 20


def send_frame(sock, payload):
    if len(payload) > MAX_FRAME:
        raise ValueError("payload over MAX_FRAME")
    sock.sendall(struct.pack("!I", len(payload)) + payload)


def recv_frame(sock):
    head = sock.recv(4, socket.MSG_PEEK | socket.MSG_WAITALL)
    if not head:
        return None
    if len(head) < 4:
        raise EOFError("EOF inside a header")
    (length,) = struct.unpack("!I", head)
    if length > MAX_FRAME:
        raise ValueError("frame too large")
    want = 4 + length
    frame = b""
    while len(frame) < want:
        part = sock.recv(want - len(frame), socket.MSG_WAITALL)
        if not part:
            raise EOFError("EOF inside a payload")
        frame += part
    return frame[4:]


def serve_lines(sock):
    buf = bytearray()
    n = 0
    while True:
        data = sock.recv(65536)
        if not data:
            return n
        buf += data
        while True:
            i = buf.find(b"\n")
            if i < 0:
                break
            sock.sendall(bytes(buf[:i])[::-1] + b"\n")
            del buf[: i + 1]
            n += 1
