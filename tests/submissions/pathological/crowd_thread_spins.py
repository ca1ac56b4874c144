import socket
import threading


def _spin(conn):
    while True:  # never reads, never sleeps
        pass


def serve_clients(port, host, count):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen()
    threads = []
    for _ in range(count):
        conn, _ = server.accept()
        threads.append(threading.Thread(target=_spin, args=(conn,)))
        threads[-1].start()
    for thread in threads:
        thread.join()
    return 0
