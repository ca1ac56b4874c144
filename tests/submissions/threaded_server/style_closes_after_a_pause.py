# CORRECT (a style): sleeps 0.2 s inside its with-block after the client's EOF, before the close. The lesson sets no
# deadline for that FIN: it comes 0.2 s late, and must pass (an independent trial's was told "saw nothing").
import socket
import threading
import time


def _serve(conn, answered):
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
        time.sleep(0.2)  # let the last reply drain before closing


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []
    threads = []
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind((host, port))
        srv.listen()
        for _ in range(count):
            conn, _addr = srv.accept()
            t = threading.Thread(target=_serve, args=(conn, answered))
            t.start()
            threads.append(t)
    finally:
        srv.close()
    for t in threads:
        t.join()
    return len(answered)
