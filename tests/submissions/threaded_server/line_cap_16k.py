"""BUGGY (line_cap_16k): a 'protection' copied from lesson 5's MAX_FRAME: a client whose
unfinished line grows past 16 KiB is dropped (connection closed, no reply). The lesson asks to
"answer each complete line at once" with no limit on a line's length; the grader's longest line
is 12 KiB, so a 20 KiB line would never be answered. Violates step 3.
"""
import socket
import threading

MAX_LINE = 16 * 1024


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
                if len(buf) > MAX_LINE:
                    return  # line too long: drop this client
        except ConnectionResetError:
            pass


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []
    threads = []
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    with srv:
        for _ in range(count):
            conn, _addr = srv.accept()
            t = threading.Thread(target=_serve, args=(conn, answered))
            t.start()
            threads.append(t)
    for t in threads:
        t.join()
    return len(answered)
