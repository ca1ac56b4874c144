"""Bug: sets SO_REUSEADDR after bind(), when it no longer has any effect."""
import socket


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind((host, port))
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.listen(5)
    conn, addr = server.accept()
    message = conn.recv(1024)
    conn.sendall(message)
    conn.close()
    server.close()
    return message
