"""Bug: once count clients were accepted, a select() that times out after 0.3 s ends the loop (a trial's): a quiet
spell taken for "every client is done". It passed every check before: no client paused after the last accept."""

import selectors
import socket

BOUND = 256 * 1024
READ, WRITE = selectors.EVENT_READ, selectors.EVENT_WRITE


class Client:
    def __init__(self, sock, sel):
        self.sock = sock
        self.sel = sel
        self.partial = b""
        self.unsent = bytearray()
        self.eof = False
        self.closed = False
        self.answered = 0
        self.events = READ

    def on_readable(self):
        try:
            data = self.sock.recv(65536)
        except BlockingIOError:
            return
        except ConnectionResetError:
            self.close()
            return
        if not data:
            self.eof = True
        else:
            self.partial += data
            *lines, self.partial = self.partial.split(b"\n")
            for line in lines:
                self.unsent += line[::-1] + b"\n"
                self.answered += 1
        self.update()

    def on_writable(self):
        try:
            sent = self.sock.send(self.unsent)
        except BlockingIOError:
            return
        except (ConnectionResetError, BrokenPipeError):
            self.close()
            return
        del self.unsent[:sent]
        self.update()

    def update(self):
        if self.closed:
            return
        wanted = 0
        if self.unsent:
            wanted |= WRITE
        if not self.eof and len(self.unsent) <= BOUND:
            wanted |= READ
        if not wanted:
            self.close()
        elif wanted != self.events:
            self.sel.modify(self.sock, wanted, self)
            self.events = wanted

    def close(self):
        if not self.closed:
            self.closed = True
            self.sel.unregister(self.sock)
            self.sock.close()


def serve_clients_selectors(port, host, count):
    sel = selectors.DefaultSelector()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    clients = []
    accepted = 0
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen()
        listener.setblocking(False)
        sel.register(listener, READ, None)
        if count == 0:
            sel.unregister(listener)
            listener.close()
        while accepted < count or any(not c.closed for c in clients):
            events = sel.select(timeout=0.3)
            if not events and accepted == count:
                break
            for key, mask in events:
                if key.data is None:
                    try:
                        conn, _ = listener.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    client = Client(conn, sel)
                    sel.register(conn, READ, client)
                    clients.append(client)
                    accepted += 1
                    if accepted == count:
                        sel.unregister(listener)
                        listener.close()
                    continue
                client = key.data
                if mask & READ and not client.closed:
                    client.on_readable()
                if mask & WRITE and not client.closed:
                    client.on_writable()
    finally:
        for c in clients:
            if not c.closed:
                c.closed = True
                c.sock.close()
        listener.close()
        sel.close()
    return sum(c.answered for c in clients)
