# BUG: a server that answers with an empty reply and FIN is treated as a failure ("empty reply") and
# the next server is tried. Lesson step 3: "Read the reply until recv() returns b"". When b"" comes,
# return (index, reply)"; only b"" (the server's FIN) says the reply is whole -- an empty reply is whole.
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
                chunks = []
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("deadline passed")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
            if chunks:
                return index, b"".join(chunks)
            notes.append(f"{host}:{port}: empty reply")
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc}")
    raise ConnectionError("; ".join(notes))
