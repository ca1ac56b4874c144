# BUG: a reset server is skipped without a note, so the final ConnectionError does not name it.
# Contract: "raise ConnectionError naming each server as host:port with what went wrong".
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as s:
                s.sendall(request)
                s.shutdown(socket.SHUT_WR)
                chunks = []
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline passed")
                    s.settimeout(left)
                    chunk = s.recv(65536)
                    if not chunk:
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except ConnectionResetError:
            continue  # reset: just try the next one
        except OSError as e:
            notes.append(f"{host}:{port}: {type(e).__name__}: {e}")
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
