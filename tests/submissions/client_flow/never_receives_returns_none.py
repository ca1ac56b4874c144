"""Bug: connects and sends, but never calls recv() and returns nothing (None)."""
import socket


def request(host, port, message):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect((host, port))
        s.sendall(message)
