"""Bug: reject_and_drain half-closes after the reply, then drains with one recv(4096), not a loop until b"": the
body is longer than one read, so its close finds the rest unread (RST). It did read: "never read" is not its story."""

import socket


def _read_until_eof(sock):
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        client.shutdown(socket.SHUT_WR)  # FIN: the request is complete
        return _read_until_eof(client)


def serve_one_request(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _address = server.accept()
        with conn:
            request = _read_until_eof(conn)
            conn.sendall(request[::-1])
    return request


def reject_and_drain(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _address = server.accept()
        with conn:
            header = bytearray()
            while not header.endswith(b"\n"):
                byte = conn.recv(1)
                if not byte:
                    break
                header += byte
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            conn.recv(4096)  # one read of the body, not a loop until b""
    return bytes(header)
