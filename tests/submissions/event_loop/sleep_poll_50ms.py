"""Bug: polls with select(timeout=0) and time.sleep(0.05) between: asleep at every look, awake twenty times a second while every client is idle, under the wakeup count's limit; the kernel shows its sleeps' deadlines 0.05 s apart."""
import selectors
import time
import socket

BOUND = 256 * 1024


class Client:
    def __init__(self, sock):
        self.sock = sock
        self.pending = bytearray()
        self.unsent = bytearray()
        self.eof = False


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    sel = selectors.DefaultSelector()
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen()
    server.setblocking(False)
    sel.register(server, selectors.EVENT_READ, None)
    accepted = 0
    open_clients = 0
    answered = 0

    def finish(c):
        nonlocal open_clients
        sel.unregister(c.sock)
        c.sock.close()
        open_clients -= 1

    def update(c):
        if c.eof and not c.unsent:
            finish(c)
            return
        ev = 0
        if c.unsent:
            ev |= selectors.EVENT_WRITE
        if not c.eof and len(c.unsent) <= BOUND:
            ev |= selectors.EVENT_READ
        if ev == 0:
            # EOF seen, replies waiting: we still want to write; handled above
            ev = selectors.EVENT_WRITE
        sel.modify(c.sock, ev, c)

    try:
        while accepted < count or open_clients > 0:
            events = sel.select(timeout=0)
            if not events:
                time.sleep(0.05)
            for key, mask in events:
                if key.data is None:
                    try:
                        conn, _ = server.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, Client(conn))
                    accepted += 1
                    open_clients += 1
                    if accepted == count:
                        sel.unregister(server)
                        server.close()
                    continue
                c = key.data
                if c.sock.fileno() == -1:
                    continue
                try:
                    if mask & selectors.EVENT_READ:
                        data = c.sock.recv(65536)
                        if not data:
                            c.eof = True
                        else:
                            c.pending += data
                            while True:
                                i = c.pending.find(b"\n")
                                if i < 0:
                                    break
                                line = bytes(c.pending[:i])
                                del c.pending[: i + 1]
                                c.unsent += line[::-1] + b"\n"
                                answered += 1
                    if mask & selectors.EVENT_WRITE and c.unsent:
                        n = c.sock.send(c.unsent)
                        del c.unsent[:n]
                except BlockingIOError:
                    pass
                except ConnectionError:
                    finish(c)
                    continue
                update(c)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()
        if server.fileno() != -1:
            server.close()
    return answered
