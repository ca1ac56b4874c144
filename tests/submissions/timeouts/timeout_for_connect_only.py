"""Bug: the timeout applies to connect() only; the socket is put back into blocking mode "to read the whole reply" (a trial)."""

import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    for index, (host, port) in enumerate(servers):
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.setblocking(True)
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
                reply = b""
                while True:
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, reply
                    reply += chunk
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("no server replied: " + "; ".join(notes))
