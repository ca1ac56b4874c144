# BUG: the header loop subtracts the wrong variable (len(header) instead of len(chunk)):
# with a header split 2+2 it asks recv() for a negative size. Lesson: "Read exactly 4 bytes
# of header, with lesson 3's loop: the header, too, can arrive in pieces".
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
    header = b""
    need = 4
    while need:
        chunk = sock.recv(need)
        if not chunk:
            if header:
                raise EOFError("EOF inside header")
            return None
        header += chunk
        need -= len(header)
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
            sock.sendall(line[::-1] + b"\n")
            count += 1

