"""Bug: an empty message replaced by b"\n" ("the server must receive something, or it waits forever"): the
message is sent changed. An empty message is sent as it is: nothing; the reference server still replies."""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message or b"\n")
        return sock.recv(1024)
