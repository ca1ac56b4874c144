"""Lesson 1, client_flow: a TCP client (bug: the reply returned as an instance of a subclass of bytes, with a helper of its own)."""

import socket


class Reply(bytes):
    """The server's reply, with a helper to read it as text."""

    def text(self) -> str:
        return self.decode("utf-8", "replace")


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
    finally:
        # 5. Close the socket, whatever happened.
        client.close()
    return Reply(reply)
