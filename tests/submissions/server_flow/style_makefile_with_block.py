"""Correct: echoes through conn.makefile("wb"), the file closed by its with-block (an independent trial)."""

import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, _ = listener.accept()
        with conn, conn.makefile("wb") as out:
            message = conn.recv(1024)
            out.write(message)
            out.flush()
    return message
