"""Bug: ConnectionError raised inside the loop, at the last server's failure: an empty list of servers
returns None (an independent trial)."""
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
            if index == len(servers) - 1:
                raise ConnectionError("; ".join(notes)) from None
