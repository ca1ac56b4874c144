"""Bug: each thread sets a 1 s timeout and takes it for the client's EOF: a client idle in the middle of a line is closed (FIN) instead of served until its own FIN (an independent trial)."""

import socket
import threading


def _serve(conn, answered):
    conn.settimeout(1.0)
    with conn:
        buf = bytearray()
        try:
            while True:
                try:
                    chunk = conn.recv(65536)
                except socket.timeout:
                    break  # client is done
                if not chunk:
                    break
                buf += chunk
                while True:
                    i = buf.find(b"\n")
                    if i < 0:
                        break
                    line = bytes(buf[:i])
                    del buf[: i + 1]
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)
        except ConnectionResetError:
            pass


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []
    threads = []
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        for _ in range(count):
            conn, _addr = listener.accept()
            t = threading.Thread(target=_serve, args=(conn, answered))
            t.start()
            threads.append(t)
    finally:
        listener.close()
    for t in threads:
        t.join()
    return len(answered)
