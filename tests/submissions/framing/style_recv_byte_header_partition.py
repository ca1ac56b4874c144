"""Correct: header read byte by byte; lines found with bytes.partition; replies with send() loops."""

import socket
import struct

MAX_FRAME = 1 << 20


def send_frame(sock, payload):
    if len(payload) > MAX_FRAME:
        raise ValueError("payload over MAX_FRAME")
    data = struct.pack("!I", len(payload)) + bytes(payload)
    total = 0
    while total < len(data):
        total += sock.send(data[total:])


def recv_frame(sock):
    header = b""
    while len(header) < 4:
        byte = sock.recv(1)
        if not byte:
            if header:
                raise EOFError("EOF inside the header")
            return None
        header += byte
    (n,) = struct.unpack("!I", header)
    if n > MAX_FRAME:
        raise ValueError("length over MAX_FRAME")
    chunks = []
    missing = n
    while missing:
        chunk = sock.recv(min(missing, 8192))
        if not chunk:
            raise EOFError("EOF inside the payload")
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def serve_lines(sock):
    buf = b""
    n = 0
    while True:
        data = sock.recv(1024)
        if not data:
            return n
        buf += data
        while b"\n" in buf:
            line, _, buf = buf.partition(b"\n")
            sock.sendall(line[::-1] + b"\n")
            n += 1
