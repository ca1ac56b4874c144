"""Bug: a test call left at the bottom of the module; it runs on import (and fails: nothing listens on 5000)."""
import socket


def request(host, port, message):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect((host, port))
        s.sendall(message)
        return s.recv(1024)


print(request("127.0.0.1", 5000, b"hello"))
