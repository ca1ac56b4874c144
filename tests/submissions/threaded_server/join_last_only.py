"""BUGGY (join_last_only): the join is outside the loop, on the loop variable `t`, so only the
LAST thread started is joined. Violates "join() every thread, then return the total" /
"It waits for every client's thread before returning."
"""
import socket
import threading

def _serve(conn, answered):
    buf = b""
    with conn:
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                buf += data
                while True:
                    i = buf.find(b"\n")
                    if i < 0:
                        break
                    line, buf = buf[:i], buf[i + 1:]
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)
        except ConnectionResetError:
            pass

def serve_clients(port: int, host: str, count: int) -> int:
    answered = []
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    with srv:
        for _ in range(count):
            conn, _addr = srv.accept()
            t = threading.Thread(target=_serve, args=(conn, answered))
            t.start()
    t.join()
    return len(answered)
