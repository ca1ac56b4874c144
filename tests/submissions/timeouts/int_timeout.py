# BUG: settimeout(int(left)): with timeout=0.2 the time left truncates to 0, which makes the
# socket non-blocking; recv() raises BlockingIOError at once and every server "fails".
# Lesson: "setting the socket's timeout to the time left before each recv()".
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
                    left = int(deadline - time.monotonic())
                    if left < 0:
                        raise TimeoutError("deadline")
                    sock.settimeout(left)
                    chunk = sock.recv(65536)
                    if not chunk:
                        return index, reply
                    reply += chunk
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc}")
    raise ConnectionError("; ".join(notes))
