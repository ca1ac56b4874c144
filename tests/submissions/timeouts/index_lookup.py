# BUG: the index is found with servers.index((host, port)) instead of enumerate(): when the
# same server appears twice in the list (e.g. retried after a reset), the index of its first
# occurrence is returned. Lesson: "For each (host, port) in servers, in order, with its index
# ... return (index, reply)".
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    for host, port in servers:
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
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
                        return servers.index((host, port)), reply
                    reply += chunk
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc}")
    raise ConnectionError("; ".join(notes))
