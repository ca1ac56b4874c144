# BUG: the reset is caught around each sendall() with "pass", and the loop goes on with the chunk's other
# lines: the next sendall() on the reset socket raises BrokenPipeError, uncaught, which kills the thread
# before its count is added. Lesson step 4: "catch it around the thread's whole loop, close that
# connection, and keep its count (lines answered before the reset count too)". Only seen when a client
# resets with two or more lines in the same recv().
import socket
import threading


def serve_clients(port: int, host: str, count: int) -> int:
    total = [0]
    lock = threading.Lock()

    def serve(conn):
        n = 0
        with conn:
            buf = b""
            while True:
                try:
                    data = conn.recv(65536)
                except ConnectionResetError:
                    break
                if not data:
                    break
                *lines, buf = (buf + data).split(b"\n")
                for line in lines:
                    try:
                        conn.sendall(line[::-1] + b"\n")
                        n += 1
                    except ConnectionResetError:
                        pass  # client gone
        with lock:
            total[0] += n

    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    threads = []
    for _ in range(count):
        conn, _ = srv.accept()
        t = threading.Thread(target=serve, args=(conn,))
        t.start()
        threads.append(t)
    srv.close()
    for t in threads:
        t.join()
    return total[0]
