# MISTAKE: no join(): the main thread waits on a Condition over a counter of finished threads (daemon threads), each
# signalling "done" inside its with-block, then sleeping 0.2 s before its close (a trial's). Its FIN comes 0.2 s late,
# which the lesson allows: the first failure must be "waits for every thread", not the close.
import socket
import threading
import time


def serve_clients(port, host, count):
    answered = []
    cond = threading.Condition()
    finished = [0]

    def serve(conn):
        with conn:
            pending = b""
            try:
                while True:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    pending += chunk
                    while b"\n" in pending:
                        line, pending = pending.split(b"\n", 1)
                        conn.sendall(line[::-1] + b"\n")
                        answered.append(1)
            except ConnectionResetError:
                pass
            with cond:
                finished[0] += 1
                cond.notify_all()
            time.sleep(0.2)   # e.g. logging / cleanup that still runs after "done"

    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    for _ in range(count):
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()
    srv.close()
    with cond:
        cond.wait_for(lambda: finished[0] == count)
    return len(answered)
