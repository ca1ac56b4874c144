"""Bug: close()s the socket, but the file makefile() made from it is kept open in a module-level list: the
socket stays open (in CLOSE_WAIT once the server's FIN came) until that file is closed. The message names the
file, not a missing close() of the socket: the code did call it."""

import socket

_open_files = []  # kept "for debugging"


def request(host: str, port: int, message: bytes) -> bytes:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect((host, port))
    f = sock.makefile("rwb")
    _open_files.append(f)
    f.write(message)
    f.flush()
    reply = f.read()
    sock.close()
    return reply
