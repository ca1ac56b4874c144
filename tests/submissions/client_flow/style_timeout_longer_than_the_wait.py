"""Correct: a generous timeout (30 s) on the whole conversation, raising if it ever expires.

A timeout that raises is no bug: it never returns a silence as the reply. The reference server's hold ends
once the code is seen asleep in a wait that outlasts it.
"""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    with socket.create_connection((host, port), timeout=30) as client:
        client.sendall(message)
        return client.recv(1024)
