# BUG: recv_frame takes 5 s of silence before a header for the clean end (returns None), and leaves
# the caller's socket with a 5 s timeout. Lesson: "Only recv() returning b\"\" is the peer's close;
# a pause, however long, is not."
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
    sock.settimeout(5.0)       # don't hang forever on a dead peer
    try:
        header = _recv_exactly(sock, 4)
    except TimeoutError:
        return None            # nothing came: the peer is done
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
        buf += chunk
        while True:
            i = buf.find(b"\n")
            if i == -1:
                break
            line = bytes(buf[:i])
            del buf[: i + 1]
            sock.sendall(line[::-1] + b"\n")
            count += 1
