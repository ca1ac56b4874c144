"""sock.send(buf) and buf.clear(): what a partial send() did not take is dropped (a trial's; its hint was generic).
"""

import socket
import selectors
from collections import deque
from contextlib import suppress
from functools import partial

R, W = selectors.EVENT_READ, selectors.EVENT_WRITE
BOUND = 256 * 1024

class _Client:
    __slots__ = ("rest", "unsent", "eof")

    def __init__(self):
        self.rest, self.unsent, self.eof = b"", bytearray(), False


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    sel = selectors.DefaultSelector()
    srv = socket.create_server((host, port))
    srv.setblocking(False)
    sel.register(srv, R)
    accepted = answered = live = 0
    try:
        while accepted < count or live:
            for key, mask in sel.select():
                sock, st = key.fileobj, key.data
                match st:
                    case None:
                        conn, _ = sock.accept()
                        conn.setblocking(False)
                        sel.register(conn, R, _Client())
                        accepted += 1
                        live += 1
                        if accepted == count:
                            sel.unregister(srv)
                            srv.close()
                        continue
                try:
                    if mask & R:
                        if data := sock.recv(65536):
                            *lines, st.rest = (st.rest + data).split(b"\n")
                            st.unsent += b"".join(line[::-1] + b"\n" for line in lines)
                            answered += len(lines)
                        else:
                            st.eof = True
                    if mask & W and st.unsent:
                        sock.send(st.unsent) and st.unsent.clear()
                except BlockingIOError:
                    pass
                except (ConnectionResetError, BrokenPipeError):
                    sel.unregister(sock)
                    sock.close()
                    live -= 1
                    continue
                events = (W if st.unsent else 0) | (R if not st.eof and len(st.unsent) <= BOUND else 0)
                if not events:
                    sel.unregister(sock)
                    sock.close()
                    live -= 1
                elif events != key.events:
                    sel.modify(sock, events, st)
    finally:
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        srv.close()
        sel.close()
    return answered
