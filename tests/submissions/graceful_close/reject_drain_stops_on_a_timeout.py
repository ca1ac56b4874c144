"""Bug: reject_and_drain() drains with a timeout and stops at the first pause: after shutdown(SHUT_WR) it
reads with settimeout(0.05) and closes on socket.timeout. A client that pauses mid-upload (no FIN yet) then
sends into a closed socket, and the kernel answers it with RST.
"""

import socket


def _listen(host: str, port: int) -> socket.socket:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen()
    return server


def _read_until_eof(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def request_and_half_close(host: str, port: int, message: bytes) -> bytes:
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        sock.shutdown(socket.SHUT_WR)
        return _read_until_eof(sock)


def serve_one_request(port: int, host: str = "127.0.0.1") -> bytes:
    with _listen(host, port) as server:
        conn, _ = server.accept()
        with conn:
            request = _read_until_eof(conn)
            conn.sendall(request[::-1])
    return request


def reject_and_drain(port: int, host: str = "127.0.0.1") -> bytes:
    with _listen(host, port) as server:
        conn, _ = server.accept()
        with conn:
            header = bytearray()
            while not header.endswith(b"\n"):
                byte = conn.recv(1)
                if not byte:
                    break
                header += byte
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            conn.settimeout(0.05)
            try:
                while conn.recv(65536):
                    pass
            except socket.timeout:
                pass  # a pause taken for the end of the upload
    return bytes(header)
