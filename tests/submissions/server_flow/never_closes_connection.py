"""Bug: closes the listening socket but keeps the accepted connection open."""
import socket

clients = []


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(5)
    conn, addr = server.accept()
    clients.append(conn)
    message = conn.recv(1024)
    conn.sendall(message)
    server.close()
    return message
