# BUG: del buf[:i] instead of del buf[:i + 1]: the b"\n" stays at the front of the buffer, so the next
# search finds it at 0 at once and the loop answers empty lines forever. Lesson: "cut off the line".

import socket
import struct

MAX_FRAME = 1 << 20

def _recv_exactly(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            break
        buf += chunk
    return bytes(buf)

def send_frame(sock, payload):
    if len(payload) > MAX_FRAME:
        raise ValueError(f"payload of {len(payload)} bytes is over MAX_FRAME")
    sock.sendall(struct.pack("!I", len(payload)) + payload)

def recv_frame(sock):
    header = _recv_exactly(sock, 4)
    if not header:
        return None
    if len(header) < 4:
        raise EOFError("EOF inside a header")
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes announced")
    payload = _recv_exactly(sock, length)
    if len(payload) < length:
        raise EOFError("EOF inside a payload")
    return payload

def serve_lines(sock):
    buf = bytearray()
    count = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return count
        buf += chunk
        while (i := buf.find(b"\n")) >= 0:
            line = bytes(buf[:i])
            del buf[:i]
            sock.sendall(line[::-1] + b"\n")
            count += 1
