"""BUGGY (reregister_dedented): the re-register step (modify / close at EOF) sits one indentation level
too far out: it runs once per select() batch, for the LAST key of the batch only. When two clients are
ready in the same batch, the first one keeps its old interest (replies queued without EVENT_WRITE, or
an EOF client never closed until it happens to be last in a batch). Violates step 6 "Re-register what
the client needs now" after each event.
"""
import selectors
import socket
from dataclasses import dataclass, field

BOUND = 1 << 20


@dataclass
class Client:
    inbuf: bytearray = field(default_factory=bytearray)
    unsent: bytearray = field(default_factory=bytearray)
    eof: bool = False


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    sel = selectors.DefaultSelector()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    srv.setblocking(False)
    sel.register(srv, selectors.EVENT_READ)
    accepted = live = answered = 0
    listening = True
    try:
        while listening or live:
            for key, mask in sel.select():
                if key.fileobj is srv:
                    try:
                        conn, _ = srv.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, Client())
                    accepted += 1
                    live += 1
                    if accepted == count:
                        sel.unregister(srv)
                        srv.close()
                        listening = False
                    continue
                conn, st = key.fileobj, key.data
                try:
                    if mask & selectors.EVENT_READ:
                        data = conn.recv(65536)
                        if data:
                            st.inbuf += data
                            start = 0
                            while (i := st.inbuf.find(b"\n", start)) >= 0:
                                st.unsent += st.inbuf[start:i][::-1] + b"\n"
                                answered += 1
                                start = i + 1
                            del st.inbuf[:start]
                        else:
                            st.eof = True
                    if mask & selectors.EVENT_WRITE and st.unsent:
                        n = conn.send(st.unsent)
                        del st.unsent[:n]
                except BlockingIOError:
                    pass
                except (ConnectionResetError, BrokenPipeError):
                    sel.unregister(conn)
                    conn.close()
                    live -= 1
                    continue
            # re-register what the client needs now
            if key.data is not None and key.fileobj.fileno() != -1:
                conn, st = key.fileobj, key.data
                events = 0
                if st.unsent:
                    events |= selectors.EVENT_WRITE
                if not st.eof and len(st.unsent) <= BOUND:
                    events |= selectors.EVENT_READ
                if not events:
                    sel.unregister(conn)
                    conn.close()
                    live -= 1
                elif events != key.events:
                    sel.modify(conn, events, st)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()
        if listening:
            srv.close()
    return answered
