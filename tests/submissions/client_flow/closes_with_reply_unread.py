"""Bug: reads only the first bytes of the reply, then closes: the unread rest makes the kernel send RST."""
import socket


def request(host: str, port: int, message: bytes) -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect((host, port))
        s.sendall(message)
        reply = s.recv(8)
    return reply
