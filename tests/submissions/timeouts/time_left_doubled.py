"""Bug: each recv() is given twice the time left: a silent server is still waited for past its deadline (and the
call stopped there). Its trickling check must not call that a hang: it was stopped past a deadline."""
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
                        raise TimeoutError("deadline passed")
                    sock.settimeout(left * 2)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except OSError as exc:
            problems.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("; ".join(problems))
