"""Bug: the conversation runs in a forked child whose reply comes back through a pipe; request() reads the pipe and returns, never waiting for the child (os.waitpid): it stays a zombie, or still runs."""

import os
import socket


def request(host: str, port: int, message: bytes) -> bytes:
    """Send message to (host, port), close the sending side, return everything the server sends back."""
    read_end, write_end = os.pipe()
    if os.fork() == 0:  # the child talks to the server
        os.close(read_end)
        with socket.create_connection((host, port)) as sock:
            sock.sendall(message)
            sock.shutdown(socket.SHUT_WR)
            while chunk := sock.recv(4096):
                os.write(write_end, chunk)
        os._exit(0)
    os.close(write_end)
    chunks = []
    with os.fdopen(read_end, "rb") as pipe:
        while chunk := pipe.read(4096):
            chunks.append(chunk)
    return b"".join(chunks)  # the child is never waited for
