"""Bug: sends the message twice (send() then sendall(), "to be sure")."""
import socket


def request(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((host, port))
    s.send(message)
    s.sendall(message)
    reply = s.recv(1024)
    s.close()
    return reply
