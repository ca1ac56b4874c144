"""Bug: fail fast. Each client's thread lets ConnectionResetError out, and the main thread waits with
wait(FIRST_EXCEPTION) and raises the first worker's error: the first reset (H1's, met by recv()) ends the server."""

from __future__ import annotations

import concurrent.futures
import socket


def _serve(conn: socket.socket) -> int:
    lines = 0
    with conn:
        buf = b""
        while True:
            data = conn.recv(4096)
            if not data:
                return lines
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                conn.sendall(line[::-1] + b"\n")
                lines += 1


def serve_clients(port: int, host: str, count: int) -> int:
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(count)
        with concurrent.futures.ThreadPoolExecutor(max_workers=count or 1) as pool:
            futures = []
            for _ in range(count):
                conn, _ = listener.accept()
                futures.append(pool.submit(_serve, conn))
            listener.close()
            done, _ = concurrent.futures.wait(futures, return_when=concurrent.futures.FIRST_EXCEPTION)
            for future in done:
                if future.exception() is not None:
                    raise future.exception()
            return sum(f.result() for f in futures)
