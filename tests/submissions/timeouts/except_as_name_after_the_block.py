"""Bug: raises ConnectionError(...) from err after the loop: Python deletes the name bound by `except ... as err`
when the except block ends, so it raises UnboundLocalError instead (a trial; the hint said "check its spelling")."""
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
                reply = b""
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, reply
                    reply += chunk
        except OSError as err:
            notes.append(f"{host}:{port}: {err!r}")
    raise ConnectionError("; ".join(notes)) from err
