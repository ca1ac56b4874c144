# Each client thread polls recv() with a 0.2 s timeout and retries (a second independent trial's): 33 idle threads
# wake about 165 times a second. Lesson 7: "It sleeps while every client is idle (no busy-waiting)".
import socket, threading

import socket as _s

def _serve(conn, answered):
    with conn:
        conn.settimeout(0.2)          # wake up now and then, so the thread never hangs forever
        buf = bytearray()
        try:
            while True:
                try:
                    chunk = conn.recv(65536)
                except _s.timeout:
                    continue
                if not chunk:
                    break
                buf += chunk
                while (i := buf.find(b"\n")) >= 0:
                    line = bytes(buf[:i])
                    del buf[:i + 1]
                    conn.sendall(line[::-1] + b"\n")
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
