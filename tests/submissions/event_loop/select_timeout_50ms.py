# MISTAKE: select(timeout=0.05) "so the loop can check its exit condition": polls 20 times a second while every client
# is idle, under the wakeup count's limit (a trial's; it passed). Lesson 8: a wait without a timeout, or one of a second or more.
import selectors
import socket

BOUND = 256 * 1024


class Client:
    def __init__(self, sock):
        self.sock = sock
        self.partial = b""
        self.unsent = bytearray()
        self.eof = False


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    sel = selectors.DefaultSelector()
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen()
    server.setblocking(False)
    sel.register(server, selectors.EVENT_READ)
    accepted = 0
    clients = 0
    answered = 0

    def finish(st):
        sel.unregister(st.sock)
        st.sock.close()

    try:
        while accepted < count or clients:
            for key, mask in sel.select(timeout=0.05):
                if key.data is None:
                    conn, _ = server.accept()
                    conn.setblocking(False)
                    sel.register(conn, selectors.EVENT_READ, Client(conn))
                    accepted += 1
                    clients += 1
                    if accepted == count:
                        sel.unregister(server)
                        server.close()
                    continue
                st = key.data
                try:
                    if mask & selectors.EVENT_READ:
                        data = st.sock.recv(65536)
                        if not data:
                            st.eof = True
                        else:
                            st.partial += data
                            *lines, st.partial = st.partial.split(b"\n")
                            for line in lines:
                                st.unsent += line[::-1] + b"\n"
                                answered += 1
                    if mask & selectors.EVENT_WRITE and st.unsent:
                        n = st.sock.send(st.unsent)
                        del st.unsent[:n]
                except ConnectionResetError:
                    finish(st)
                    clients -= 1
                    continue
                events = 0
                if st.unsent:
                    events |= selectors.EVENT_WRITE
                if not st.eof and len(st.unsent) <= BOUND:
                    events |= selectors.EVENT_READ
                if not events:
                    finish(st)
                    clients -= 1
                elif events != key.events:
                    sel.modify(st.sock, events, st)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()
        server.close()
    return answered
