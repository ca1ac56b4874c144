"""Bug: reject_and_drain accepts, then sleeps before it reads anything: the header line's first piece waits unread."""

import socket
import time


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        client.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := client.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def serve_one_request(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _address = server.accept()
        with conn:
            chunks = []
            while chunk := conn.recv(65536):
                chunks.append(chunk)
            request = b"".join(chunks)
            conn.sendall(request[::-1])
    return request


def reject_and_drain(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _address = server.accept()
        with conn:
            time.sleep(60)  # "let the whole request arrive first"
            header = b""
            while not header.endswith(b"\n"):
                header += conn.recv(1)
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
    return header
