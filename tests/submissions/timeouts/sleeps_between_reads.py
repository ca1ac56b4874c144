"""Bug: non-blocking reads with a time.sleep() of the whole timeout between them: it sleeps through the good
server's reply and gives up at its deadline (a trial)."""

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
                sock.setblocking(False)
                reply = b""
                while time.monotonic() < deadline:
                    try:
                        chunk = sock.recv(65536)
                    except BlockingIOError:
                        time.sleep(timeout)
                        continue
                    if not chunk:
                        return index, reply
                    reply += chunk
                raise TimeoutError("deadline passed")
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("no server replied: " + "; ".join(notes))
