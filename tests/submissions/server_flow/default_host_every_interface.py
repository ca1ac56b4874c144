"""Bug: the tutorial's bind(("", port)) copied into the signature's default: serve_once(port, host="").

Given a host, it listens there; called as serve_once(port), it listens on every network interface of the
machine (0.0.0.0), where anyone on the network can reach it. The default in the contract is 127.0.0.1.
"""

import socket


def serve_once(port: int, host: str = "") -> bytes:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen()
    conn, _ = server.accept()
    with conn:
        message = conn.recv(1024)
        conn.sendall(message)
    server.close()
    return message
