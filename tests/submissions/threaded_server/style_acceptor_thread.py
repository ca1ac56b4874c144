"""Correct: the accept loop runs in a thread of its own; the main thread only joins it, then every client's thread."""
import queue
import socket
import threading


def _lines(conn, out):
    n = 0
    buf = b""
    try:
        while True:
            try:
                got = conn.recv(4096)
            except ConnectionResetError:
                break
            if not got:
                break
            buf += got
            nl = buf.rfind(b"\n")
            if nl < 0:
                continue
            complete, buf = buf[:nl], buf[nl + 1:]
            for line in complete.split(b"\n"):
                conn.sendall(line[::-1] + b"\n")
                n += 1
    except ConnectionResetError:  # the reply's sendall() may meet the reset too
        pass
    finally:
        conn.close()
        out.put(n)


def serve_clients(port, host, count):
    out = queue.Queue()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen()
    handlers = []

    def acceptor():
        try:
            for _ in range(count):
                conn, _ = listener.accept()
                h = threading.Thread(target=_lines, args=(conn, out))
                h.start()
                handlers.append(h)
        finally:
            listener.close()

    a = threading.Thread(target=acceptor)
    a.start()
    a.join()
    for h in handlers:
        h.join()
    return sum(out.get() for _ in handlers)
