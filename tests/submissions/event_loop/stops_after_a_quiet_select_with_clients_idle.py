"""Bug (a trial's): the loop waits in select(timeout=3.0) and, after a round with no event at all,
assumes the remaining clients are gone and stops ("so the server can never hang"): a
quiet spell of 3 s ends the server while clients are still connected (idle mid-line).
Violates step 2: "Loop on selector.select() until count clients were accepted and every
one of them is done", and "a pause is not the end"."""

import selectors
import socket

BOUND = 256 * 1024


class State:
    def __init__(self):
        self.partial = b""
        self.unsent = bytearray()
        self.eof = False


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    sel = selectors.DefaultSelector()
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind((host, port))
    lst.listen()
    lst.setblocking(False)
    sel.register(lst, selectors.EVENT_READ)
    accepted = 0
    live = 0
    answered = 0
    listening = True

    def drop(sock):
        nonlocal live
        sel.unregister(sock)
        sock.close()
        live -= 1

    try:
        while listening or live:
            events = sel.select(timeout=3.0)
            if not events:
                break  # nobody talked for 3 s: they are gone
            for key, mask in events:
                sock = key.fileobj
                if sock is lst:
                    try:
                        conn, _ = lst.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, State())
                    accepted += 1
                    live += 1
                    if accepted == count:
                        sel.unregister(lst)
                        lst.close()
                        listening = False
                    continue
                st = key.data
                try:
                    if mask & selectors.EVENT_READ:
                        data = sock.recv(65536)
                        if not data:
                            st.eof = True
                        else:
                            st.partial += data
                            *lines, st.partial = st.partial.split(b"\n")
                            for line in lines:
                                st.unsent += line[::-1] + b"\n"
                                answered += 1
                    if mask & selectors.EVENT_WRITE and st.unsent:
                        n = sock.send(st.unsent)
                        del st.unsent[:n]
                except BlockingIOError:
                    pass
                except ConnectionError:
                    drop(sock)
                    continue
                if st.eof and not st.unsent:
                    drop(sock)
                    continue
                want = 0
                if st.unsent:
                    want |= selectors.EVENT_WRITE
                if not st.eof and len(st.unsent) <= BOUND:
                    want |= selectors.EVENT_READ
                sel.modify(sock, want, st)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()
        if listening:
            lst.close()
    return answered
