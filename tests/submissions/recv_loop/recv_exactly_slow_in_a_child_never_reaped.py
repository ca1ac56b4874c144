"""Bug: recv_exactly() reads 64 bytes per recv() (hundreds of thousands of calls), in a forked child that hands
the bytes back through a pipe and is never waited for (a zombie): its time is the function's all the same."""

import os
import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    read_end, write_end = os.pipe()
    if os.fork() == 0:
        os.close(read_end)
        left = n
        while left:
            chunk = sock.recv(min(64, left))
            if not chunk:
                break
            os.write(write_end, chunk)
            left -= len(chunk)
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 1 << 20):
        chunks.append(chunk)
    os.close(read_end)
    data = b"".join(chunks)
    if len(data) < n:
        raise EOFError(f"peer closed after {len(data)} of {n} bytes")
    return data


def recv_until_closed(sock: socket.socket) -> bytes:
    raise NotImplementedError


def send_all(sock: socket.socket, data: bytes) -> None:
    raise NotImplementedError
