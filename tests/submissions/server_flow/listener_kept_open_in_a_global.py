"""Bug: the listening socket made once, kept open in a module-level variable and reused by every call: a second
call works, but the listener stays open after each call (the lesson: close the listening socket too).
"""
import socket

_listener = None


def serve_once(port, host="127.0.0.1"):
    global _listener
    if _listener is None:
        _listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        _listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        _listener.bind((host, port))
        _listener.listen(1)
    conn, _address = _listener.accept()
    with conn:
        message = conn.recv(1024)
        conn.sendall(message)
    return message
