# BUG: strips spaces around each line before reversing it. The lesson says "answer each complete line at once
# with the line reversed and its b"\n" at the end": a line with leading/trailing spaces is answered wrongly.
import socket
import threading


def _serve(conn, answered, lock):
    n = 0
    with conn:
        buf = bytearray()
        try:
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                buf += chunk
                while True:
                    i = buf.find(b"\n")
                    if i < 0:
                        break
                    line = bytes(buf[:i]).strip(b" ")  # tidy up stray spaces
                    del buf[: i + 1]
                    conn.sendall(line[::-1] + b"\n")
                    n += 1
        except ConnectionResetError:
            pass
    with lock:
        answered[0] += n


def serve_clients(port: int, host: str, count: int) -> int:
    answered = [0]
    lock = threading.Lock()
    threads = []
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        for _ in range(count):
            conn, _addr = listener.accept()
            t = threading.Thread(target=_serve, args=(conn, answered, lock))
            t.start()
            threads.append(t)
    finally:
        listener.close()
    for t in threads:
        t.join()
    return answered[0]
