"""Bug: a typo in the thread's function (answerd): each thread dies of NameError at its first line."""

import socket
import threading


def _serve_lines(conn: socket.socket, answered: list) -> None:
    """Lesson 5's line protocol on one connection; count each line once its reply is sent."""
    with conn:
        buffer = b""
        try:
            while chunk := conn.recv(65536):
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                answerd.append(0)
                for line in lines:
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)  # list.append is atomic: no lock needed
        except ConnectionResetError:
            pass  # this client reset: only this thread ends


def serve_clients(port: int, host: str, count: int) -> int:
    """Accept `count` clients, serve each in its own thread, return the lines answered."""
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
    # The listener is closed: a further connect is refused. Now wait for every client.
    for thread in threads:
        thread.join()
    return len(answered)
