"""Bug: SO_LINGER set to (on, 0 seconds) on the accepted connection: close() resets it (RST) instead of
closing it (FIN), although the echo was sent and the message read.
"""

import socket
import struct


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        conn, _ = server.accept()
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with conn:
            message = conn.recv(1024)
            conn.sendall(message)
    return message
