"""Bug: the messages gathered in a module-level bytearray that is never cleared: a second call in the same process
returns the first call's message too, in front of its own (the lesson: "return the message", this client's).
"""
import socket

_received = bytearray()


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(1)
    conn, _address = server.accept()
    message = conn.recv(1024)
    _received.extend(message)
    conn.sendall(message)
    conn.close()
    server.close()
    return bytes(_received)
