# BUG: a client is closed only when its EOF is read with nothing left to send; if
# its EOF came while replies were still queued, the write path empties the queue
# but never closes it (the close check is in the read branch only).
# Violates step 6: "At EOF with nothing left to send, unregister and close it."
import selectors
import socket
import types

BOUND = 256 * 1024


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

    def finish(sock):
        nonlocal live
        sel.unregister(sock)
        sock.close()
        live -= 1

    while listening or live:
        for key, mask in sel.select():
            if key.data is None:
                conn, _ = lsock.accept()
                conn.setblocking(False)
                st = types.SimpleNamespace(pending=bytearray(), unsent=bytearray(), eof=False)
                sel.register(conn, selectors.EVENT_READ, data=st)
                accepted += 1
                live += 1
                if accepted == count:
                    sel.unregister(lsock)
                    lsock.close()
                    listening = False
                continue
            sock, st = key.fileobj, key.data
            try:
                if mask & selectors.EVENT_READ:
                    data = sock.recv(65536)
                    if not data:
                        st.eof = True
                        if not st.unsent:
                            finish(sock)
                            continue
                    else:
                        st.pending += data
                        while (i := st.pending.find(b"\n")) >= 0:
                            line = bytes(st.pending[:i])
                            del st.pending[: i + 1]
                            st.unsent += line[::-1] + b"\n"
                            answered += 1
                if mask & selectors.EVENT_WRITE and st.unsent:
                    n = sock.send(st.unsent)
                    del st.unsent[:n]
            except BlockingIOError:
                pass
            except ConnectionResetError:
                finish(sock)
                continue
            events = 0
            if st.eof and not st.unsent:
                continue
            if st.unsent:
                events |= selectors.EVENT_WRITE
            if not st.eof and len(st.unsent) <= BOUND:
                events |= selectors.EVENT_READ
            if events != key.events:
                sel.modify(sock, events, data=st)
    sel.close()
    return answered
