"""Bug: the message read with makefile("rb").readline(1024) (a trial's): any bytes may come, a newline anywhere
or none; the reference client's message has one inside it and none at its end."""

import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.create_server((host, port)) as listener:
        conn, _ = listener.accept()
        with conn, conn.makefile("rb") as f:
            message = f.readline(1024)
            conn.sendall(message)
    return message
