"""Bug: the server reads the message, then sleeps instead of replying: the grader kills it, and the kill, not its code, closes the connection (an independent trial)."""
import socket
import time


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(128)
    conn, _ = server.accept()
    message = conn.recv(1024)
    time.sleep(60)
    return message
