"""Bug: at a client's EOF, the last line without b"\n" is answered (reversed, b"\n" added) and counted, where the lesson drops it (an independent trial, issue 14)."""

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
                    if buffer:  # the unfinished last line: answered anyway
                        conn.sendall(bytes(buffer[::-1]) + b"\n")
                        answered.append(1)
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
            threads.append(thread)
    for thread in threads:
        thread.join()
    return len(answered)
