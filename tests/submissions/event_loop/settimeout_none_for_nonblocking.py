"""Bug: conn.settimeout(None) taken for non-blocking: it makes the socket blocking, so a send() that does not
fit waits for the client that does not read, and the whole loop with it. Whether it waits depends on what the
send buffer holds at that moment (and a signal cuts a blocked send() short): in two gradings at once it passed
every check, 5 times in 10 (an independent trial). The kernel's flags of the socket (no O_NONBLOCK) tell it
every time.
"""

import selectors
import socket
import sys

BOUND = 256 * 1024


class Client:
    __slots__ = ("sock", "partial", "unsent", "eof")

    def __init__(self, sock):
        self.sock = sock
        self.partial = bytearray()
        self.unsent = bytearray()
        self.eof = False

    def wanted(self):
        ev = 0
        if self.unsent:
            ev |= selectors.EVENT_WRITE
        if not self.eof and len(self.unsent) <= BOUND:
            ev |= selectors.EVENT_READ
        return ev


def serve_clients_selectors(port, host, count):
    sel = selectors.DefaultSelector()
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind((host, port))
    lst.listen()
    lst.setblocking(False)
    sel.register(lst, selectors.EVENT_READ)
    accepted = 0
    alive = 0
    answered = 0
    listening = True

    def finish(c):
        nonlocal alive
        sel.unregister(c.sock)
        c.sock.close()
        alive -= 1

    try:
        while listening or alive:
            for key, mask in sel.select():
                if key.data is None:
                    try:
                        conn, _ = lst.accept()
                    except BlockingIOError:
                        continue
                    conn.settimeout(None)  # no timeouts: never wait
                    sel.register(conn, selectors.EVENT_READ, Client(conn))
                    accepted += 1
                    alive += 1
                    if accepted == count:
                        sel.unregister(lst)
                        lst.close()
                        listening = False
                    continue
                c = key.data
                try:
                    if mask & selectors.EVENT_WRITE and c.unsent:
                        n = c.sock.send(c.unsent)
                        del c.unsent[:n]
                    if mask & selectors.EVENT_READ and not c.eof:
                        data = c.sock.recv(65536)
                        if not data:
                            c.eof = True
                        else:
                            c.partial += data
                            start = 0
                            while (i := c.partial.find(b"\n", start)) >= 0:
                                c.unsent += c.partial[start:i][::-1]
                                c.unsent += b"\n"
                                answered += 1
                                start = i + 1
                            del c.partial[:start]
                except BlockingIOError:
                    pass
                except (ConnectionResetError, BrokenPipeError) as e:
                    print("client gone:", e, file=sys.stderr)
                    finish(c)
                    continue
                ev = c.wanted()
                if ev == 0:
                    finish(c)
                elif ev != key.events:
                    sel.modify(c.sock, ev, c)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()
        lst.close()
    return answered
