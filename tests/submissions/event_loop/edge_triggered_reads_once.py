"""Edge-triggered epoll (EPOLLET), one recv(65536) per event: bytes left after that read get no new edge.

A trial's. It passed about three gradings in seven: D's pieces each came as an edge of their own, small enough
for one read. D's last lines now come at once while the server is stopped, more than one read takes.
"""

import select
import socket

BOUND = 256 * 1024
ET = select.EPOLLET


class Peer:
    def __init__(self, sock):
        self.sock = sock
        self.rest = b""
        self.out = bytearray()
        self.eof = False
        self.dead = False
        self.mask = None


def serve_clients_selectors(port, host, count):
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((host, port))
    lsock.listen()
    lsock.setblocking(False)
    ep = select.epoll()
    peers = {}
    accepted = 0
    answered = 0
    lfd = lsock.fileno()

    def pump(p):
        nonlocal answered
        # read while allowed
        if not p.eof and len(p.out) <= BOUND:
            try:
                data = p.sock.recv(65536)
            except BlockingIOError:
                data = None
            except ConnectionResetError:
                p.dead = True
                return
            if data == b"":
                p.eof = True
            elif data is None:
                pass
            else:
                p.rest += data
                *lines, p.rest = p.rest.split(b"\n")
                for line in lines:
                    p.out += line[::-1] + b"\n"
                    answered += 1
            # flush as we go, so reading and writing interleave
            flush(p)
            if p.dead:
                return
        flush(p)

    def flush(p):
        while p.out:
            try:
                n = p.sock.send(p.out)
            except BlockingIOError:
                return
            except (ConnectionResetError, BrokenPipeError):
                p.dead = True
                return
            del p.out[:n]

    def settle(fd, p):
        if not p.dead:
            mask = 0
            if p.out:
                mask |= select.EPOLLOUT
            if not p.eof and len(p.out) <= BOUND:
                mask |= select.EPOLLIN
            if mask:
                if mask != p.mask:
                    ep.modify(fd, mask | ET)
                    p.mask = mask
                return
        ep.unregister(fd)
        p.sock.close()
        del peers[fd]

    try:
        if count > 0:
            ep.register(lfd, select.EPOLLIN | ET)
        else:
            lsock.close()
        while accepted < count or peers:
            for fd, ev in ep.poll():
                if accepted < count and fd == lfd:
                    while accepted < count:
                        try:
                            s, _ = lsock.accept()
                        except BlockingIOError:
                            break
                        s.setblocking(False)
                        p = Peer(s)
                        peers[s.fileno()] = p
                        ep.register(s.fileno(), select.EPOLLIN | ET)
                        p.mask = select.EPOLLIN
                        accepted += 1
                        pump(p)
                        settle(s.fileno(), p)
                    if accepted == count:
                        ep.unregister(lfd)
                        lsock.close()
                    continue
                p = peers.get(fd)
                if p is None:
                    continue
                pump(p)
                settle(fd, p)
    finally:
        for p in peers.values():
            p.sock.close()
        lsock.close()
        ep.close()
    return answered
