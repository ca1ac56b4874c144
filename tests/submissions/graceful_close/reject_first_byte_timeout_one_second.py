# BUG: reject_and_drain gives the client 1 s to start its header line (settimeout(1.0) on the accepted connection):
# a timeout before the first byte is taken for "no request", and the server closes and returns b"". A client that
# pauses before it sends is never answered. Lesson 4: "recv() until you have seen the first b'\n'".
import socket


def _recv_all(sock):
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def request_and_half_close(host, port, message):
    with socket.create_connection((host, port)) as client:
        client.sendall(message)
        client.shutdown(socket.SHUT_WR)
        return _recv_all(client)


def _first_bytes(conn):
    """The request's first bytes, or None if the client sent nothing within a second."""
    conn.settimeout(1.0)
    try:
        return conn.recv(65536)
    except TimeoutError:
        return None
    finally:
        conn.settimeout(None)


def serve_one_request(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _ = server.accept()
        with conn:
            request = _recv_all(conn)
            conn.sendall(request[::-1])
    return request


def reject_and_drain(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen(1)
        conn, _ = server.accept()
        with conn:
            data = _first_bytes(conn)
            if data is None:
                return b""  # nothing came: no header to reject
            while b"\n" not in data:
                more = conn.recv(65536)
                if not more:
                    break
                data += more
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
    return data[: data.find(b"\n") + 1]
