# An independent trial (issue 14): one deadline for the whole list, its request ended with shutdown(SHUT_WR). In the
# list "a connect() never answered, then a good server" the connect spends it all, and the good server sees the request,
# its FIN and the close at once: the hint must name the shared deadline, not a missing shutdown().
import socket
import time


def first_reply(servers, request, timeout):
    errors = []
    deadline = time.monotonic() + timeout
    for index, (host, port) in enumerate(servers):
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.settimeout(max(deadline - time.monotonic(), 1e-6))
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
            errors.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("no server replied in time: " + "; ".join(errors))
