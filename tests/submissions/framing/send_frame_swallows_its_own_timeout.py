"""Bug: send_frame() sets settimeout(0.2) and returns quietly when sendall() times out (a trial's): a peer that pauses
its reading loses the rest of the frame, and the caller is told it was sent."""

import socket
import struct

MAX_FRAME = 1 << 20

def send_frame(sock, payload):
    if len(payload) > MAX_FRAME:
        raise ValueError("too big")
    sock.settimeout(0.2)
    try:
        sock.sendall(struct.pack("!I", len(payload)) + payload)
    except socket.timeout:
        pass  # peer is not reading

def _exactly(sock, n, what):
    buf = bytearray()
    while len(buf) < n:
        c = sock.recv(min(n - len(buf), 65536))
        if not c:
            return buf
        buf += c
    return buf

def recv_frame(sock):
    header = _exactly(sock, 4, "header")
    if not header:
        return None
    if len(header) < 4:
        raise EOFError(f"EOF inside the header ({len(header)} of 4 bytes)")
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes is over MAX_FRAME")
    payload = _exactly(sock, length, "payload")
    if len(payload) < length:
        raise EOFError(f"EOF inside the payload ({len(payload)} of {length} bytes)")
    return bytes(payload)

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
            del buf[:i + 1]
            sock.sendall(line[::-1] + b"\n")
            count += 1
