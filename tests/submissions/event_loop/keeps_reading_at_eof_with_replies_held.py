"""EVENT_READ kept on a socket at its EOF while its replies wait: readable for ever, the loop spins (a trial's).

It passed: no client was at its EOF with replies held while the grader looked. F's EOF now comes while the
server holds replies it cannot send, and the grader looks whether the server sleeps then.
"""

import selectors
import socket

BOUND = 1 << 20


class State:
    def __init__(self):
        self.rest = bytearray()
        self.unsent = bytearray()
        self.eof = False


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    sel = selectors.DefaultSelector()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen()
    listener.setblocking(False)
    sel.register(listener, selectors.EVENT_READ)
    accepted = 0
    done = 0
    answered = 0
    try:
        while accepted < count or done < accepted:
            for key, mask in sel.select():
                if key.fileobj is listener:
                    conn, _ = listener.accept()
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, State())
                    accepted += 1
                    if accepted == count:
                        sel.unregister(listener)
                        listener.close()
                    continue
                conn = key.fileobj
                st = key.data
                try:
                    if mask & selectors.EVENT_READ:
                        chunk = conn.recv(65536)
                        if not chunk:
                            st.eof = True
                        else:
                            st.rest += chunk
                            while (i := st.rest.find(b"\n")) >= 0:
                                line = bytes(st.rest[:i])
                                del st.rest[:i + 1]
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
                    done += 1
                    continue
                if st.eof and not st.unsent:
                    sel.unregister(conn)
                    conn.close()
                    done += 1
                    continue
                events = 0
                if st.unsent:
                    events |= selectors.EVENT_WRITE
                if len(st.unsent) <= BOUND:
                    events |= selectors.EVENT_READ
                if events != key.events:
                    sel.modify(conn, events, st)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()
        listener.close()
    return answered
