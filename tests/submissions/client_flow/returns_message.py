"""Bug: returns the message it sent instead of the server's reply."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(message)
    s.recv(1024)
    s.close()
    return message
