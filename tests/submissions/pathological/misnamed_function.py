"""Pathological: the function has the wrong name."""

import socket


def send_request(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        return client.recv(1024)
