"""Correct: reads and writes through one makefile("rwb") file, and closes the file, then the socket."""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect((host, port))
    f = sock.makefile("rwb")
    f.write(message)
    f.flush()
    reply = f.read()
    f.close()
    sock.close()
    return reply
