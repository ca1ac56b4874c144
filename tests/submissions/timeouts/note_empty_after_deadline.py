# BUG: the deadline check raises a bare TimeoutError and the note is f"{host}:{port}: {exc}",
# so a server given up on at the deadline (a trickling one) gets the note "host:port: "
# with nothing after it. Lesson step 4: note f"{host}:{port}: what went wrong"; the
# ConnectionError "holds a note per server tried, host:port and what went wrong".
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
                        raise TimeoutError
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc}")
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
