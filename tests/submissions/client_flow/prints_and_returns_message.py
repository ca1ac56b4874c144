"""Bug: returns the message it sent; a debugging print() shows the reply it threw away."""

import socket


def request(host, port, message):
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client.connect((host, port))
    client.sendall(message)
    reply = client.recv(1024)
    print("DEBUG got reply", reply)
    client.close()
    return message
