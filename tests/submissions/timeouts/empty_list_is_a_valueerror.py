"""Bug: an empty list of servers rejected with ValueError, as if it were a wrong argument: no server replied,
so the contract asks for ConnectionError there too."""
import socket
import time


def first_reply(servers, request, timeout):
    if not servers:
        raise ValueError("no servers to try")
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
    raise ConnectionError("; ".join(notes))
