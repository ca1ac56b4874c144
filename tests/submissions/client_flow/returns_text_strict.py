"""Bug: decodes the reply with reply.decode() (strict UTF-8), which raises on non-UTF-8 bytes."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(message)
    reply = s.recv(1024)
    s.close()
    return reply.decode()
