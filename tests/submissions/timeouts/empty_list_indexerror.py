"""Bug: the final message built from notes[-1]: with an empty list of servers, IndexError instead of ConnectionError
(an independent trial)."""
import socket
import time

def _exchange(host, port, request, timeout):
    deadline = time.monotonic() + timeout
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        reply = bytearray()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("deadline passed")
            sock.settimeout(left)
            chunk = sock.recv(65536)
            if not chunk:
                return bytes(reply)
            reply += chunk

def first_reply(servers, request, timeout):
    notes = []
    for index, (host, port) in enumerate(servers):
        try:
            reply = _exchange(host, port, request, timeout)
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
            continue
        return index, reply
    raise ConnectionError(f"all failed (last: {notes[-1]}): " + "; ".join(notes))
