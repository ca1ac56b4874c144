# BUG: an empty message short-circuits: no connection, returns b"" without asking the server.
# Lesson: "create a TCP socket (IPv4) and connect to (host, port) ... receive the server's reply ... return the reply".
import socket

def request(host, port, message):
    if not message:
        return b""
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        return sock.recv(1024)
