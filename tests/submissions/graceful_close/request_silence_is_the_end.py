"""Lesson 4, graceful_close: half-close, EOF, FIN and RST (bug: the client takes a 0.05 s silence for the end of the reply: an independent trial)."""

import socket


def _read_until_eof(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def request_and_half_close(host: str, port: int, message: bytes) -> bytes:
    """Send message, signal its end with shutdown(SHUT_WR), and return the whole reply."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.connect((host, port))
        s.sendall(message)
        s.shutdown(socket.SHUT_WR)
        s.settimeout(0.05)  # 安全网：0.05 秒没数据就算收完 ("a safety net: 0.05 s without data means it is all here")
        duan = []
        while True:
            try:
                d = s.recv(4096)
            except socket.timeout:
                break
            if not d:
                break
            duan.append(d)
        return b"".join(duan)
    finally:
        s.close()


def serve_one_request(port: int, host: str = "127.0.0.1") -> bytes:
    """Read one request until EOF, reply with it reversed, close with FIN."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _address = server.accept()
        with conn:
            request = _read_until_eof(conn)  # all read: close() will send FIN
            conn.sendall(request[::-1])
    return request


def reject_and_drain(port: int, host: str = "127.0.0.1") -> bytes:
    """Reply REJECTED after the header line, then close without an RST."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _address = server.accept()
        with conn:
            header = bytearray()
            while not header.endswith(b"\n"):  # one byte at a time: the
                byte = conn.recv(1)            # header line, and not one
                if not byte:                   # byte of the body after it
                    break
                header += byte
            conn.sendall(b"REJECTED\n")
            # Closing now, with the body unread, would make the kernel send
            # RST and could destroy the reply. Send FIN instead, then drain.
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
    return bytes(header)
