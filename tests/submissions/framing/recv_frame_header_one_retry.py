# BUG: the header is read with one recv() and ONE retry, not a loop: a header in three pieces
# (1+1+2) raises EOFError. Lesson: "Read exactly 4 bytes of header, with lesson 3's loop: ...
# recv(4) may return 1, 2 or 3 bytes".
import socket
import struct

MAX_FRAME = 1 << 20


def send_frame(sock, payload):
    if len(payload) > MAX_FRAME:
        raise ValueError("payload too large")
    sock.sendall(struct.pack("!I", len(payload)) + payload)


def _recv_exactly(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            break
        buf += chunk
    return bytes(buf)


def recv_frame(sock):
    header = sock.recv(4)
    if not header:
        return None
    if len(header) < 4:  # header split in two: get the rest
        more = sock.recv(4 - len(header))
        if not more:
            raise EOFError("EOF inside the header")
        header += more
    if len(header) < 4:
        raise EOFError("EOF inside the header")
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes is too large")
    payload = _recv_exactly(sock, length)
    if len(payload) < length:
        raise EOFError("EOF inside the payload")
    return payload


def serve_lines(sock):
    buf = bytearray()
    count = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return count
        buf += chunk
        while True:
            i = buf.find(b"\n")
            if i < 0:
                break
            line = bytes(buf[:i])
            del buf[: i + 1]
            sock.sendall(line[::-1] + b"\n")
            count += 1
