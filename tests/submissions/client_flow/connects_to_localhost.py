"""Bug: connects to "localhost" instead of the host it is given."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect(("localhost", port))
    s.sendall(message)
    reply = s.recv(1024)
    s.close()
    return reply
