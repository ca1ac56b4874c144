# BUG: sends the message in 64 KiB pieces with sendall(), but the loop is
# range(0, len(message) - 1, STEP): when len(message) % STEP == 1 (e.g. a
# 1-byte message, or 65537 bytes) the last piece is never sent; a 1-byte
# message sends nothing. Violates "send all of `message`, unchanged, exactly once".
import socket

STEP = 65536


def request(host: str, port: int, message: bytes) -> bytes:
    with socket.create_connection((host, port)) as sock:
        view = memoryview(message)
        for i in range(0, len(message) - 1, STEP):
            sock.sendall(view[i:i + STEP])
        return sock.recv(1024)
