"""Bug in the return value only: closes both sockets in finally: blocks, then decode() raises on the message's
non-UTF-8 bytes. The return check fails (RAISED); the close check must pass: every socket was closed."""
import socket


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _address = server.accept()
        try:
            message = conn.recv(1024)
            conn.sendall(message)
        finally:
            conn.close()
    finally:
        server.close()
    return message.decode().encode()
