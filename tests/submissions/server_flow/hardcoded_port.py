"""Bug: binds to a hard-coded port (8989) instead of the port it is given."""
import socket

PORT = 8989


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, PORT))
    server.listen(5)
    conn, addr = server.accept()
    message = conn.recv(1024)
    conn.sendall(message)
    conn.close()
    server.close()
    return message
