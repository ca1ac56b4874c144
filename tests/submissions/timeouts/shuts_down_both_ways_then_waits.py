"""Bug: shutdown(SHUT_RDWR) instead of SHUT_WR, then half the timeout's wait for the reply: the reply arrives at a socket
whose reading side is shut, its kernel answers it with RST, and recv() raises ConnectionResetError for every
server, the good one too (the independent trial's case, made certain by the wait)."""
import socket
import time


def first_reply(servers, request, timeout):
    notes = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_RDWR)
                time.sleep(timeout / 2)  # give the server half the time to answer
                chunks = []
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
