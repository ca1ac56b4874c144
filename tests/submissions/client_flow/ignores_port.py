"""Bug: connects to a hard-coded port (8989) instead of the port it is given."""
import socket

PORT = 8989


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, PORT))
    s.sendall(message)
    reply = s.recv(1024)
    s.close()
    return reply
