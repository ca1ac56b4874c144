# BUG: reuses the parameter name `timeout` for the time left, so the next server's deadline
# is now + whatever was left of the previous one. Lesson: "a deadline per server";
# "after a silent server, the next one must get its own".
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
                    timeout = deadline - time.monotonic()
                    if timeout <= 0:
                        raise TimeoutError("deadline passed")
                    sock.settimeout(timeout)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except OSError as exc:
            notes.append(f"{host}:{port}: {type(exc).__name__}: {exc}")
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
