# (always modify()) BUG: the reset handler unregisters and closes the socket but has no `continue`: the code falls
# through to the EOF check / modify() of a socket no longer registered, which raises: one client's reset ends
# the loop. Lesson: "A ConnectionResetError ends that client only".
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
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((host, port))
    lsock.listen()
    lsock.setblocking(False)
    sel.register(lsock, selectors.EVENT_READ)
    accepted = 0
    live = 0
    answered = 0
    listening = True

    def drop(sock):
        sel.unregister(sock)
        sock.close()

    try:
        while listening or live:
            for key, mask in sel.select():
                if key.data is None:
                    try:
                        conn, _ = lsock.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, Client())
                    accepted += 1
                    live += 1
                    if accepted == count:
                        sel.unregister(lsock)
                        lsock.close()
                        listening = False
                    continue
                sock, st = key.fileobj, key.data
                try:
                    if mask & selectors.EVENT_READ and not st.eof:
                        data = sock.recv(65536)
                        if not data:
                            st.eof = True
                        else:
                            st.inbuf += data
                            while (i := st.inbuf.find(b"\n")) >= 0:
                                st.unsent += st.inbuf[:i][::-1] + b"\n"
                                del st.inbuf[: i + 1]
                                answered += 1
                    if mask & selectors.EVENT_WRITE and st.unsent:
                        n = sock.send(st.unsent)
                        del st.unsent[:n]
                except BlockingIOError:
                    pass
                except ConnectionResetError:
                    drop(sock)
                    live -= 1
                if st.eof and not st.unsent:
                    drop(sock)
                    live -= 1
                    continue
                ev = 0
                if st.unsent:
                    ev |= selectors.EVENT_WRITE
                if not st.eof and len(st.unsent) <= BOUND:
                    ev |= selectors.EVENT_READ
                sel.modify(sock, ev, st)
    finally:
        if listening:
            sel.unregister(lsock)
            lsock.close()
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()
    return answered
