"""Bug: stops reading a client at its bound and never asks for EVENT_READ again; once its replies are sent it is
unregistered and closed, its lines still unread: the close sends RST (an independent trial)."""
import selectors
import socket

BOUND = 1 << 20


class State:
    def __init__(self):
        self.inbuf = bytearray()
        self.outbuf = bytearray()
        self.eof = False


def serve_clients_selectors(port, host, count):
    sel = selectors.DefaultSelector()
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((host, port))
    lsock.listen()
    lsock.setblocking(False)
    sel.register(lsock, selectors.EVENT_READ)
    listening = True
    accepted = 0
    active = 0
    answered = 0
    try:
        while listening or active:
            for key, mask in sel.select():
                if key.data is None:
                    try:
                        conn, _ = lsock.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, State())
                    accepted += 1
                    active += 1
                    if accepted == count:
                        sel.unregister(lsock)
                        lsock.close()
                        listening = False
                    continue
                conn = key.fileobj
                st = key.data
                try:
                    if mask & selectors.EVENT_READ:
                        data = conn.recv(65536)
                        if not data:
                            st.eof = True
                        else:
                            st.inbuf += data
                            while (i := st.inbuf.find(b"\n")) >= 0:
                                line = st.inbuf[:i]
                                line.reverse()
                                st.outbuf += line
                                st.outbuf += b"\n"
                                del st.inbuf[:i + 1]
                                answered += 1
                    if mask & selectors.EVENT_WRITE and st.outbuf:
                        n = conn.send(st.outbuf)
                        del st.outbuf[:n]
                except BlockingIOError:
                    pass
                except (ConnectionResetError, BrokenPipeError):
                    sel.unregister(conn)
                    conn.close()
                    active -= 1
                    continue
                events = 0
                if st.outbuf:
                    events |= selectors.EVENT_WRITE
                if len(st.outbuf) > BOUND:
                    st.paused = True
                if not st.eof and not getattr(st, "paused", False):
                    events |= selectors.EVENT_READ
                if not events:
                    sel.unregister(conn)
                    conn.close()
                    active -= 1
                elif events != key.events:
                    sel.modify(conn, events, st)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()
        if listening:
            lsock.close()
    return answered
