"""BUGGY: ThreadPoolExecutor(max_workers=min(count, 40)) "so a big count does not start
hundreds of threads". With count > 40, every worker can be waiting on an idle client and
the 41st client is never served. Violates the lesson: "A pool with fewer workers than
clients does not [work]: when every worker waits on an idle client, the next client waits
forever" -- ThreadPoolExecutor(max_workers=count) is what it asks for."""
import socket
from concurrent.futures import ThreadPoolExecutor


def handle(conn, answered):
    with conn:
        buf = b""
        try:
            while True:
                data = conn.recv(4096)
                if not data:
                    break
                buf += data
                *lines, buf = buf.split(b"\n")
                for line in lines:
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)
        except ConnectionResetError:
            pass


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    with ThreadPoolExecutor(max_workers=min(count, 40)) as pool:
        with srv:
            for _ in range(count):
                conn, _ = srv.accept()
                pool.submit(handle, conn, answered)
    return len(answered)
