"""Edge-triggered epoll (EPOLLET), one recv(65536) per event, modify() only when the interest mask changes.

A trial's (x_epollet_once). It passed 13 of 13 in 7 gradings of 8: D's burst of lines did not catch it (each
recv() queued replies, which added EPOLLOUT, and that modify() re-armed epoll: the socket was reported again).
Only A's last bytes (no newline: no reply, no modify()) and A's FIN, queued together before the loop read
them, showed it: the recv() returns the bytes, and no event comes for the EOF behind them. They now always
arrive together (the server stopped meanwhile); the kernel shows A's socket in CLOSE_WAIT, registered EPOLLET.
"""

import select
import socket

BOUND = 1 << 20
IN, OUT, ET = select.EPOLLIN, select.EPOLLOUT, select.EPOLLET


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    ep = select.epoll()
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((host, port))
    ls.listen()
    ls.setblocking(False)
    ep.register(ls.fileno(), IN)
    conns = {}          # fd -> [sock, partial, out, eof, mask]; deleted at close
    accepted = 0
    answered = 0
    try:
        while accepted < count or conns:
            for fd, ev in ep.poll():
                if fd == ls.fileno() and accepted < count:
                    c, _ = ls.accept()
                    c.setblocking(False)
                    conns[c.fileno()] = [c, b"", bytearray(), False, IN | ET]
                    ep.register(c.fileno(), IN | ET)
                    accepted += 1
                    if accepted == count:
                        ep.unregister(ls.fileno())
                        ls.close()
                    continue
                c, part, out, eof, _m = conns[fd]
                try:
                    if ev & (IN | select.EPOLLHUP | select.EPOLLERR):
                        data = c.recv(65536)
                        if not data:
                            eof = True
                        else:
                            *lines, part = (part + data).split(b"\n")
                            for line in lines:
                                out += line[::-1] + b"\n"
                                answered += 1
                    if ev & OUT and out:
                        n = c.send(out)
                        del out[:n]
                except BlockingIOError:
                    pass
                except ConnectionResetError:
                    ep.unregister(fd)
                    c.close()
                    del conns[fd]
                    continue
                if eof and not out:
                    ep.unregister(fd)
                    c.close()
                    del conns[fd]
                    continue
                mask = ET | (OUT if out else 0) | (IN if not eof and len(out) <= BOUND else 0)
                if mask != conns[fd][4]:
                    ep.modify(fd, mask)
                conns[fd] = [c, part, out, eof, mask]
    finally:
        for c, *_ in conns.values():
            c.close()
        ep.close()
        ls.close()
    return answered
