"""Pathological: runs code at import time that fails."""

import socket

client = socket.create_connection(("127.0.0.1", 1))  # nothing listens on port 1


def request(host, port, message):
    return b""
