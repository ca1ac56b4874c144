# BUG: ConnectionResetError is caught around sendall() only, not around recv(): a client that
# resets while the server waits in recv() (no line pending) kills its thread with an uncaught
# exception. Violates step 4: "recv() raises ConnectionResetError when that client resets, and so
# does the sendall() of a reply that meets the reset: catch it around the thread's whole loop".
import socket
import threading


def _serve(conn, answered):
    with conn:
        buf = b""
        while True:
            data = conn.recv(4096)
            if not data:
                break
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                try:
                    conn.sendall(line[::-1] + b"\n")
                except ConnectionResetError:
                    return
                answered.append(1)


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
