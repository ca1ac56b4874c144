# BUG: serve_lines() counts only the lines that came whole in one recv(): a line whose start came in an earlier
# segment (b"thr" then b"ee\n") is answered but not counted. The lesson: at EOF, return the number of lines answered.
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
        begun = len(buf) > 0  # a line begun in an earlier recv()
        buf += chunk
        while (i := buf.find(b"\n")) >= 0:
            line = bytes(buf[:i])
            del buf[: i + 1]
            sock.sendall(line[::-1] + b"\n")
            if not begun:  # only a line that came whole in this recv() is counted
                count += 1
            begun = False
