"""Bug (a trial's): read interest is only recomputed after a READ event; after a write-only event the loop asks only
for EVENT_WRITE, and once nothing is queued it keeps what it had. So after G's first reply was written, G's socket
is never read again and has nothing to send: no recv() or send() on it meets G's reset, and the socket stays open.
The reset check must say that (not "your loop went round and round writing", which suits an except: pass around
send()). Violates step 6: read interest while not at EOF and the unsent replies are within your bound.
"""
import selectors
import socket
from dataclasses import dataclass, field

BOUND = 1 << 20


@dataclass
class Client:
    partial: bytearray = field(default_factory=bytearray)
    unsent: bytearray = field(default_factory=bytearray)
    eof: bool = False


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    sel = selectors.DefaultSelector()
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen()
    server.setblocking(False)
    sel.register(server, selectors.EVENT_READ)
    accepted = 0
    open_clients = 0
    answered = 0
    listening = True

    def drop(sock):
        nonlocal open_clients
        sel.unregister(sock)
        sock.close()
        open_clients -= 1

    try:
        while listening or open_clients:
            for key, mask in sel.select():
                sock = key.fileobj
                if key.data is None:
                    try:
                        conn, _ = sock.accept()
                    except BlockingIOError:
                        continue
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, data=Client())
                    accepted += 1
                    open_clients += 1
                    if accepted == count:
                        sel.unregister(server)
                        server.close()
                        listening = False
                    continue
                st = key.data
                try:
                    if mask & selectors.EVENT_READ and not st.eof:
                        data = sock.recv(65536)
                        if not data:
                            st.eof = True
                        else:
                            st.partial += data
                            while (i := st.partial.find(b"\n")) >= 0:
                                line = bytes(st.partial[:i])
                                del st.partial[: i + 1]
                                st.unsent += line[::-1] + b"\n"
                                answered += 1
                    if mask & selectors.EVENT_WRITE and st.unsent:
                        n = sock.send(st.unsent)
                        del st.unsent[:n]
                except BlockingIOError:
                    pass
                except ConnectionResetError:
                    drop(sock)
                    continue
                if st.eof and not st.unsent:
                    drop(sock)
                    continue
                events = 0
                if st.unsent:
                    events |= selectors.EVENT_WRITE
                if mask & selectors.EVENT_READ and not st.eof and len(st.unsent) <= BOUND:
                    events |= selectors.EVENT_READ
                if events == 0:
                    events = key.events
                if events != key.events:
                    sel.modify(sock, events, data=st)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()
        server.close()
    return answered
