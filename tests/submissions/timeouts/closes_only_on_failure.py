"""Bug: each socket closed only in the except clause: the replying server's socket is returned from without
close(), left to the garbage collector (an independent trial)."""
import socket
import time

def first_reply(servers, request, timeout):
    notes = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        sock = None
        try:
            sock = socket.create_connection((host, port), timeout=timeout)
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            reply = b""
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("deadline passed")
                sock.settimeout(left)
                chunk = sock.recv(65536)
                if not chunk:
                    return index, reply
                reply += chunk
        except OSError as exc:
            if sock is not None:
                sock.close()
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("; ".join(notes))
