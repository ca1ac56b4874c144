# Replies written through makefile("rwb") and never flush()ed (a second independent trial's): they sit in the file's
# buffer, and no client gets a reply. Told with a hint on flush(), not as a server busy elsewhere.
import socket, threading

def _serve(conn, answered):
    with conn, conn.makefile("rwb") as f:
        try:
            while True:
                line = f.readline()
                if not line.endswith(b"\n"):
                    break
                f.write(line[:-1][::-1] + b"\n")
                answered.append(1)
        except ConnectionResetError:
            pass

def serve_clients(port, host, count):
    answered = []
    threads = []
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        srv.bind((host, port))
        srv.listen()
        for _ in range(count):
            conn, _addr = srv.accept()
            t = threading.Thread(target=_serve, args=(conn, answered))
            t.start()
            threads.append(t)
    finally:
        srv.close()
    for t in threads:
        t.join()
    return len(answered)
