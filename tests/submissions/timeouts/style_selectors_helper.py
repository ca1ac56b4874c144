"""Correct: selectors with a deadline; the socket's timeout set before connect; a small helper."""

import selectors
import socket
import time


class ServerFailed(Exception):
    pass


def _ask(host, port, request, deadline):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(max(0.001, deadline - time.monotonic()))
        sock.connect((host, port))
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        sock.setblocking(False)
        parts = []
        with selectors.DefaultSelector() as sel:
            sel.register(sock, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    raise ServerFailed("no complete reply before the deadline")
                data = sock.recv(32768)
                if data == b"":
                    return b"".join(parts)
                parts.append(data)


def first_reply(servers, request, timeout):
    why = []
    for i, (host, port) in enumerate(servers):
        try:
            return i, _ask(host, port, request, time.monotonic() + timeout)
        except (OSError, ServerFailed) as exc:
            why.append(f"{host}:{port} -> {type(exc).__name__}")
    raise ConnectionError("; ".join(why))
