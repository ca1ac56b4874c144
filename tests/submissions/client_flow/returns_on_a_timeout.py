"""Bug: settimeout(0.05) on the socket, and a timeout taken for "the server has nothing to say": returns b"".

The lesson: recv(1024) blocks until the reply's first bytes are there.
"""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        client.settimeout(0.05)
        try:
            return client.recv(1024)
        except TimeoutError:
            return b""
