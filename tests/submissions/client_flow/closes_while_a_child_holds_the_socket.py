"""Bug: request() forks a child that keeps the socket (and sleeps), then closes its own copy: no FIN is sent."""

import os
import socket
import time


def request(host: str, port: int, message: bytes) -> bytes:
    """Send message to the server at (host, port) and return its reply."""
    # 1. Create a TCP socket over IPv4.
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        # 2. Connect: the three-way handshake happens inside connect().
        client.connect((host, port))
        # 3. Send every byte of the message (sendall loops over send()).
        client.sendall(message)
        # 4. Receive the reply: it is shorter than 1024 bytes.
        reply = client.recv(1024)
        if os.fork() == 0:  # the child keeps its copy of the socket open
            time.sleep(60)
            os._exit(0)
    finally:
        # 5. Close the socket, whatever happened.
        client.close()
    return reply
