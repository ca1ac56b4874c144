"""Bug: the message stripped of its whitespace (recv(1024).strip()), echoed and returned without its newline (a trial's;
it was told "recv(n) returns at most n bytes")."""

import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, _ = listener.accept()
        with conn:
            data = conn.recv(1024).strip()
            conn.sendall(data)
        return data
