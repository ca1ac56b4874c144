"""Bug: no socket is ever closed, each one dropped: the failed servers' and the replying server's, all left to the
garbage collector."""

import socket
import time


def first_reply(servers, request, timeout):
    problems = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect((host, port))
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            reply = b""
            while time.monotonic() < deadline:
                sock.settimeout(deadline - time.monotonic())
                chunk = sock.recv(4096)
                if not chunk:
                    return index, reply
                reply += chunk
            problems.append(f"{host}:{port}: too slow")
        except OSError as exc:
            problems.append(f"{host}:{port}: {exc}")
    raise ConnectionError(", ".join(problems))
