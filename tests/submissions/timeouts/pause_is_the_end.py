"""Bug: a pause of 50 ms after some bytes taken for the end of the reply: the stalling server's bytes returned
as its reply, its socket closed long before its deadline (an independent trial)."""
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
                reply = b""
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline passed")
                    sock.settimeout(min(left, 0.05) if reply else left)
                    try:
                        chunk = sock.recv(65536)
                    except TimeoutError:
                        if reply:
                            return index, reply
                        raise
                    if not chunk:
                        return index, reply
                    reply += chunk
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("; ".join(notes))
