"""Bug: decodes and re-encodes the message, which changes its non-UTF-8 bytes."""
import socket


def request(host, port, message):
    text = message.decode("utf-8", errors="replace")
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(text.encode())
    reply = s.recv(1024)
    s.close()
    return reply
