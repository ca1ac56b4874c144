"""The reference's own server reading one byte at a time (recv(1)), its whole buffer split again after each byte.

Correct by the lesson's contract, but its time grows with the square of a line's length: D's line over 1 MiB
(clients.D_HUGE_LINE) takes it minutes. Told as that (the kernel: on the CPU, never asleep, at that line), not as a
server busy with another client or a pool too small (it was the mutant recv(65536) -> recv(1), once equivalent while
D's longest line was 12 KiB).
"""

import socket
import threading


def _serve_lines(conn: socket.socket, answered: list) -> None:
    with conn:
        buffer = b""
        try:
            while chunk := conn.recv(1):
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)
        except ConnectionResetError:
            pass


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
