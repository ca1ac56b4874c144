"""Bug: daemon threads, each joined with a timeout (join(timeout=0.05)): the function returns while clients
are still mid-line, with a short total. Idle, it sleeps like a server in join(); only its wait has an end."""

import socket
import threading
from concurrent.futures import ThreadPoolExecutor

def serve_clients(port, host, count):
    answered = []
    def handle(conn):
        with conn:
            buf = b""
            try:
                while data := conn.recv(4096):
                    buf += data
                    while b"\n" in buf:
                        line, buf = buf.split(b"\n", 1)
                        conn.sendall(line[::-1] + b"\n")
                        answered.append(1)
            except ConnectionResetError:
                pass
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port)); srv.listen()
    ts = []
    for _ in range(count):
        c, _ = srv.accept()
        t = threading.Thread(target=handle, args=(c,), daemon=True); t.start(); ts.append(t)
    srv.close()
    for t in ts:
        t.join(timeout=0.05)
    return len(answered)
