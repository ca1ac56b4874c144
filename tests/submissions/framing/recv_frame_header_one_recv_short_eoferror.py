"""Bug: the header read with one recv(4), a short one raised as EOFError("short header"): the header cut after
2 bytes, not the payload (an independent trial)."""
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
            return bytes(buf), True
        buf += chunk
    return bytes(buf), False

def recv_frame(sock):
    header = sock.recv(4)
    if not header:
        return None
    if len(header) < 4:
        raise EOFError("short header")
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError("big")
    payload, eof = _recv_exactly(sock, length)
    if eof:
        raise EOFError
    return payload

def serve_lines(sock):
    buf = bytearray()
    count = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return count
        buf += chunk
        while b"\n" in buf:
            i = buf.index(b"\n")
            line = bytes(buf[:i])
            del buf[:i + 1]
            sock.sendall(line[::-1] + b"\n")
            count += 1
