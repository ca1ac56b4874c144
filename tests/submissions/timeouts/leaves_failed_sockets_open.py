"""Bug: the sockets of failed servers are kept in a list and never closed."""

import socket
import time

opened = []  # every socket ever opened, never closed


def first_reply(servers, request, timeout):
    problems = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            sock = socket.create_connection((host, port), timeout=timeout)
        except OSError as exc:
            problems.append(f"{host}:{port}: {exc}")
            continue
        opened.append(sock)
        try:
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("deadline")
                sock.settimeout(left)
                chunk = sock.recv(65536)
                if not chunk:
                    sock.close()
                    return index, b"".join(chunks)
                chunks.append(chunk)
        except OSError as exc:
            problems.append(f"{host}:{port}: {exc}")  # and the socket stays open
    raise ConnectionError("; ".join(problems))
