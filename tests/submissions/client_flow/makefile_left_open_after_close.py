"""Bug: close()s the socket but never the file makefile() made from it. A socket stays open while a file made
from it is open (its count of files, _io_refs): only the file's close() releases it. In a plain Python run the
file is freed, and so closed, as request() returns (a detail of CPython's reference counting, never the code's
doing); the grader holds every such file, as it holds every socket, so only an explicit close() counts.
"""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect((host, port))
    f = sock.makefile("rwb")
    f.write(message)
    f.flush()
    reply = f.read()
    sock.close()
    return reply
