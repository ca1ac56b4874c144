# BUG: asks recv() for n - len(last chunk) instead of n - len(buf): from the third piece on it
# asks for more than is missing and reads the next frame. Lesson: "asking recv() only for what is
# still missing: the next frame may already sit in the socket"; "Never read past the frame's last byte".
import socket
import struct

MAX_FRAME = 1 << 20


def send_frame(sock, payload):
    if len(payload) > MAX_FRAME:
        raise ValueError("payload too large")
    sock.sendall(struct.pack("!I", len(payload)) + payload)


def _recv_exactly(sock, n):
    buf = bytearray()
    chunk = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(chunk))  # should be len(buf)
        if not chunk:
            break
        buf += chunk
    return bytes(buf)


def recv_frame(sock):
    header = _recv_exactly(sock, 4)
    if not header:
        return None
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
