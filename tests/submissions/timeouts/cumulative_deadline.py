# BUG: the budget is cumulative: the deadline starts at now + timeout and grows by `timeout`
# per server, so time a fast failure (refused) left unused is given to the next server, which
# then gets up to twice `timeout`. Lesson: "For each (host, port) ... fix its deadline,
# time.monotonic() + timeout" / "The contract gives each server timeout seconds".
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    deadline = time.monotonic()
    for index, (host, port) in enumerate(servers):
        deadline += timeout
        try:
            with socket.create_connection((host, port), timeout=max(deadline - time.monotonic(), 0.001)) as sock:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
                reply = b""
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, reply
                    reply += chunk
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc}")
    raise ConnectionError("; ".join(notes))
