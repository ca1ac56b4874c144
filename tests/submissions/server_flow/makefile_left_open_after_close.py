"""Bug: echoes through a file made by conn.makefile("wb"), then close()s the connection but never that file:
the connection stays open while the file is (only the file's close() releases it). In a plain Python run the
file is freed as serve_once() returns, and the connection closes then, by CPython's reference counting, not by
the code; the grader holds every such file, as it holds every socket."""

import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, _ = listener.accept()
        out = conn.makefile("wb")
        message = conn.recv(1024)
        out.write(message)
        out.flush()
        conn.close()
    return message
