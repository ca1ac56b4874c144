# request() sends its message with one send() (a classic mistake): send() may take only part of it and returns how
# many bytes it took. Lesson 1: "Send. sendall(message): the message exactly as you received it".
"""Lesson 1, client_flow: a TCP client (reference solution)."""

import socket


def request(host: str, port: int, message: bytes) -> bytes:
    """Send message to the server at (host, port) and return its reply."""
    # 1. Create a TCP socket over IPv4.
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        # 2. Connect: the three-way handshake happens inside connect().
        client.connect((host, port))
        # 3. Send the message: one send() (it may take only part).
        client.send(message)
        # 4. Receive the reply: it is shorter than 1024 bytes.
        reply = client.recv(1024)
    finally:
        # 5. Close the socket, whatever happened.
        client.close()
    return reply
