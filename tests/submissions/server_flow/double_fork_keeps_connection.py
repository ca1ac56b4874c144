"""Bug: closes both sockets, but a double-forked grandchild (its parent gone at once) keeps the connection open."""
import os
import socket
import time


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(5)
    conn, addr = server.accept()
    server.close()
    message = conn.recv(1024)
    conn.sendall(message)
    child = os.fork()
    if child == 0:
        os.setsid()
        if os.fork() == 0:  # the grandchild: an orphan as soon as its parent exits
            time.sleep(60)
        os._exit(0)
    os.waitpid(child, 0)
    conn.close()
    return message
