"""Bug: receives the reply but forgets to return it (returns None)."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(message)
    reply = s.recv(1024)
    s.close()
