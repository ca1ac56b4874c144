"""Bug: the header sent before the size is checked, then a bare `raise ValueError` (no message): 4 bytes of a frame
go out for a payload over MAX_FRAME (an independent trial)."""
import socket
import struct

MAX_FRAME = 1 << 20

def send_frame(sock, payload):
    sock.sendall(struct.pack("!I", len(payload)))
    if len(payload) > MAX_FRAME:
        raise ValueError
    sock.sendall(payload)

def _recv_exactly(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return bytes(buf), True
        buf += chunk
    return bytes(buf), False

def recv_frame(sock):
    header, eof = _recv_exactly(sock, 4)
    if eof:
        if not header:
            return None
        raise EOFError("EOF inside header")
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError("frame too large")
    payload, eof = _recv_exactly(sock, length)
    if eof:
        raise EOFError("EOF inside payload")
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
