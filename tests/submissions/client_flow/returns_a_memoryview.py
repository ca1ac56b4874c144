"""Lesson 1, client_flow: a TCP client (bug: the reply returned as a memoryview of the buffer it was read into)."""

import socket


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
        buf = bytearray(1024)
        got = client.recv_into(buf)
    finally:
        # 5. Close the socket, whatever happened.
        client.close()
    return memoryview(buf)[:got]
