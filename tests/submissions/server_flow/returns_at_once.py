"""Bug: serve_once() returns at once, without listening."""

import socket


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    """Serve one client on (host, port): echo its message back and return it."""
    return b""
    # 1. Create the listening socket.
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        # 2. Allow a restart on the same port while an old connection is in TIME_WAIT.
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # 3. Bind to the address we are given, 4. listen.
        server.bind((host, port))
        server.listen(128)
        # 5. Accept one client: a new socket for that one connection.
        conn, _address = server.accept()
        try:
            # 6. Receive on the connection, never on the listening socket.
            message = conn.recv(1024)
            # 7. Echo it back.
            conn.sendall(message)
        finally:
            # 8. Close the connection first (the server closes first) ...
            conn.close()
    finally:
        # 9. ... then the listening socket.
        server.close()
    return message
