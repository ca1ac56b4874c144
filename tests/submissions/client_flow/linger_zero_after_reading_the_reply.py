"""Bug: SO_LINGER set to (on, 0 seconds): close() resets the connection (RST) instead of closing it (FIN),
although the whole reply was read. The server never sees the client's orderly close.
"""

import socket
import struct


def request(host: str, port: int, message: bytes) -> bytes:
    sock = socket.create_connection((host, port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.sendall(message)
    chunks = []
    while chunk := sock.recv(4096):
        chunks.append(chunk)
    sock.close()
    return b"".join(chunks)
