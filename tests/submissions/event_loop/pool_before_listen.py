"""Correct, but with a pool of threads started before listen(): still a second thread, whenever it starts."""
import queue
import socket
import threading


def _worker(jobs, answered):
    while (conn := jobs.get()) is not None:
        with conn:
            buffer = b""
            try:
                while chunk := conn.recv(65536):
                    buffer += chunk
                    *lines, buffer = buffer.split(b"\n")
                    for line in lines:
                        conn.sendall(line[::-1] + b"\n")
                        answered.append(1)
            except ConnectionResetError:
                pass


def serve_clients_selectors(port, host, count):
    answered, jobs = [], queue.Queue()
    pool = [threading.Thread(target=_worker, args=(jobs, answered)) for _ in range(count)]
    for thread in pool:
        thread.start()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        for _ in range(count):
            conn, _ = server.accept()
            jobs.put(conn)
    for thread in pool:
        jobs.put(None)
    for thread in pool:
        thread.join()
    return len(answered)
