"""Bug: each socket in a with-block, but the file makefile() made from it is never closed: the socket stays open
after its close() (a trial)."""

import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
                f = sock.makefile("rb", buffering=0)
                reply = b""
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline passed")
                    sock.settimeout(left)
                    chunk = f.read(65536)
                    if chunk is None:
                        raise TimeoutError("timed out")
                    if not chunk:
                        return index, reply
                    reply += chunk
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("no server replied: " + "; ".join(notes))
