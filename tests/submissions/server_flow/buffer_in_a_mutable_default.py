"""Bug: a mutable default argument used as the buffer (def serve_once(port, host="127.0.0.1", _buf=[])): one list,
made once, shared by every call: a second call in the same process echoes and returns the first call's message too.
"""
import socket


def serve_once(port, host="127.0.0.1", _buf=[]):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(1)
    conn, _address = server.accept()
    _buf.append(conn.recv(1024))
    message = b"".join(_buf)
    conn.sendall(message)
    conn.close()
    server.close()
    return message
