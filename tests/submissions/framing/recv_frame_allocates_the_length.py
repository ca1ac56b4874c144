"""Bug (pathological): native byte order, no MAX_FRAME check, and a buffer of the announced length allocated
at once: the grader's 291-byte frame reads as 587,268,096 bytes, so this reserves and zero-fills 560 MiB."""

import socket
import struct

MAX_FRAME = 1 << 20


def send_frame(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack("!I", len(payload)) + payload)


def recv_frame(sock: socket.socket) -> bytes | None:
    header = bytearray()
    while len(header) < 4:
        chunk = sock.recv(4 - len(header))
        if not chunk:
            if header:
                raise EOFError("closed inside a header")
            return None
        header += chunk
    (length,) = struct.unpack("=I", header)
    buffer = bytearray(length)  # trusts the network with the machine's memory
    view = memoryview(buffer)
    got = 0
    while got < length:
        n = sock.recv_into(view[got:], length - got)
        if n == 0:
            raise EOFError(f"closed after {got} of {length} bytes")
        got += n
    return bytes(buffer)


def serve_lines(sock: socket.socket) -> int:
    raise NotImplementedError
