"""One deadline per server, each recv() given the time left, but the time left never checked before use.

Written from COURSE.md's contract, not from the solution. When the deadline
passes between two lines of code (a byte arrives just before it, the process
runs again just after), settimeout() gets a negative time and raises
ValueError: the function crashes instead of moving on.
"""
import socket
import time


def first_reply(servers, request, timeout):
    errors = []
    for i, (host, port) in enumerate(servers):
        end = time.monotonic() + timeout
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                s.settimeout(timeout)
                s.connect((host, port))
                s.sendall(request)
                s.shutdown(socket.SHUT_WR)
                parts = []
                while True:
                    s.settimeout(end - time.monotonic())
                    part = s.recv(1024)
                    if part == b"":
                        return i, b"".join(parts)
                    parts.append(part)
        except (ConnectionError, TimeoutError, OSError) as exc:
            errors.append(f"{host}:{port} {exc}")
    raise ConnectionError(", ".join(errors))
