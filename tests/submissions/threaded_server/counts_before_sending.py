"""Bug: a line is counted before its reply is sent, so a line whose reply meets the reset still counts.

The reset is caught, the other clients are served, the thread ends normally;
but `count += 1` comes before `sendall()`: when a client ends a line and
resets before the reply can go, its sendall() raises ConnectionResetError
after the line was counted, and the total is one too many. The contract: a
line counts once its reply was sent.
"""

import socket
import threading


def _serve_lines(conn: socket.socket, totals: list, lock: threading.Lock) -> None:
    count = 0
    with conn:
        buffer = b""
        try:
            while chunk := conn.recv(65536):
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    count += 1  # counted before its reply is sent
                    conn.sendall(line[::-1] + b"\n")
        except ConnectionResetError:
            pass  # the lines answered so far still count
    with lock:
        totals.append(count)


def serve_clients(port: int, host: str, count: int) -> int:
    """Serve `count` clients, each in its own thread; return the lines answered."""
    totals: list = []
    lock = threading.Lock()
    threads = []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        for _ in range(count):
            conn, _address = server.accept()
            thread = threading.Thread(target=_serve_lines, args=(conn, totals, lock))
            thread.start()
            threads.append(thread)
    for thread in threads:
        thread.join()
    return sum(totals)
