"""Bug: @functools.lru_cache on serve_once() "to avoid setting the server up twice": a second call with the same
(port, host) returns the first call's message without listening at all; the second client is never served.
"""
import functools
import socket


@functools.lru_cache(maxsize=None)
def serve_once(port, host="127.0.0.1"):
    with socket.create_server((host, port)) as server:
        conn, _address = server.accept()
        with conn:
            message = conn.recv(1024)
            conn.sendall(message)
    return message
