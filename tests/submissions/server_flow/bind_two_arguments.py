"""Bug: bind(host, port) with two arguments instead of one address tuple."""
import socket


def serve_once(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(host, port)
        server.listen()
        conn, _ = server.accept()
        with conn:
            message = conn.recv(1024)
            conn.sendall(message)
    return message
