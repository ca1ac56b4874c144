"""Bug: recv_exactly() reads in a helper thread and, at EOF, raises EOFError at once without joining it: the thread is still running when the function ends (an independent trial)."""

import queue, socket, threading, time

def recv_exactly(sock, n):
    # a reader thread feeds chunks; on EOF the main thread raises at once,
    # leaving the reader behind (it is still "logging" when the function ends)
    q = queue.Queue()
    def reader():
        got = 0
        while got < n:
            c = sock.recv(min(n - got, 65536))
            q.put(c)
            if not c:
                time.sleep(1.0)      # slow cleanup after EOF
                return
            got += len(c)
    t = threading.Thread(target=reader)
    t.start()
    parts, got = [], 0
    while got < n:
        c = q.get()
        if not c:
            raise EOFError(f"{got} of {n}")    # returns (by raising) without join()
        parts.append(c)
        got += len(c)
    t.join()
    return b"".join(parts)

def recv_until_closed(sock):
    parts = []
    while (c := sock.recv(65536)):
        parts.append(c)
    return b"".join(parts)

def send_all(sock, data):
    mv = memoryview(data)
    while mv:
        mv = mv[sock.send(mv):]
