"""Bug: one recv() taken as the whole reply: the socket is closed long before the deadline, while the
server is still sending (an independent trial)."""
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
                sock.settimeout(deadline - time.monotonic())
                chunk = sock.recv(65536)
                return index, chunk
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
