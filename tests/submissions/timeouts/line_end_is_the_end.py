"""Bug: the reply taken as whole as soon as what came so far ends a line (b"\n"), not at the server's FIN:
a reply with a line's end inside it is returned cut there (an independent trial)."""
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
                data = b""
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline passed")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    data += chunk
                    if not chunk or data.endswith(b"\n"):
                        return index, data
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("; ".join(notes))
