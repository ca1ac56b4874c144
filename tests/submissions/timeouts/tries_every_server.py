"""Bug: every server is tried, even after a whole reply came; the first success is returned at the end."""

import socket
import time


def first_reply(servers, request, timeout):
    results = {}
    problems = []
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
                        raise TimeoutError("deadline")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        results[index] = b"".join(chunks)
                        break
                    chunks.append(chunk)
        except OSError as exc:
            problems.append(f"{host}:{port}: {exc}")
    if results:
        first = min(results)
        return first, results[first]
    raise ConnectionError("; ".join(problems))
