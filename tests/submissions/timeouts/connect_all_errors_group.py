"""create_connection(..., all_errors=True): a refused connect raises an ExceptionGroup, which except OSError misses.

A trial's; the report had no hint.
"""

import socket
import selectors
import time
from contextlib import suppress, ExitStack
from functools import partial

def first_reply(servers: list[tuple[str, int]], request: bytes, timeout: float) -> tuple[int, bytes]:
    notes = []
    for i, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout, all_errors=True) as s:
                s.sendall(request)
                s.shutdown(socket.SHUT_WR)
                chunks = []
                while True:
                    if (left := deadline - time.monotonic()) <= 0:
                        raise TimeoutError("deadline passed")
                    s.settimeout(left)
                    if not (chunk := s.recv(65536)):
                        return i, b"".join(chunks)
                    chunks.append(chunk)
        except OSError as e:
            notes.append(f"{host}:{port}: {e!r}")
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
