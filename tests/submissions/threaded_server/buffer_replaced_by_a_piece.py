# BUG: when a chunk holds no b"\n", the pending bytes are REPLACED by the chunk
# (`pending = data`) instead of appended to: a line that arrives in three or more
# pieces loses its middle pieces. Violates step 3: "keep the bytes after the last
# b"\n" for the next round; answer each complete line ... with the line reversed".
import socket
import threading


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []

    def serve(conn):
        pending = b""
        with conn:
            try:
                while True:
                    data = conn.recv(4096)
                    if not data:
                        break
                    if b"\n" not in data:
                        pending = data          # bug: should be pending += data
                        continue
                    *lines, pending = (pending + data).split(b"\n")
                    for line in lines:
                        conn.sendall(line[::-1] + b"\n")
                        answered.append(1)
            except ConnectionResetError:
                pass

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen()
    threads = []
    for _ in range(count):
        conn, _ = listener.accept()
        t = threading.Thread(target=serve, args=(conn,))
        t.start()
        threads.append(t)
    listener.close()
    for t in threads:
        t.join()
    return len(answered)
