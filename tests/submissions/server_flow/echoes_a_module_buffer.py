"""Bug: the echo written from a module-level outgoing buffer that is never cleared: the function returns the right
message, but a second call in the same process sends the first client's message back to the second client too.
"""
import socket

_outgoing = bytearray()


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(1)
    conn, _address = server.accept()
    message = conn.recv(1024)
    _outgoing.extend(message)
    conn.sendall(_outgoing)
    conn.close()
    server.close()
    return message
