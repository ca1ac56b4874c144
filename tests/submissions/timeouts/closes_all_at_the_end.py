"""Bug: the sockets are kept in a list and closed only when first_reply() ends, not when a server's deadline
passes: each failed one stays connected while the next servers are tried (an independent trial)."""
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    opened = []
    try:
        for index, (host, port) in enumerate(servers):
            deadline = time.monotonic() + timeout
            try:
                sock = socket.create_connection((host, port), timeout=timeout)
                opened.append(sock)
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
            except OSError as exc:
                notes.append(f"{host}:{port}: {exc!r}")
        raise ConnectionError("; ".join(notes))
    finally:
        for sock in opened:
            sock.close()
