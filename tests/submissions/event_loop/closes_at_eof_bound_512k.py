"""Closes a client at its EOF at once, with replies still waiting for it; its bound 512 KiB (a learner's mistake)."""
import select
import socket

BOUND = 512 * 1024
R = select.POLLIN
W = select.POLLOUT


def serve_clients_selectors(port, host, count):
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((host, port))
    lsock.listen(16)
    lsock.setblocking(False)
    poller = select.poll()
    poller.register(lsock, R)
    socks, inbuf, outbuf, done_reading = {}, {}, {}, set()
    accepted = lines = 0
    while accepted < count or socks:
        for fd, ev in poller.poll():
            if lsock is not None and fd == lsock.fileno():
                c, _ = lsock.accept()
                c.setblocking(False)
                socks[c.fileno()] = c
                inbuf[c.fileno()] = b""
                outbuf[c.fileno()] = bytearray()
                poller.register(c, R)
                accepted += 1
                if accepted == count:
                    poller.unregister(lsock)
                    lsock.close()
                    lsock = None
                continue
            c = socks[fd]
            try:
                if ev & (R | select.POLLHUP | select.POLLERR) and fd not in done_reading:
                    data = c.recv(8192)
                    if not data:
                        done_reading.add(fd)
                    else:
                        buf = inbuf[fd] + data
                        while True:
                            i = buf.find(b"\n")
                            if i < 0:
                                break
                            outbuf[fd] += buf[:i][::-1] + b"\n"
                            lines += 1
                            buf = buf[i + 1:]
                        inbuf[fd] = buf
                if ev & W and outbuf[fd]:
                    n = c.send(outbuf[fd])
                    del outbuf[fd][:n]
            except (ConnectionResetError, BrokenPipeError):
                done_reading.add(fd)
                outbuf[fd].clear()
            if fd in done_reading:
                poller.unregister(c)
                c.close()
                del socks[fd], inbuf[fd], outbuf[fd]
                done_reading.discard(fd)
                continue
            mask = 0
            if fd not in done_reading and len(outbuf[fd]) < BOUND:
                mask |= R
            if outbuf[fd]:
                mask |= W
            poller.modify(c, mask)
    return lines
