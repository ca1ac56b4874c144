# BUG: header read with a bounded readline(100): a header line longer than 100 bytes is returned cut,
# without its b"\n". Lesson: "Return the header line, b"\n" included" / "returns the header line whole".
import socket


def _recv_all(s):
    chunks = []
    while True:
        c = s.recv(65536)
        if not c:
            return b"".join(chunks)
        chunks.append(c)


def request_and_half_close(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.connect((host, port))
        s.sendall(message)
        s.shutdown(socket.SHUT_WR)
        return _recv_all(s)
    finally:
        s.close()


def _listen(host, port):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((host, port))
    ls.listen()
    return ls


def serve_one_request(port, host="127.0.0.1"):
    ls = _listen(host, port)
    try:
        conn, _ = ls.accept()
        try:
            req = _recv_all(conn)
            conn.sendall(req[::-1])
        finally:
            conn.close()
        return req
    finally:
        ls.close()


def reject_and_drain(port, host="127.0.0.1"):
    ls = _listen(host, port)
    try:
        conn, _ = ls.accept()
        try:
            with conn.makefile("rb") as f:
                header = f.readline(100)  # "a header line is short"
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
        finally:
            conn.close()
        return header
    finally:
        ls.close()
