"""Bug: never calls close(); the socket is left to the garbage collector."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(message)
    return s.recv(1024)
