"""A deadline per server, but each wait given a margin "for slow machines": it wakes past the deadline.

Written from COURSE.md's contract, not from the solution: selectors and a
non-blocking socket, the wait's timeout the time left plus half a second.
"""
import selectors
import socket
import time

MARGIN = 0.5  # the learner's "safety margin"


def first_reply(servers, request, timeout):
    problems = []
    for index, address in enumerate(servers):
        deadline = time.monotonic() + timeout
        sock = socket.socket()
        try:
            sock.settimeout(timeout)
            sock.connect(address)
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            sock.setblocking(False)
            reply = b""
            with selectors.DefaultSelector() as selector:
                selector.register(sock, selectors.EVENT_READ)
                while True:
                    if not selector.select(deadline - time.monotonic() + MARGIN):
                        raise TimeoutError("too slow")
                    chunk = sock.recv(4096)
                    if not chunk:
                        return index, reply
                    reply += chunk
                    if time.monotonic() > deadline:
                        raise TimeoutError("too slow")
        except OSError as exc:
            problems.append(f"{address[0]}:{address[1]}: {exc!r}")
        finally:
            sock.close()
    raise ConnectionError("; ".join(problems))
