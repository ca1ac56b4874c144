# BUG: serve_lines() counts every recv() that returned data, not every line answered: a segment holding two
# lines counts 1, a line split over two segments counts 2 (a piece is not a line). The lesson: at EOF, return the
# number of lines answered.
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
        raise EOFError("EOF inside a header")
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError("frame too large")
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
        count += 1  # one per recv(): a piece is not a line
        while (i := buf.find(b"\n")) >= 0:
            line = bytes(buf[:i])
            del buf[: i + 1]
            sock.sendall(line[::-1] + b"\n")
