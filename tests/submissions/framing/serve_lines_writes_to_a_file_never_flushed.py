"""serve_lines() writes its replies to sock.makefile("wb") and never flushes it: nothing reaches the socket.

A trial's. The hint said the code waited for more data; it now says the replies sat in the file's buffer.
"""

import socket
import struct

MAX_FRAME = 1 << 20


def send_frame(sock: socket.socket, payload: bytes) -> None:
    if len(payload) > MAX_FRAME:
        raise ValueError("frame too large")
    data = len(payload).to_bytes(4, "big") + payload
    view = memoryview(data)
    while view:
        view = view[sock.send(view):]


def recv_frame(sock: socket.socket) -> bytes | None:
    # like DataInputStream.readFully on an unbuffered stream
    with sock.makefile("rb", buffering=0) as raw:
        hdr = bytearray(4)
        got = 0
        while got < 4:
            k = raw.readinto(memoryview(hdr)[got:])
            if not k:
                if got == 0:
                    return None
                raise EOFError("EOF in header")
            got += k
        length = int.from_bytes(hdr, "big")
        if length > MAX_FRAME:
            raise ValueError("frame too large")
        body = bytearray(length)
        got = 0
        while got < length:
            k = raw.readinto(memoryview(body)[got:])
            if not k:
                raise EOFError("EOF in payload")
            got += k
        return bytes(body)


def serve_lines(sock: socket.socket) -> int:
    # like BufferedReader, but readline keeps the b"\n" so nothing is stripped
    count = 0
    # like new BufferedReader(...) / new BufferedWriter(...) around the socket's streams
    with sock.makefile("rb") as rfile, sock.makefile("wb") as wfile:
        while True:
            line = rfile.readline()
            if not line.endswith(b"\n"):
                return count      # EOF (b"") or a last line without a newline
            wfile.write(line[:-1][::-1] + b"\n")    # buffered: no flush() until the file closes
            count += 1
