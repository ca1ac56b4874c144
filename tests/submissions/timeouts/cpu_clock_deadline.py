"""Bug: the deadline is taken from time.process_time(), CPU time, which hardly moves while the code waits in
recv(): the time left never runs out against a trickling server (a trial; the hint said "a timeout on each recv()
restarts")."""
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    for index, (host, port) in enumerate(servers):
        deadline = time.process_time() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
                reply = b""
                while True:
                    left = deadline - time.process_time()
                    if left <= 0:
                        raise TimeoutError("deadline")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, reply
                    reply += chunk
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("; ".join(notes) or "no servers")
