"""Bug: a reset is not caught in the client's thread: the thread dies with a traceback.

The lines are counted by appending to a shared list, so the count stays
right, and the other clients are served: only the thread's death, an
uncaught ConnectionResetError, shows that the reset was never handled.
"""

import socket
import threading


def _serve_lines(conn: socket.socket, answered: list) -> None:
    with conn:
        buffer = b""
        while chunk := conn.recv(65536):  # B's reset raises here, and nothing catches it
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                conn.sendall(line[::-1] + b"\n")
                answered.append(1)


def serve_clients(port: int, host: str, count: int) -> int:
    answered: list = []
    threads = []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        for _ in range(count):
            conn, _address = server.accept()
            thread = threading.Thread(target=_serve_lines, args=(conn, answered))
            thread.start()
            threads.append(thread)
    for thread in threads:
        thread.join()
    return len(answered)
