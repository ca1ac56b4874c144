"""Bug: request_and_half_close calls shutdown(SHUT_WR) before sendall(): its own FIN stops it sending
(BrokenPipeError), and the server receives an empty request."""

import socket


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as sock:
        sock.shutdown(socket.SHUT_WR)
        sock.sendall(message)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def serve_one_request(port: int, host: str = "127.0.0.1") -> bytes:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, addr = listener.accept()
        try:
            chunks = []
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
            request = b"".join(chunks)
            conn.sendall(request[::-1])
        finally:
            conn.close()
    finally:
        listener.close()
    return request


def reject_and_drain(port: int, host: str = "127.0.0.1") -> bytes:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        conn, addr = listener.accept()
        try:
            header = bytearray()
            while not header.endswith(b"\n"):
                b = conn.recv(1)
                if not b:
                    raise EOFError("no header line")
                header += b
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
        finally:
            conn.close()
    finally:
        listener.close()
    return bytes(header)
