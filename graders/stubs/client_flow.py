"""Lesson 1, client_flow: a TCP client.

Read lessons/01-client_flow.md, then grade with:  nox -s grade -- client_flow
"""

import socket  # noqa: F401  (you will need it)


def request(host: str, port: int, message: bytes) -> bytes:
    """Send `message` to the TCP server at (host, port) and return its reply.

    The reply is shorter than 1024 bytes. `message` and the reply are bytes,
    not text: send and return them unchanged.
    """
    # TODO 1. Create a TCP socket over IPv4 (AF_INET, SOCK_STREAM).
    # TODO 2. Connect it to (host, port): use the host and port you are given.
    # TODO 3. Send all of `message`.
    # TODO 4. Receive the server's reply with recv(1024).
    # TODO 5. Close the socket, then return the reply.
    raise NotImplementedError("request() is not implemented yet")
