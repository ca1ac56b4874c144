"""Lesson 4, graceful_close: half-close, EOF, FIN and RST.

Read lessons/04-graceful_close.md, then grade with:  nox -s grade -- graceful_close
"""

import socket  # noqa: F401  (you will need it)


def request_and_half_close(host: str, port: int, message: bytes) -> bytes:
    """Send message, signal its end with a half-close, return the whole reply.

    The server replies only after it sees the end of your request (EOF).
    """
    # TODO 1. Connect to (host, port) and send all of `message`.
    # TODO 2. shutdown(socket.SHUT_WR): "I will send nothing more" (FIN).
    # TODO 3. Read the reply until recv() returns b"" (the server's FIN).
    # TODO 4. Close the socket and return the reply.
    raise NotImplementedError("request_and_half_close() is not implemented yet")


def serve_one_request(port: int, host: str = "127.0.0.1") -> bytes:
    """Serve one client: read its request until EOF, send it back reversed.

    Close so that the client sees FIN, not RST. Return the request.
    """
    # TODO 1. Listen on (host, port) with SO_REUSEADDR set before bind().
    # TODO 2. Accept one client.
    # TODO 3. Read its request until recv() returns b"" (the client's FIN).
    # TODO 4. Send back request[::-1].
    # TODO 5. Close the connection and the listener; return the request.
    raise NotImplementedError("serve_one_request() is not implemented yet")


def reject_and_drain(port: int, host: str = "127.0.0.1") -> bytes:
    """Read a header line, reply b"REJECTED\\n", then close without an RST.

    The client sends a header line ending in b"\\n", then a large body.
    Return the header line, b"\\n" included.
    """
    # TODO 1. Listen on (host, port) with SO_REUSEADDR set, accept one client.
    # TODO 2. Read the header line only, up to and including b"\n".
    # TODO 3. Send b"REJECTED\n" at once.
    # TODO 4. shutdown(socket.SHUT_WR), then read and discard until b"".
    # TODO 5. Only then close the connection and the listener.
    raise NotImplementedError("reject_and_drain() is not implemented yet")
