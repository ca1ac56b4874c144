"""Bug: reads lines through makefile("r"), text mode: A's first bytes are not UTF-8, the thread dies of UnicodeDecodeError long before B's reset, which is not the cause (an independent trial)."""

import socket
import threading


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []

    def client(conn):
        with conn, conn.makefile("r", newline="\n") as rf, conn.makefile("w", newline="\n") as wf:
            try:
                for line in rf:
                    if not line.endswith("\n"):
                        break
                    wf.write(line[:-1][::-1] + "\n")
                    wf.flush()
                    answered.append(1)
            except ConnectionResetError:
                pass

    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    ts = []
    for _ in range(count):
        conn, _ = srv.accept()
        t = threading.Thread(target=client, args=(conn,))
        t.start()
        ts.append(t)
    srv.close()
    for t in ts:
        t.join()
    return len(answered)
