"""Bug: request_and_half_close() returns the reply upper-cased; it waits in a select() loop with a 0.2 s timeout,
which is fine: the pause the server makes mid-reply must not be told as a give-up (its FIN was already waiting)."""

import select
import socket

def _wait(sock):
    while not select.select([sock], [], [], 0.2)[0]:
        pass

def _listen(host, port):
    l = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind((host, port))
    l.listen()
    return l

def request_and_half_close(host, port, message):
    sock = socket.create_connection((host, port), timeout=30)
    try:
        sock.sendall(message)
        sock.shutdown(socket.SHUT_WR)
        parts = []
        while True:
            _wait(sock)
            c = sock.recv(65536)
            if not c:
                break
            parts.append(c)
    finally:
        sock.close()
    return b"".join(parts).upper()

def serve_one_request(port, host="127.0.0.1"):
    l = _listen(host, port)
    try:
        _wait(l)
        conn, _ = l.accept()
        try:
            parts = []
            while True:
                _wait(conn)
                c = conn.recv(65536)
                if not c:
                    break
                parts.append(c)
            request = b"".join(parts)
            conn.sendall(request[::-1])
        finally:
            conn.close()
    finally:
        l.close()
    return request

def reject_and_drain(port, host="127.0.0.1"):
    l = _listen(host, port)
    try:
        _wait(l)
        conn, _ = l.accept()
        try:
            buf = bytearray()
            while b"\n" not in buf:
                _wait(conn)
                c = conn.recv(4096, socket.MSG_PEEK)
                if not c:
                    break
                i = c.find(b"\n")
                take = len(c) if i < 0 else i + 1
                buf += conn.recv(take)
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while True:
                _wait(conn)
                if not conn.recv(65536):
                    break
        finally:
            conn.close()
    finally:
        l.close()
    return bytes(buf)
