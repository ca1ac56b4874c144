"""Bug: the deadline is checked only between recv() calls; each recv() still waits a whole timeout.

While bytes keep coming, the loop sees its deadline pass in time. Once the
server stops sending just before the deadline, the last recv() waits the
whole timeout past it.
"""

import socket
import time


def first_reply(servers: list[tuple[str, int]], request: bytes, timeout: float) -> tuple[int, bytes]:
    """Return (index, reply) of the first server whose whole reply arrives within timeout seconds."""
    problems = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
                sock.settimeout(timeout)  # the whole timeout for every recv()
                chunks = []
                while time.monotonic() < deadline:  # checked between recv() calls only
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, b"".join(chunks)
                    chunks.append(chunk)
                raise TimeoutError(f"no whole reply within {timeout} s")
        except OSError as exc:
            problems.append(f"{host}:{port}: {type(exc).__name__}: {exc}")
    raise ConnectionError("no server replied in time: " + "; ".join(problems))
