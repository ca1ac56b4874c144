"""Bug: never sets SO_REUSEADDR, so a restart fails while the last connection is in TIME_WAIT."""
import socket


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind((host, port))
    server.listen(5)
    conn, addr = server.accept()
    message = conn.recv(1024)
    conn.sendall(message)
    conn.close()
    server.close()
    return message
