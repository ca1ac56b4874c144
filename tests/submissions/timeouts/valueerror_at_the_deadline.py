"""Bug: the time left is never checked: settimeout() of a negative time raises ValueError, which escapes
first_reply() in the trickling list only; the other lists must be judged on their own runs (an independent trial)."""
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
                chunks = []
                while True:
                    sock.settimeout(deadline - time.monotonic())
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
