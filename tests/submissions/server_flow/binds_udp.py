"""Bug: a UDP socket (SOCK_DGRAM) bound to the given address: nothing listens for TCP there, so the reference
client never connects, and recvfrom() waits until the grader stops it. The message says UDP (the kernel
shows the call's socket in its UDP table), not only where it waited."""

import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        data, client = server.recvfrom(1024)
        server.sendto(data, client)
    return data
