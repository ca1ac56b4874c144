"""recv_frame() reads through sock.makefile("rb"), buffered: the file reads ahead, past the frame (a trial's).

The hints spoke only of recv(), which the code never calls; the read-ahead is now named.
"""

import socket
import struct

MAX_FRAME = 1 << 20


def send_frame(sock: socket.socket, payload: bytes) -> None:
    if len(payload) > MAX_FRAME:
        raise ValueError("too big")
    sock.sendall(struct.pack("!I", len(payload)) + payload)


def recv_frame(sock: socket.socket) -> bytes | None:
    # like new DataInputStream(new BufferedInputStream(s.getInputStream())).readFully()
    with sock.makefile("rb") as f:
        hdr = f.read(4)
        if not hdr:
            return None
        if len(hdr) < 4:
            raise EOFError("short header")
        (n,) = struct.unpack("!I", hdr)
        if n > MAX_FRAME:
            raise ValueError(n)
        body = f.read(n)
        if len(body) < n:
            raise EOFError("short payload")
        return body


def serve_lines(sock: socket.socket) -> int:
    buf = bytearray()
    count = 0
    while True:
        data = sock.recv(65536)
        if not data:
            return count
        buf += data
        while (i := buf.find(b"\n")) >= 0:
            line = bytes(buf[:i])
            del buf[:i + 1]
            sock.sendall(line[::-1] + b"\n")
            count += 1
