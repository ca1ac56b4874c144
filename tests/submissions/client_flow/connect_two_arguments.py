"""Bug: connect(host, port) with two arguments instead of one address tuple (a TypeError about arguments)."""
import socket


def request(host, port, message):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect(host, port)
        s.sendall(message)
        return s.recv(1024)
