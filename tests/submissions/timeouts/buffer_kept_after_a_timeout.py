"""Bug: one reply buffer for all servers, emptied only after a reset (the fix of a student whose reset check
failed): what a trickling server sent before its deadline is returned in front of the next server's reply
(an independent trial)."""
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    data = b""
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline passed")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, data
                    data += chunk
        except ConnectionResetError as exc:
            data = b""
            notes.append(f"{host}:{port}: {exc!r}")
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("; ".join(notes))
