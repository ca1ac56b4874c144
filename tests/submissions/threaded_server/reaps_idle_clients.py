"""An idle reaper: every client idle mid-line for a while is closed (a trial's): A, B and C, all named.
"""

import logging
import socket
import threading

log = logging.getLogger(__name__)
IDLE = 1.5


def _client(conn, out):
    n = 0
    with conn:
        conn.settimeout(IDLE)
        buf = bytearray()
        try:
            while True:
                try:
                    data = conn.recv(65536)
                except socket.timeout:
                    log.info("idle client reaped")
                    break
                if not data:
                    break
                buf += data
                while (i := buf.find(b"\n")) >= 0:
                    line = bytes(buf[:i]); del buf[: i + 1]
                    conn.sendall(line[::-1] + b"\n")
                    n += 1
        except ConnectionResetError:
            pass
    out.append(n)


def serve_clients(port: int, host: str, count: int) -> int:
    out, threads = [], []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as srv:
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind((host, port))
        srv.listen()
        for _ in range(count):
            conn, _ = srv.accept()
            t = threading.Thread(target=_client, args=(conn, out))
            t.start()
            threads.append(t)
    for t in threads:
        t.join()
    return sum(out)
