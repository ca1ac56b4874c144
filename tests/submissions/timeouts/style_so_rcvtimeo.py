"""Correct: the time left set before each recv() as SO_RCVTIMEO (setsockopt), on a blocking socket."""
import socket
import struct
import time


def first_reply(servers, request, timeout):
    failures = []
    for k, srv in enumerate(servers):
        host, port = srv[0], srv[1]
        stop_at = time.monotonic() + timeout
        s = socket.socket()
        try:
            s.settimeout(timeout)
            s.connect((host, port))
            s.sendall(request)
            s.shutdown(socket.SHUT_WR)
            s.settimeout(None)
            answer = b""
            while True:
                left = stop_at - time.monotonic()
                if left <= 0:
                    raise TimeoutError("too slow")
                sec = int(left)
                usec = max(int((left - sec) * 1_000_000), 1)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", sec, usec))
                try:
                    part = s.recv(2048)
                except BlockingIOError:
                    raise TimeoutError("too slow") from None
                if not part:
                    break
                answer += part
        except OSError as err:
            failures.append(f"{host}:{port} -> {err}")
            s.close()
            continue
        s.close()
        return k, answer
    raise ConnectionError("; ".join(failures))
