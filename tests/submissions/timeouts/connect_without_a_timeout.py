"""Bug: connect() without a timeout (create_connection((host, port)), the timeout set only for each recv()).

A trial's: it passed, no reference server left a handshake unanswered. The deaf server's accept queue is full:
the SYN is dropped, and such a connect() waits for minutes.
"""

import socket
import time


def first_reply(servers: list[tuple[str, int]], request: bytes, timeout: float) -> tuple[int, bytes]:
    """Return (index, reply) of the first server whose whole reply arrives within timeout seconds."""
    problems = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout  # one deadline per server, for everything
        try:
            with socket.create_connection((host, port)) as sock:  # no timeout on the connect
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)  # the request is complete: the server may answer
                chunks = []
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError(f"no whole reply within {timeout} s")
                    sock.settimeout(left)  # each recv() gets only the time that is left
                    chunk = sock.recv(65536)
                    if not chunk:  # FIN: the whole reply is here
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except OSError as exc:  # refused, reset, timed out (TimeoutError is an OSError): the next server
            problems.append(f"{host}:{port}: {type(exc).__name__}: {exc}")
    raise ConnectionError("no server replied in time: " + "; ".join(problems))
