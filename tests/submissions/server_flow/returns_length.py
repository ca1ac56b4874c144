"""Bug: returns what send() returned (the number of bytes sent) instead of the message."""
import socket


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(5)
    conn, addr = server.accept()
    message = conn.recv(1024)
    sent = conn.send(message)
    conn.close()
    server.close()
    return sent
