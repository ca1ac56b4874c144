"""Bug: serve_lines() sends its replies through a ThreadPoolExecutor shut down with wait=False: its worker thread is never joined, and may still be sending when the function returns (an independent trial)."""

import socket, struct
from concurrent.futures import ThreadPoolExecutor

MAX_FRAME = 1 << 20

def send_frame(sock, payload):
    if len(payload) > MAX_FRAME:
        raise ValueError("too big")
    sock.sendall(struct.pack("!I", len(payload)) + payload)

def _recv_exactly(sock, n):
    buf = bytearray()
    while len(buf) < n:
        c = sock.recv(min(n - len(buf), 65536))
        if not c:
            return bytes(buf), True
        buf += c
    return bytes(buf), False

def recv_frame(sock):
    head, eof = _recv_exactly(sock, 4)
    if eof:
        if not head:
            return None
        raise EOFError("EOF inside the header")
    (n,) = struct.unpack("!I", head)
    if n > MAX_FRAME:
        raise ValueError(f"frame of {n} bytes is over MAX_FRAME")
    body, eof = _recv_exactly(sock, n)
    if eof:
        raise EOFError(f"EOF after {len(body)} of {n} payload bytes")
    return body

def serve_lines(sock):
    ex = ThreadPoolExecutor(max_workers=1)
    buf = bytearray()
    count = 0
    while (chunk := sock.recv(65536)):
        buf += chunk
        while (i := buf.find(b"\n")) >= 0:
            ex.submit(sock.sendall, bytes(buf[:i])[::-1] + b"\n")
            del buf[:i + 1]
            count += 1
    ex.shutdown(wait=False)
    return count
