"""Bug: recv(16) for a message longer than 16 bytes: the server echoes and returns the message's first 16
bytes. The messages say that recv() was asked for too few bytes, not that the bytes were changed (an
independent trial)."""

import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.create_server((host, port)) as listener:
        conn, _ = listener.accept()
        with conn:
            data = conn.recv(16)
            conn.sendall(data)
    return data
