"""Bug: never calls close(), and switches warnings off, so that no ResourceWarning says the socket was dropped."""
import socket
import warnings

warnings.filterwarnings("ignore")


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(message)
    chunks = []
    while chunk := s.recv(1024):
        chunks.append(chunk)
    return b"".join(chunks)
