"""Bug: each thread spins on a non-blocking socket, catching BlockingIOError and trying recv() again: right
on the wire, but a CPU burnt while its client is idle (busy-waiting)."""

import socket
import threading
from concurrent.futures import ThreadPoolExecutor

def serve_clients(port, host, count):
    answered = []
    def handle(conn):
        conn.setblocking(False)
        with conn:
            buf = b""
            while True:
                try:
                    data = conn.recv(4096)
                except BlockingIOError:
                    continue
                except ConnectionResetError:
                    break
                if not data:
                    break
                buf += data
                while b"\n" in buf:
                    line, buf = buf.split(b"\n", 1)
                    conn.setblocking(True)
                    conn.sendall(line[::-1] + b"\n")
                    conn.setblocking(False)
                    answered.append(1)
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
