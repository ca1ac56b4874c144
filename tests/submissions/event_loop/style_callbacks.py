"""Correct: per-connection objects whose methods are the selector's callbacks (key.data)."""
import selectors
import socket

BOUND = 256 << 10


class Connection:
    def __init__(self, loop, sock):
        self.loop, self.sock = loop, sock
        self.inbox, self.outbox = b"", bytearray()
        self.closing = False

    def events(self):
        wanted = 0
        if not self.closing and len(self.outbox) < BOUND:
            wanted |= selectors.EVENT_READ
        if self.outbox:
            wanted |= selectors.EVENT_WRITE
        return wanted

    def on_event(self, mask):
        try:
            if mask & selectors.EVENT_READ:
                self.on_readable()
            if mask & selectors.EVENT_WRITE:
                self.on_writable()
        except ConnectionResetError:
            self.closing, self.outbox = True, bytearray()
        self.loop.update(self)

    def on_readable(self):
        data = self.sock.recv(32768)
        if not data:
            self.closing = True
            return
        lines = (self.inbox + data).split(b"\n")
        self.inbox = lines.pop()
        for line in lines:
            self.outbox += line[::-1] + b"\n"
            self.loop.answered += 1

    def on_writable(self):
        sent = self.sock.send(self.outbox)
        del self.outbox[:sent]


class Loop:
    def __init__(self):
        self.selector = selectors.DefaultSelector()
        self.answered = 0
        self.open = 0

    def update(self, conn):
        wanted = conn.events()
        if wanted == 0:
            self.selector.unregister(conn.sock)
            conn.sock.close()
            self.open -= 1
        else:
            self.selector.modify(conn.sock, wanted, conn.on_event)


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    loop = Loop()
    listener = socket.create_server((host, port))  # SO_REUSEADDR on Linux
    listener.setblocking(False)
    accepted = 0

    def on_accept(mask):
        nonlocal accepted
        sock, _ = listener.accept()
        sock.setblocking(False)
        conn = Connection(loop, sock)
        loop.selector.register(sock, selectors.EVENT_READ, conn.on_event)
        loop.open += 1
        accepted += 1
        if accepted == count:
            loop.selector.unregister(listener)
            listener.close()

    loop.selector.register(listener, selectors.EVENT_READ, on_accept)
    while accepted < count or loop.open:
        for key, mask in loop.selector.select():
            key.data(mask)
    loop.selector.close()
    return loop.answered
