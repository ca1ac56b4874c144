"""Bug: closes the connection with SO_LINGER 0: the kernel resets it (RST), so its end never goes to TIME_WAIT."""
import socket
import struct


def serve_once(port: int, host: str = "127.0.0.1") -> bytes:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        conn, _address = server.accept()
        with conn:
            message = conn.recv(1024)
            conn.sendall(message)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return message
