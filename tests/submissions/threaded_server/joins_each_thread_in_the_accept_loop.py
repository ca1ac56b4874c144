"""Bug: joins each thread right after starting it, inside the accept loop: one client at a time (an independent trial, issue 14)."""

import socket
import threading


def _serve(conn, answered):
    """Lesson 5's line protocol on one connection; each line counted once its reply is sent."""
    with conn:
        buffer = bytearray()
        try:
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                buffer += chunk
                while b"\n" in buffer:
                    line, _, rest = bytes(buffer).partition(b"\n")
                    buffer = bytearray(rest)
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)
        except ConnectionResetError:
            pass


def serve_clients(port, host, count):
    answered = []
    threads = []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        for _ in range(count):
            conn, _address = listener.accept()
            thread = threading.Thread(target=_serve, args=(conn, answered))
            thread.start()
            thread.join()  # waits for this client's EOF before the next accept()
            threads.append(thread)
    for thread in threads:
        thread.join()
    return len(answered)
