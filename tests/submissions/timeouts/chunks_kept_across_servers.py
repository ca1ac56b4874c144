"""Bug: one list of chunks for all servers: what a reset server sent is returned in front of the next
server's reply (an independent trial)."""
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    chunks = []
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
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
