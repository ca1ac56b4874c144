"""Correct: receives with recv_into() a bytearray, sends back a memoryview of it."""
import socket


def serve_once(port, host="127.0.0.1"):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(1)
    conn, _ = server.accept()
    buffer = bytearray(1024)
    n = conn.recv_into(buffer)
    conn.sendall(memoryview(buffer)[:n])
    conn.close()
    server.close()
    return bytes(buffer[:n])
