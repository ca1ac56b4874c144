# BUG: serve_one_request puts a 3 s timeout on the connection; a client pausing more than 3 s
# makes it raise TimeoutError. Lesson: "Both servers wait for their client however long it takes".
import socket


def _read_all(sock):
    parts = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)


def request_and_half_close(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.connect((host, port))
        s.sendall(message)
        s.shutdown(socket.SHUT_WR)
        return _read_all(s)
    finally:
        s.close()


def _listen(host, port):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((host, port))
    ls.listen(1)
    return ls


def serve_one_request(port, host="127.0.0.1"):
    ls = _listen(host, port)
    try:
        conn, _ = ls.accept()
        conn.settimeout(3.0)   # "safety" timeout against stuck clients
        try:
            request = _read_all(conn)
            conn.sendall(request[::-1])
        finally:
            conn.close()
    finally:
        ls.close()
    return request


def reject_and_drain(port, host="127.0.0.1"):
    ls = _listen(host, port)
    try:
        conn, _ = ls.accept()
        try:
            buf = bytearray()
            while True:
                chunk = conn.recv(4096)
                if not chunk:
                    raise EOFError("closed before the header line ended")
                buf += chunk
                i = buf.find(b"\n")
                if i != -1:
                    header = bytes(buf[: i + 1])
                    break
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
        finally:
            conn.close()
    finally:
        ls.close()
    return header
