"""Bug: the listening socket made once and kept in a module-level variable "to reuse it", closed at the end of each
call: the first call works; a second call in the same process calls listen() on the closed socket and raises.
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
    message = conn.recv(1024)
    conn.sendall(message)
    conn.close()
    _listener.close()
    return message
