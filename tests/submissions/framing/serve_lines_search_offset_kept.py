# BUG: serve_lines searches only from where the new chunk started, but does not reset that offset
# after cutting a line off the buffer: when leftover bytes were in the buffer and the chunk holds
# two lines, the second is found late or never (when the leftover is longer than it). Lesson:
# "while the buffer holds a b\"\\n\": cut off the line ... answer all complete lines".
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
        raise ValueError("payload too large")
    sock.sendall(struct.pack("!I", len(payload)))
    sock.sendall(payload)


def recv_frame(sock):
    header = _recv_exactly(sock, 4)
    if not header:
        return None
    if len(header) < 4:
        raise EOFError("EOF inside the header")
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes is over MAX_FRAME")
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
        start = len(buf)          # only search the new bytes (optimisation)
        buf += chunk
        while True:
            i = buf.find(b"\n", start)
            if i == -1:
                break
            line = bytes(buf[:i])
            del buf[: i + 1]
            sock.sendall(line[::-1] + b"\n")
            count += 1
