# BUG: notes kept in a dict keyed by "host:port": when one address is listed twice and fails twice,
# the first failure's note is overwritten. Lesson: "note f"{host}:{port}: what went wrong" ... raise
# ConnectionError with all the notes in its message" (one note per server tried).

import socket
import time

def first_reply(servers, request, timeout):
    notes = {}
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
                reply = bytearray()
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline passed")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, bytes(reply)
                    reply += chunk
        except OSError as exc:
            notes[f"{host}:{port}"] = f"{type(exc).__name__}: {exc}"
    raise ConnectionError("no server replied: " + "; ".join(f"{k}: {v}" for k, v in notes.items()))
