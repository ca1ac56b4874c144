"""Serves one client after another, blocking."""
import socket


def serve_clients_selectors(port, host, count):
    answered = 0
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        for _ in range(count):
            conn, _ = server.accept()
            with conn:
                buffer = b""
                try:
                    while chunk := conn.recv(65536):
                        buffer += chunk
                        *lines, buffer = buffer.split(b"\n")
                        for line in lines:
                            conn.sendall(line[::-1] + b"\n")
                            answered += 1
                except ConnectionResetError:
                    pass
    return answered
