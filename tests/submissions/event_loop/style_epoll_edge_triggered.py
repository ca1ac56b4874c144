"""Correct, from COURSE.md: epoll edge-triggered, every read and write drained until EAGAIN."""
import select
import socket

LIMIT = 256 * 1024


def serve_clients_selectors(port, host, count):
    ep = select.epoll()
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen()
    srv.setblocking(False)
    ep.register(srv.fileno(), select.EPOLLIN | select.EPOLLET)
    conns = {}
    n_acc = answered = 0
    try:
        while n_acc < count or conns:
            for fd, ev in ep.poll():
                if srv.fileno() == fd:
                    while n_acc < count:
                        try:
                            c, _ = srv.accept()
                        except BlockingIOError:
                            break
                        c.setblocking(False)
                        conns[c.fileno()] = [c, b"", bytearray(), False]
                        ep.register(c.fileno(), select.EPOLLIN | select.EPOLLOUT | select.EPOLLET)
                        n_acc += 1
                    if n_acc == count:
                        ep.unregister(srv.fileno())
                        srv.close()
                    continue
                st = conns[fd]
                c = st[0]
                try:
                    # read while under the bound (edge-triggered: until EAGAIN, or the bound)
                    while not st[3] and len(st[2]) <= LIMIT:
                        try:
                            d = c.recv(65536)
                        except BlockingIOError:
                            break
                        if not d:
                            st[3] = True
                            break
                        *full, st[1] = (st[1] + d).split(b"\n")
                        for line in full:
                            st[2] += line[::-1] + b"\n"
                            answered += 1
                    while st[2]:
                        try:
                            sent = c.send(st[2])
                        except BlockingIOError:
                            break
                        del st[2][:sent]
                        # room freed in our buffer: reading may resume (no new edge will say so)
                        while not st[3] and len(st[2]) <= LIMIT:
                            try:
                                d = c.recv(65536)
                            except BlockingIOError:
                                break
                            if not d:
                                st[3] = True
                                break
                            *full, st[1] = (st[1] + d).split(b"\n")
                            for line in full:
                                st[2] += line[::-1] + b"\n"
                                answered += 1
                except ConnectionResetError:
                    st[3] = True
                    st[2].clear()
                if st[3] and not st[2]:
                    ep.unregister(fd)
                    c.close()
                    del conns[fd]
    finally:
        ep.close()
    return answered
