"""Bug: connects to "127.0.0.1" instead of the host it is given."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect(("127.0.0.1", port))
    s.sendall(message)
    reply = s.recv(1024)
    s.close()
    return reply
