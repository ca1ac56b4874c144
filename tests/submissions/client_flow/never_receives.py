"""Bug: sends the message but never calls recv(); returns b""."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(message)
    s.close()
    return b""
