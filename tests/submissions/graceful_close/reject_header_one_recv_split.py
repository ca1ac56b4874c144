"""Bug: reject_and_drain reads the header line with one recv() and keeps what precedes the newline: it assumes the whole line arrives at once."""

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
            data = conn.recv(1024)  # the header line is short: surely it arrives in one piece
            header = data[: data.find(b"\n") + 1] if b"\n" in data else data
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
    return header
