"""Bug: at the deadline, what came so far is returned as the reply: a server that trickles "wins" with a
part of its reply. A deadline that passes is a failure, like a reset; only FIN ends a reply."""
import socket
import time


def first_reply(servers, request, timeout):
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
                        return index, b"".join(chunks)
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except OSError as exc:
            problems.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("; ".join(problems))
