"""Bug: sends str(message).encode() (the text "b'...'") instead of the bytes."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.sendall(str(message).encode())
    reply = s.recv(1024)
    s.close()
    return reply
