"""Bug: first_reply() puts sendall() AND shutdown(SHUT_WR) under `if request:` (an independent trial): with an empty
request no FIN is sent, every server waits for the request's end and looks silent, and a good server's reply never
comes (ConnectionError). The contract: connect, send all of request, shutdown(SHUT_WR). first_reply() was never
given an empty request."""

import socket
import time

def first_reply(servers, request, timeout):
    notes = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                if request:
                    sock.sendall(request)
                    sock.shutdown(socket.SHUT_WR)
                reply = bytearray()
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline passed")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, bytes(reply)
                    reply += chunk
        except OSError as exc:
            notes.append(f"{host}:{port}: {type(exc).__name__}: {exc}")
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
