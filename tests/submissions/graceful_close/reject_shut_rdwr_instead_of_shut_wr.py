"""Bug: reject_and_drain half-closes with shutdown(SHUT_RDWR), not SHUT_WR: its reading ends too, the drain loop
sees b"" at once, and close() finds the body unread: FIN, then RST while the client still sends."""

import socket


def request_and_half_close(host: str, port: int, message: bytes) -> bytes:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.connect((host, port))
        sock.sendall(message)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        sock.close()


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
            conn.shutdown(socket.SHUT_RDWR)
            while conn.recv(65536):
                pass
        finally:
            conn.close()
    finally:
        listener.close()
    return bytes(header)
