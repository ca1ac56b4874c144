# BUG: the listener is closed inside the accept loop, at its last turn; with count == 0 the loop never
# runs and the listener is never closed. Lesson: "close the listener after the last accept()" and
# "It closes every socket it created".
import socket
import threading


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []

    def serve(conn):
        with conn:
            buf = bytearray()
            try:
                while data := conn.recv(65536):
                    buf += data
                    while (i := buf.find(b"\n")) >= 0:
                        line = bytes(buf[:i])
                        del buf[: i + 1]
                        conn.sendall(line[::-1] + b"\n")
                        answered.append(1)
            except ConnectionResetError:
                pass

    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    threads = []
    for i in range(count):
        conn, _ = srv.accept()
        if i == count - 1:
            srv.close()
        t = threading.Thread(target=serve, args=(conn,))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    return len(answered)
