# serve_one_request replies with send(), and if that was short, ONE more send() for the rest (no loop), as lesson 1's
# trial client did: a second send() may take part only too. Lesson 4: "conn.sendall(request[::-1])".
"""Lesson 4, graceful_close: half-close, EOF, FIN and RST (reference solution)."""

import socket


def _read_until_eof(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def request_and_half_close(host: str, port: int, message: bytes) -> bytes:
    """Send message, signal its end with shutdown(SHUT_WR), return the reply."""
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        # Half-close: send FIN ("no more requests from me") but keep reading.
        client.shutdown(socket.SHUT_WR)
        return _read_until_eof(client)


def serve_one_request(port: int, host: str = "127.0.0.1") -> bytes:
    """Read one request until EOF, reply with it reversed, close with FIN."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _address = server.accept()
        with conn:
            request = _read_until_eof(conn)  # all read: close() will send FIN
            reply = request[::-1]
            sent = conn.send(reply)
            if sent < len(reply):
                conn.send(reply[sent:])
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
