# BUG: the header is read with one recv() and ONE more, not a loop until b"\n": a header line in
# three pieces is returned cut (without its b"\n"). Lesson: "recv() until you have seen the first b"\n""
# and "returns the header line whole although it arrives in ... pieces".
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
            buf = conn.recv(4096)
            if b"\n" not in buf:  # the line came in two pieces: get the rest
                buf += conn.recv(4096)
            i = buf.find(b"\n")
            header = buf[: i + 1] if i >= 0 else buf
            conn.sendall(b"REJECTED\n")
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(65536):
                pass
        finally:
            conn.close()
        return header
    finally:
        ls.close()
