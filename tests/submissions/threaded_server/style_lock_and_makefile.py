import socket
import threading

lock = threading.Lock()


def serve_clients(port: int, host: str, count: int) -> int:
    total = 0

    def serve(conn: socket.socket) -> None:
        nonlocal total
        with conn, conn.makefile("rb") as lines:
            try:
                for line in lines:  # readline() returns as soon as a line is complete
                    if not line.endswith(b"\n"):
                        break  # a last line without its newline, at EOF: dropped
                    conn.sendall(line[:-1][::-1] + b"\n")
                    with lock:
                        total += 1
            except ConnectionResetError:
                pass

    server = socket.create_server((host, port))  # SO_REUSEADDR on Linux
    threads = []
    try:
        for _ in range(count):
            conn, _ = server.accept()
            threads.append(threading.Thread(target=serve, args=(conn,)))
            threads[-1].start()
    finally:
        server.close()
    for thread in threads:
        thread.join()
    return total
