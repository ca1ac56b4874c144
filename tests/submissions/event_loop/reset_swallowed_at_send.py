"""Bug: send() wrapped in `except Exception: pass` (meant for BlockingIOError), so the reset send() meets is swallowed.

Client G resets while the server has stopped reading it (its replies queued, EVENT_WRITE alone): only send() can
meet that reset, and the except swallows it. G's socket is never closed: it stays registered for writing, a reset
socket is ready for ever, every later send() fails again, and the loop spins (an independent trial's; its report said
only "sleeps while every client is idle" with a hint about EVENT_WRITE, EOF or close without unregister, none of
which applied, and "a client that resets ends only its own connection" passed).
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
    while done < count:
        for key, mask in sel.select():
            sock = key.fileobj
            if sock is listener:
                conn, _ = listener.accept()
                conn.setblocking(False)  #@SETBLOCK
                sel.register(conn, selectors.EVENT_READ, St())
                accepted += 1
                if accepted == count:
                    sel.unregister(listener)
                    listener.close()
                continue
            st = key.data
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
                    try:
                        n = sock.send(st.outbuf)
                        del st.outbuf[:n]
                    except Exception:
                        pass
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
