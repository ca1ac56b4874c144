# BUG: sends from a memoryview kept in the state and then del st.unsent[:n] while the view is still
# exported: BufferError, the loop dies. Violates step 5 "delete from the buffer only what send() took" (it crashes instead).
import selectors
import socket
from dataclasses import dataclass, field

BOUND = 1 << 20


@dataclass
class Client:
    inbuf: bytearray = field(default_factory=bytearray)
    unsent: bytearray = field(default_factory=bytearray)
    eof: bool = False


def serve_clients_selectors(port, host, count):
    sel = selectors.DefaultSelector()
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((host, port))
    lsock.listen()
    lsock.setblocking(False)
    sel.register(lsock, selectors.EVENT_READ)
    accepted = 0
    answered = 0
    open_clients = 0

    def finish(sock):
        nonlocal open_clients
        sel.unregister(sock)
        sock.close()
        open_clients -= 1

    try:
        while accepted < count or open_clients:
            for key, mask in sel.select():
                sock = key.fileobj
                if key.data is None:
                    try:
                        conn, _ = sock.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, Client())
                    accepted += 1
                    open_clients += 1
                    if accepted == count:
                        sel.unregister(sock)
                        sock.close()
                    continue
                st = key.data
                try:
                    if mask & selectors.EVENT_READ:
                        data = sock.recv(65536)
                        if not data:
                            st.eof = True
                        else:
                            st.inbuf += data
                            parts = st.inbuf.split(b"\n")
                            st.inbuf = parts.pop()
                            for line in parts:
                                st.unsent += line[::-1] + b"\n"
                                answered += 1
                    if mask & selectors.EVENT_WRITE and st.unsent:
                        st.view = memoryview(st.unsent)
                        n = sock.send(st.view)
                        del st.unsent[:n]
                except BlockingIOError:
                    pass
                except ConnectionResetError:
                    finish(sock)
                    continue
                if st.eof and not st.unsent:
                    finish(sock)
                    continue
                ev = 0
                if st.unsent:
                    ev |= selectors.EVENT_WRITE
                if not st.eof and len(st.unsent) <= BOUND:
                    ev |= selectors.EVENT_READ
                if ev != key.events:
                    sel.modify(sock, ev, st)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()
        if lsock.fileno() != -1:
            lsock.close()
    return answered
