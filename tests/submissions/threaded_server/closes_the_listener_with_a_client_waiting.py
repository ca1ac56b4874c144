"""Bug: accepts count - 1 clients, then waits until the last one has connected (its connection in the accept queue) and closes the listener without accepting it: the kernel resets that connection."""

import select
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
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        for _ in range(count - 1):  # off by one
            conn, _address = listener.accept()
            thread = threading.Thread(target=_serve, args=(conn, answered))
            thread.start()
            threads.append(thread)
        select.select([listener], [], [])  # "the last client has arrived: no more listening"
    finally:
        listener.close()
    for thread in threads:
        thread.join()
    return len(answered)
