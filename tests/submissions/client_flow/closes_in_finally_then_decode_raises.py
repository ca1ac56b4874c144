"""Bug in the reply only: closes its socket in a finally: block, then decode() raises on the reply's non-UTF-8
bytes. The reply check fails (RAISED); the close check must pass: the socket was closed."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.connect((host, port))
        s.sendall(message)
        chunks = []
        while chunk := s.recv(1024):
            chunks.append(chunk)
    finally:
        s.close()
    return b"".join(chunks).decode().encode()
