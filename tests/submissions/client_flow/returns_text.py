"""Bug: returns the reply decoded to text (reply.decode()) instead of bytes."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(message)
    reply = s.recv(1024)
    s.close()
    return reply.decode("utf-8", errors="replace")
