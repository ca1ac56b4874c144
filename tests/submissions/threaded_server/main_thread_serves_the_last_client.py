# BUG: "optimisation": the last client needs no new thread, since nothing is left
# to accept, so the main thread closes the listener and serves it itself.
# Violates step 2: "start a threading.Thread for that connection and go straight
# back to accept(): never talk to a client in the main thread" (and the task:
# "serve count clients at once, one thread each").
import socket
import threading


def serve(conn, answered):
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
                    answered.append(1)
        except ConnectionResetError:
            pass


def serve_clients(port: int, host: str, count: int) -> int:
    answered = []
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen()
    threads = []
    for i in range(count):
        conn, _ = listener.accept()
        if i == count - 1:
            listener.close()
            serve(conn, answered)      # the last one in the main thread
        else:
            t = threading.Thread(target=serve, args=(conn, answered))
            t.start()
            threads.append(t)
    for t in threads:
        t.join()
    return len(answered)
