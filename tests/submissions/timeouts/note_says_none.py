# BUG: the note uses exc.strerror, which is None for a timeout (socket.timeout has no errno), so a
# silent server's note reads "host:port: None". Lesson: "note f"{host}:{port}: what went wrong"".

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
            notes.append(f"{host}:{port}: {exc.strerror}")
    raise ConnectionError("no server replied: " + "; ".join(notes))
