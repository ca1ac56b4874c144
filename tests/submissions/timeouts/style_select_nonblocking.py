"""Correct: a non-blocking socket and select() with the time left; try/finally instead of with."""

import errno
import select
import socket
import time


def first_reply(servers, request, timeout):
    failures = []
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setblocking(False)
            code = sock.connect_ex((host, port))
            if code not in (0, errno.EINPROGRESS):
                raise OSError(code, "connect failed")
            _, writable, _ = select.select([], [sock], [], max(0.0, deadline - time.monotonic()))
            if not writable:
                raise TimeoutError("connect timed out")
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code:
                raise ConnectionRefusedError(code, "refused")
            sock.setblocking(True)
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            sock.setblocking(False)
            reply = bytearray()
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("deadline passed")
                readable, _, _ = select.select([sock], [], [], left)
                if not readable:
                    continue
                chunk = sock.recv(65536)
                if not chunk:
                    return index, bytes(reply)
                reply += chunk
        except OSError as exc:
            failures.append(f"{host}:{port} ({exc!r})")
        finally:
            sock.close()
    raise ConnectionError("every server failed: " + ", ".join(failures))
