"""Bug: conn = listener.accept() keeps the (socket, address) pair, then calls recv() on the tuple."""
import socket


def serve_once(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        conn = server.accept()
        message = conn.recv(1024)
        conn.sendall(message)
        conn.close()
    return message
