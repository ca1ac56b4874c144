# selector.modify(conn, events) without data= (a second independent trial's): modify() sets key.data to None, so the
# client's state is lost at its next event (AttributeError on None ends the loop). Told as a None, not a misspelt name.
import selectors, socket

BOUND = 256 * 1024

class State:
    def __init__(self):
        self.partial = bytearray()
        self.unsent = bytearray()
        self.eof = False

def serve_clients_selectors(port, host, count):
    sel = selectors.DefaultSelector()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    srv.setblocking(False)
    sel.register(srv, selectors.EVENT_READ)
    accepted = 0
    live = 0
    answered = 0
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
                    sel.register(conn, selectors.EVENT_READ, State())
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
                        if not data:
                            st.eof = True
                        else:
                            st.partial += data
                            while (i := st.partial.find(b"\n")) >= 0:
                                line = bytes(st.partial[:i])
                                del st.partial[:i + 1]
                                st.unsent += line[::-1] + b"\n"
                                answered += 1
                    if mask & selectors.EVENT_WRITE and st.unsent:
                        n = conn.send(st.unsent)
                        del st.unsent[:n]
                except BlockingIOError:
                    pass
                except ConnectionResetError:
                    sel.unregister(conn)
                    conn.close()
                    live -= 1
                    continue
                if st.eof and not st.unsent:
                    sel.unregister(conn)
                    conn.close()
                    live -= 1
                    continue
                events = 0
                if st.unsent:
                    events |= selectors.EVENT_WRITE
                if not st.eof and len(st.unsent) <= BOUND:
                    events |= selectors.EVENT_READ
                if events != key.events:
                    sel.modify(conn, events)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        if listening:
            srv.close()
        sel.close()
    return answered
