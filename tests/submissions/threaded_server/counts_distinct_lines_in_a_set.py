# BUG: answered lines are recorded in a set of (client address, line): two
# identical lines from the same client count once. Violates step 7: "return the
# total number of lines answered (a line counts once its reply was sent)".
import socket
import threading


def serve_clients(port: int, host: str, count: int) -> int:
    answered = set()
    lock = threading.Lock()

    def serve(conn, addr):
        pending = b""
        with conn:
            try:
                while True:
                    data = conn.recv(4096)
                    if not data:
                        break
                    *lines, pending = (pending + data).split(b"\n")
                    for line in lines:
                        conn.sendall(line[::-1] + b"\n")
                        with lock:
                            answered.add((addr, line))
            except ConnectionResetError:
                pass

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen()
    threads = []
    for _ in range(count):
        conn, addr = listener.accept()
        t = threading.Thread(target=serve, args=(conn, addr))
        t.start()
        threads.append(t)
    listener.close()
    for t in threads:
        t.join()
    return len(answered)
