"""Bug: gives each recv() the whole timeout while more than half of it is left ("to save calls"), the time left
only after that: a server that goes quiet before half the timeout keeps it until about 1.5 times the timeout (a trial;
it passed every check)."""
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
                    sock.settimeout(timeout if left > timeout / 2 else left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, reply
                    reply += chunk
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("; ".join(notes) or "no servers")
