"""Bug: clients idle for 1.5 s are closed, counted over select(timeout=0.5) calls (a trial's: it passed while the
grader out-waited one 0.5 s select only)."""

import selectors
import socket
import time

BOUND = 256 * 1024  # unsent bytes per client before we stop reading it


class Client:
    def __init__(self, sock):
        self.sock = sock
        self.inbuf = bytearray()
        self.out = bytearray()
        self.eof = False
        self.last = time.monotonic()


def serve_clients_selectors(port, host, count):
    sel = selectors.DefaultSelector()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    srv.setblocking(False)
    sel.register(srv, selectors.EVENT_READ, None)
    listening = True
    accepted = 0
    clients = set()
    answered = 0

    def drop(st):
        sel.unregister(st.sock)
        st.sock.close()
        clients.discard(st)

    try:
        while accepted < count or clients:
            events = sel.select(timeout=0.5)
            now = time.monotonic()
            for c in [c for c in clients if now - c.last > 1.5 and not c.out]:
                drop(c)  # idle: hang up
            for key, mask in events:
                if key.data is None:
                    try:
                        conn, _ = srv.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    st = Client(conn)
                    clients.add(st)
                    sel.register(conn, selectors.EVENT_READ, st)
                    accepted += 1
                    if accepted == count:
                        sel.unregister(srv)
                        srv.close()
                        listening = False
                    continue
                st = key.data
                try:
                    if mask & selectors.EVENT_READ:
                        try:
                            data = st.sock.recv(65536)
                        except BlockingIOError:
                            data = None
                        if data == b"":
                            st.eof = True
                        elif data:
                            st.last = time.monotonic()
                            st.inbuf += data
                            while (i := st.inbuf.find(b"\n")) >= 0:
                                line = bytes(st.inbuf[:i])
                                del st.inbuf[: i + 1]
                                st.out += line[::-1] + b"\n"
                                answered += 1
                    if mask & selectors.EVENT_WRITE and st.out:
                        try:
                            n = st.sock.send(st.out)
                        except BlockingIOError:
                            n = 0
                        del st.out[:n]
                except (ConnectionResetError, BrokenPipeError):
                    drop(st)
                    continue
                if st.eof and not st.out:
                    drop(st)
                    continue
                want = 0
                if st.out:
                    want |= selectors.EVENT_WRITE
                if not st.eof and len(st.out) <= BOUND:
                    want |= selectors.EVENT_READ
                if want != key.events:
                    sel.modify(st.sock, want, st)
    finally:
        pass
        for st in list(clients):
            drop(st)
        if listening:
            sel.unregister(srv)
            srv.close()
        sel.close()
    return answered
