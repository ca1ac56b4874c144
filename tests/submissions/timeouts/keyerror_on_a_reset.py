"""Bug: the reset handler adds to a dict key never set: a KeyError in the reset list only; the other lists
must be judged on their own runs (an independent trial)."""
import socket
import time


def first_reply(servers, request, timeout):
    problems = {}
    for index, (host, port) in enumerate(servers):
        key = f"{host}:{port}"
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
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except ConnectionResetError:
            problems[key] += "reset mid-reply"
        except OSError as exc:
            problems[key] = repr(exc)
    raise ConnectionError("no server replied in time: " + "; ".join(f"{k}: {v}" for k, v in problems.items()))
