# BUG: `if not line.strip(): continue` skips (and does not count) lines made only of spaces,
# tabs or control bytes. Lesson: "A line is every byte up to b\"\\n\" ... the reply keeps them all."
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
    header = _recv_exactly(sock, 4)
    if not header:
        return None
    if len(header) < 4:
        raise EOFError("EOF inside header")
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError("too large")
    payload = _recv_exactly(sock, length)
    if len(payload) < length:
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
        while (i := buf.find(b"\n")) >= 0:
            line = bytes(buf[:i])
            del buf[: i + 1]
            if not line.strip():
                continue
            sock.sendall(line[::-1] + b"\n")
            count += 1
