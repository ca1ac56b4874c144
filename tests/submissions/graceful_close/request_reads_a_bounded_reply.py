# BUG: the client reads the reply with one makefile("rb").read(n) where n = len(message) * 2 +
# 4096 "big enough": BufferedReader.read(n) returns at EOF or when n bytes came; a reply larger
# than that bound is truncated. Lesson: "Read the reply with a recv() loop until b""".
import socket
def request_and_half_close(host, port, message):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.connect((host, port))
        s.sendall(message)
        s.shutdown(socket.SHUT_WR)
        with s.makefile("rb") as f:
            return f.read(len(message) * 2 + 4096)
    finally:
        s.close()

def serve_one_request(port, host="127.0.0.1"):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((host, port))
    ls.listen()
    conn, _ = ls.accept()
    req = b""
    while True:
        c = conn.recv(65536)
        if not c:
            break
        req += c
    conn.sendall(req[::-1])
    conn.close()
    ls.close()
    return req

def reject_and_drain(port, host="127.0.0.1"):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((host, port))
    ls.listen()
    conn, _ = ls.accept()
    buf = b""
    while b"\n" not in buf:
        c = conn.recv(4096)
        if not c:
            break
        buf += c
    header = buf[: buf.index(b"\n") + 1]
    conn.sendall(b"REJECTED\n")
    conn.shutdown(socket.SHUT_WR)
    while conn.recv(65536):
        pass
    conn.close()
    ls.close()
    return header

