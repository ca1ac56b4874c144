"""Correct: each thread joined with a timeout, again while it is alive ("to stay Ctrl-C friendly"; a trial)."""

import socket
import threading


def _handle(conn, answered):
    with conn:
        buf = bytearray()
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                buf += data
                while b"\n" in buf:
                    i = buf.index(b"\n")
                    line = bytes(buf[:i])
                    del buf[: i + 1]
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)
        except ConnectionResetError:
            pass


def serve_clients(port, host, count):
    answered = []
    threads = []
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen()
    for _ in range(count):
        conn, _ = listener.accept()
        t = threading.Thread(target=_handle, args=(conn, answered))
        t.start()
        threads.append(t)
    listener.close()
    for t in threads:
        while t.is_alive():
            t.join(timeout=0.5)
    return len(answered)
