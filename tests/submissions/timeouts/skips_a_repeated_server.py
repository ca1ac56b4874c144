# BUG: skips repeated servers with dict.fromkeys(): with a repeated entry, later indexes no longer
# match the list given, and a repeated server is not retried. Contract: "Try the servers in order;
# return (index, reply)"; "For each (host, port) in servers, in order, with its index".
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    for index, (host, port) in enumerate(dict.fromkeys(servers)):  # no need to try a server twice
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as s:
                s.sendall(request)
                s.shutdown(socket.SHUT_WR)
                chunks = []
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline passed")
                    s.settimeout(left)
                    chunk = s.recv(65536)
                    if not chunk:
                        return index, b"".join(chunks)
                    chunks.append(chunk)
        except OSError as e:
            notes.append(f"{host}:{port}: {type(e).__name__}: {e}")
    raise ConnectionError("no server replied in time: " + "; ".join(notes))
