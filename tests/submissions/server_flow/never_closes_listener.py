"""Bug: closes the connection but keeps the listening socket open."""
import socket

listeners = []


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(5)
    listeners.append(server)
    conn, addr = server.accept()
    message = conn.recv(1024)
    conn.sendall(message)
    conn.close()
    return message
