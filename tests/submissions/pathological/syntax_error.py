"""Pathological: a syntax error (a missing colon)."""

import socket


def request(host, port, message)
    client = socket.socket()
    return client.recv(1024)
