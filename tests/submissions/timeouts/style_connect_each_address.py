"""Correct: each address handed to connect() and connect_ex() as it is given, a (host, port) tuple.

A tester's style: the contract says servers is a list of (host, port)
tuples, and socket.connect() takes such a tuple as it is (a list it
refuses: "AF_INET address must be tuple, not list").
"""

import errno
import select
import socket
import time


def _connect(sock, address, deadline):
    """Even servers with connect(), odd ones with a non-blocking connect_ex(): both take the address as given."""
    sock.settimeout(max(0.001, deadline - time.monotonic()))
    sock.connect(address)


def _connect_ex(sock, address, deadline):
    sock.setblocking(False)
    code = sock.connect_ex(address)
    if code not in (0, errno.EINPROGRESS):
        raise OSError(code, errno.errorcode.get(code, "connect failed"))
    _, writable, _ = select.select([], [sock], [], max(0.0, deadline - time.monotonic()))
    if not writable:
        raise TimeoutError("connect timed out")
    code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    if code:
        raise OSError(code, errno.errorcode.get(code, "connect failed"))


def first_reply(servers, request, timeout):
    problems = []
    for index, address in enumerate(servers):
        deadline = time.monotonic() + timeout
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            (_connect if index % 2 == 0 else _connect_ex)(sock, address, deadline)
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            reply = bytearray()
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no whole reply in time")
                sock.settimeout(left)
                chunk = sock.recv(65536)
                if not chunk:
                    return index, bytes(reply)
                reply += chunk
        except OSError as exc:
            problems.append(f"{address[0]}:{address[1]}: {exc!r}")
        finally:
            sock.close()
    raise ConnectionError("no server replied in time: " + "; ".join(problems))
