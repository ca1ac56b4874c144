# BUG: "defensive" readline(4096) on a makefile(): a line longer than 4096 bytes comes
# back cut, without b"\n", and the loop takes that for the unfinished line at EOF and
# stops serving the client (and drops the line). Nothing in the contract limits a
# line's length. Violates step 3: "recv() until it returns b""; ... answer each
# complete line at once".
import socket
import threading


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []

    def worker(conn):
        with conn, conn.makefile("rb") as rfile:
            try:
                while True:
                    line = rfile.readline(4096)
                    if not line.endswith(b"\n"):
                        break            # EOF (b"") or unfinished last line: dropped
                    conn.sendall(line[:-1][::-1] + b"\n")
                    answered.append(1)
            except ConnectionResetError:
                pass

    threads = []
    with socket.create_server((host, port)) as listener:
        for _ in range(count):
            conn, _ = listener.accept()
            th = threading.Thread(target=worker, args=(conn,))
            th.start()
            threads.append(th)
    for th in threads:
        th.join()
    return len(answered)
