"""Bug: threading.Thread(target=handle, args=(conn)): args is the socket itself, not a tuple of one, so each thread
dies of a TypeError at its start and no client is served; the cause is that exception, not serving in turn."""
import socket
import threading


def serve_clients(port, host, count):
    total = 0
    lock = threading.Lock()

    def handle(conn):
        nonlocal total
        with conn:
            pending = b""
            try:
                while True:
                    data = conn.recv(4096)
                    if not data:
                        break
                    pending += data
                    while b"\n" in pending:
                        line, pending = pending.split(b"\n", 1)
                        conn.sendall(line[::-1] + b"\n")
                        with lock:
                            total += 1
            except ConnectionResetError:
                pass

    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    threads = []
    for _ in range(count):
        conn, _addr = srv.accept()
        t = threading.Thread(target=handle, args=(conn))
        t.start()
        threads.append(t)
    srv.close()
    for t in threads:
        t.join()
    return total
