"""Bug: every client stays registered for EVENT_WRITE, with or without replies to send: a socket with room in
its send buffer is always writable, so select() returns at once, forever (busy-waiting)."""
import selectors
import socket
from types import SimpleNamespace

BOUND = 256 * 1024


def serve_clients_selectors(port, host, count):
    sel = selectors.DefaultSelector()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    srv.setblocking(False)
    sel.register(srv, selectors.EVENT_READ, None)
    accepted = 0
    live = 0
    answered = 0
    while accepted < count or live:
        for key, mask in sel.select():
            if key.data is None:
                conn, _ = srv.accept()
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ, SimpleNamespace(buf=b"", out=bytearray(), eof=False))
                accepted += 1
                live += 1
                if accepted == count:
                    sel.unregister(srv)
                    srv.close()
                continue
            conn, st = key.fileobj, key.data
            try:
                if mask & selectors.EVENT_READ:
                    data = conn.recv(65536)
                    if not data:
                        st.eof = True
                    else:
                        st.buf += data
                        *lines, st.buf = st.buf.split(b"\n")
                        for line in lines:
                            st.out += line[::-1] + b"\n"
                            answered += 1
                if mask & selectors.EVENT_WRITE and st.out:
                    sent = conn.send(st.out)
                    del st.out[:sent]
            except (ConnectionResetError, BrokenPipeError):
                sel.unregister(conn)
                conn.close()
                live -= 1
                continue
            events = selectors.EVENT_WRITE
            if st.out:
                events |= selectors.EVENT_WRITE
            if not st.eof and len(st.out) <= BOUND:
                events |= selectors.EVENT_READ
            if st.eof and not st.out:
                sel.unregister(conn)
                conn.close()
                live -= 1
            else:
                sel.modify(conn, events, st)
    sel.close()
    return answered
