"""Bug: request_and_half_close() puts sendall() AND shutdown(SHUT_WR) under `if message:` (an independent trial):
with an empty message no FIN is sent, the server never sees EOF and both sides wait for ever. The lesson says to
signal the end of the request with shutdown(SHUT_WR), always. It passed 13/13: only serve_one_request was given an
empty request."""

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
        if message:
            s.sendall(message)
            s.shutdown(socket.SHUT_WR)
        return _recv_all(s)
    finally:
        s.close()

def serve_one_request(port, host="127.0.0.1"):
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lst.bind((host, port))
        lst.listen()
        conn, _ = lst.accept()
        try:
            req = _recv_all(conn)
            conn.sendall(req[::-1])
        finally:
            conn.close()
        return req
    finally:
        lst.close()

def reject_and_drain(port, host="127.0.0.1"):
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lst.bind((host, port))
        lst.listen()
        conn, _ = lst.accept()
        try:
            buf = b""
            while b"\n" not in buf:
                c = conn.recv(4096)
                if not c:
                    break
                buf += c
            header = buf[:buf.index(b"\n") + 1] if b"\n" in buf else buf
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
        finally:
            conn.close()
        return header
    finally:
        lst.close()
