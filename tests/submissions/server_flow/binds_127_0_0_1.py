"""Bug: binds to "127.0.0.1" instead of the host it is given."""
import socket


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(5)
    conn, addr = server.accept()
    message = conn.recv(1024)
    conn.sendall(message)
    conn.close()
    server.close()
    return message
