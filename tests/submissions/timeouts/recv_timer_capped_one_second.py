# BUG: each recv() is capped at 1 s and a TimeoutError ends the server: with timeout=3, a
# server that pauses 1.5 s and then finishes its reply in time is given up on. Lesson:
# "Giving up on a slow server that answers in time. A pause between two pieces is not the
# end of a reply; only b"" is, or the deadline."
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
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline passed")
                    sock.settimeout(min(left, 1.0))  # never hang more than a second on a recv
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except OSError as exc:
            notes.append(f"{host}:{port}: {type(exc).__name__}: {exc}")
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
