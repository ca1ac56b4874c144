"""Bug: recv_until_closed() reads 64 bytes per recv() (hundreds of thousands of calls), in a forked child that
hands the bytes back through a pipe: the work is the child's, the time is the function's all the same."""

import os
import socket


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    raise NotImplementedError


def recv_until_closed(sock: socket.socket) -> bytes:
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        while chunk := sock.recv(64):
            os.write(write_end, chunk)
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 1 << 20):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(child, 0)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    raise NotImplementedError
