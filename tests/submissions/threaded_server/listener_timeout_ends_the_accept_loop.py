"""BUGGY: the listener gets settimeout(3.0) "so the server never hangs in accept()",
and a timeout ends the accept loop early. A client that comes after a quiet
spell of 3 s is refused. Violates step 2: "Accept `count` clients in a loop" and
the lesson's "a pause is not the end"."""
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
                *lines, buf = buf.split(b"\n")
                for line in lines:
                    conn.sendall(line[::-1] + b"\n")
                    answered.append(1)
        except ConnectionResetError:
            pass


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []
    threads = []
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        listener.settimeout(3.0)
        for _ in range(count):
            try:
                conn, _addr = listener.accept()
            except TimeoutError:
                break  # nobody else is coming
            conn.settimeout(None)
            t = threading.Thread(target=_serve, args=(conn, answered))
            t.start()
            threads.append(t)
    finally:
        listener.close()
    for t in threads:
        t.join()
    return len(answered)
