"""Bug: each client's state kept in a dict keyed by fileno(), made with setdefault() and never deleted at close.

The kernel gives a closed socket's descriptor number to the next socket opened: client E is closed after its EOF
before D is accepted, so D's socket gets E's number, and D inherits E's state (eof=True): the server closes D after
its first piece, in the middle of a line (an independent trial's; its report said D's silence was taken for its end,
with a hint about socket.timeout and BlockingIOError).
"""
import selectors
import socket

BOUND = 256 * 1024


class St:
    def __init__(self):
        self.inbuf = bytearray()
        self.outbuf = bytearray()
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
    states = {}
    while done < count:
        for key, mask in sel.select():
            sock = key.fileobj
            if sock is listener:
                conn, _ = listener.accept()
                conn.setblocking(False)  #@SETBLOCK
                sel.register(conn, selectors.EVENT_READ)
                accepted += 1
                if accepted == count:
                    sel.unregister(listener)
                    listener.close()
                continue
            st = states.setdefault(sock.fileno(), St())
            try:
                if mask & selectors.EVENT_READ:
                    data = sock.recv(65536)
                    if not data:
                        st.eof = True
                    else:
                        st.inbuf += data
                        while (i := st.inbuf.find(b"\n")) >= 0:  #@SPLIT
                            line = bytes(st.inbuf[:i])
                            del st.inbuf[:i + 1]
                            st.outbuf += line[::-1] + b"\n"
                            answered += 1  #@COUNT
                if mask & selectors.EVENT_WRITE:
                    n = sock.send(st.outbuf)  #@SEND
                    del st.outbuf[:n]
            except ConnectionResetError:
                sel.unregister(sock)
                sock.close()  #@RESETCLOSE
                done += 1  #@RESETDONE
                continue
            if st.eof and not st.outbuf:
                sel.unregister(sock)
                sock.close()
                done += 1
                continue
            want = 0
            if st.outbuf:
                want |= selectors.EVENT_WRITE
            if not st.eof and len(st.outbuf) <= BOUND:
                want |= selectors.EVENT_READ
            sel.modify(sock, want, st)
    sel.close()
    return answered
