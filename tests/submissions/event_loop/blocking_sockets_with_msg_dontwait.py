"""Client sockets left blocking, every recv() and send() passing MSG_DONTWAIT (a trial's, C-style).

The lesson asks for non-blocking sockets: it fails "never blocks in a send", and the report no longer says
nothing in the code stops a send from waiting; it says what the flag does and does not do.
"""

import errno
import select
import selectors  # noqa: F401
import socket

BOUND = 1 << 20
R = select.POLLIN
W = select.POLLOUT
BAD = select.POLLERR | select.POLLHUP | select.POLLNVAL


class Client:
    __slots__ = ("sock", "partial", "out", "eof")

    def __init__(self, sock):
        self.sock = sock
        self.partial = bytearray()
        self.out = bytearray()
        self.eof = False


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((host, port))
    lsock.listen(count)
    lsock.setblocking(False)
    poller = select.poll()
    poller.register(lsock.fileno(), R)
    lfd = lsock.fileno()
    clients = {}          # fd -> Client
    accepted = 0
    answered = 0

    def drop(c):
        poller.unregister(c.sock.fileno())
        del clients[c.sock.fileno()]
        c.sock.close()

    def rearm(c):
        if c.eof and not c.out:
            drop(c)
            return
        mask = 0
        if c.out:
            mask |= W
        if not c.eof and len(c.out) <= BOUND:
            mask |= R
        poller.modify(c.sock.fileno(), mask)

    try:
        while accepted < count or clients:
            for fd, ev in poller.poll():        # no timeout: sleep until something happens
                if fd == lfd:
                    try:
                        conn, _ = lsock.accept()
                    except OSError as e:
                        if e.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.ECONNABORTED):
                            continue
                        raise
                    # conn stays in blocking mode; every call on it passes MSG_DONTWAIT (C style)
                    clients[conn.fileno()] = Client(conn)
                    poller.register(conn.fileno(), R)
                    accepted += 1
                    if accepted == count:
                        poller.unregister(lfd)
                        lsock.close()
                    continue
                c = clients.get(fd)
                if c is None:
                    continue
                try:
                    if ev & (R | BAD) and not c.eof and len(c.out) <= BOUND:
                        try:
                            data = c.sock.recv(65536, socket.MSG_DONTWAIT)
                        except BlockingIOError:
                            data = None
                        if data == b"":
                            c.eof = True
                        elif data:
                            c.partial += data
                            start = 0
                            while (i := c.partial.find(b"\n", start)) >= 0:
                                c.out += c.partial[start:i][::-1]
                                c.out += b"\n"
                                answered += 1
                                start = i + 1
                            del c.partial[:start]
                    if ev & (W | BAD) and c.out:
                        try:
                            n = c.sock.send(c.out, socket.MSG_DONTWAIT)
                            del c.out[:n]
                        except BlockingIOError:
                            pass
                    if ev & BAD and not c.out and (c.eof or len(c.out) > BOUND):
                        c.sock.recv(1, socket.MSG_DONTWAIT)   # surface the pending error, if any
                except OSError as e:
                    if e.errno in (errno.ECONNRESET, errno.EPIPE):
                        drop(c)
                        continue
                    raise
                rearm(c)
    finally:
        for c in list(clients.values()):
            c.sock.close()
        if lsock.fileno() != -1:
            lsock.close()
    return answered
