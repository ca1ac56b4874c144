"""Correct: every thread waited for by polling is_alive(), each live one joined with a timeout in turn (a trial).

A thread that ended before the loop reached it is never join()ed, but the code saw it ended: is_alive() False.
"""

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
    while True:
        alive = [t for t in threads if t.is_alive()]
        if not alive:
            break
        alive[0].join(0.2)
    return len(answered)
