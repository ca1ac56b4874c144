"""Bug: the echo and the close run in a thread that serve_once() never joins: it returns while that work may still be under way (an independent trial)."""

import socket
import threading


def _echo(conn: socket.socket, message: bytes) -> None:
    with conn:
        conn.sendall(message)


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    """Serve one client on (host, port): echo its message back and return it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        conn, _address = server.accept()
        message = conn.recv(1024)
        threading.Thread(target=_echo, args=(conn, message)).start()  # never joined
    return message
