"""Correct: count worker threads started before listening, fed accepted connections through a queue."""
import queue
import socket
import threading


def serve_clients(port: int, host: str, count: int) -> int:
    connections: queue.Queue = queue.Queue()
    answered: list = []

    def worker() -> None:
        conn = connections.get()
        with conn:
            pending = b""
            try:
                while data := conn.recv(4096):
                    *lines, pending = (pending + data).split(b"\n")
                    for line in lines:
                        conn.sendall(line[::-1] + b"\n")
                        answered.append(line)
            except ConnectionResetError:
                pass

    workers = [threading.Thread(target=worker) for _ in range(count)]
    for thread in workers:
        thread.start()
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, port))
        server.listen()
        for _ in range(count):
            connections.put(server.accept()[0])
    for thread in workers:
        thread.join()
    return len(answered)
