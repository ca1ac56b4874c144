"""Bug: a whole reply is kept and the loop goes on: the next server is contacted after a complete reply,
and the last reply returned, not the first (an independent trial)."""
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    found = None
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
                        found = (index, b"".join(chunks))
                        break
                    chunks.append(chunk)
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    if found is not None:
        return found
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
