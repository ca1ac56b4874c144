"""Bug: close() before sendall(): nothing is sent, and the sendall() raises on the closed socket (a trial's; it was told
"the bytes were changed on the way")."""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client.connect((host, port))
    client.close()
    try:
        client.sendall(message)
        return client.recv(1024)
    except OSError:
        return b""
