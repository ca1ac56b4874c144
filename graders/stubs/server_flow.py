"""Lesson 2, server_flow: a TCP server that serves one client.

Read lessons/02-server_flow.md, then grade with:  nox -s grade -- server_flow
"""

import socket  # noqa: F401  (you will need it)


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    """Serve one client on (host, port): echo its message back and return it.

    The client's message is shorter than 1024 bytes and may be any bytes.
    """
    # TODO 1. Create a TCP socket over IPv4 (AF_INET, SOCK_STREAM).
    # TODO 2. Set SO_REUSEADDR on it, before bind().
    # TODO 3. Bind it to (host, port) and listen().
    # TODO 4. accept() one client: it returns a NEW socket for that connection.
    # TODO 5. Receive the client's message with recv(1024) on the new socket.
    # TODO 6. Send the same bytes back on the new socket.
    # TODO 7. Close the connection, then the listening socket; return the message.
    raise NotImplementedError("serve_once() is not implemented yet")
