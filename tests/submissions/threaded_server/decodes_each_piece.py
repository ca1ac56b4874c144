"""Bug: each piece is decoded as UTF-8: a piece split inside a multi-byte character (or bytes that are not UTF-8)
raises UnicodeDecodeError in that client's thread, which dies and closes its connection (with conn:)."""

import socket
import threading
from concurrent.futures import ThreadPoolExecutor

def serve_clients(port, host, count):
    answered = []
    def handle(conn):
        with conn:
            text = ""
            try:
                while data := conn.recv(4096):
                    text += data.decode()
                    while "\n" in text:
                        line, text = text.split("\n", 1)
                        conn.sendall(line[::-1].encode() + b"\n")
                        answered.append(1)
            except ConnectionResetError:
                pass
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port)); srv.listen()
    ts = []
    for _ in range(count):
        c, _ = srv.accept()
        t = threading.Thread(target=handle, args=(c,)); t.start(); ts.append(t)
    srv.close()
    for t in ts:
        t.join()
    return len(answered)
