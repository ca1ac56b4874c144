# BUG: "if not line: continue" skips empty lines: b"\n" gets no reply (should be answered b"\n").
# Violates step 3: "answer each complete line at once with the line reversed and its b"\n" at the end".
import socket
import threading


def _serve(conn, answered):
    with conn:
        buf = b""
        try:
            while True:
                data = conn.recv(4096)
                if not data:
                    break
                buf += data
                while b"\n" in buf:
                    line, buf = buf.split(b"\n", 1)
                    if not line:
                        continue
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)
        except ConnectionResetError:
            pass


def serve_clients(port, host, count):
    answered = []
    threads = []
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    for _ in range(count):
        conn, _addr = srv.accept()
        t = threading.Thread(target=_serve, args=(conn, answered))
        t.start()
        threads.append(t)
    srv.close()
    for t in threads:
        t.join()
    return len(answered)
