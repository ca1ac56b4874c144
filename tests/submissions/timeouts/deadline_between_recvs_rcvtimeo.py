"""Bug: the deadline checked only between recv() calls, each blocking recv() given the whole timeout through
SO_RCVTIMEO (no poll() the kernel could show with its timeout): after the stalling server's last byte, it waits a whole
timeout, past its deadline and slack, judged on the clock."""

import socket
import struct
import time


def first_reply(servers, request, timeout):
    notes = []
    whole = struct.pack("ll", int(timeout), int((timeout % 1) * 1_000_000))
    for index, (host, port) in enumerate(servers):
        deadline = time.monotonic() + timeout
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                sock.sendall(request)
                sock.shutdown(socket.SHUT_WR)
                sock.settimeout(None)  # blocking: recv() waits in the kernel, bounded by SO_RCVTIMEO
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, whole)
                reply = b""
                while time.monotonic() < deadline:
                    try:
                        chunk = sock.recv(65536)
                    except BlockingIOError as exc:  # SO_RCVTIMEO expired (EAGAIN)
                        raise TimeoutError("no data") from exc
                    if not chunk:
                        return index, reply
                    reply += chunk
                raise TimeoutError("deadline passed")
        except OSError as exc:
            notes.append(f"{host}:{port}: {exc!r}")
    raise ConnectionError("no server replied: " + "; ".join(notes))
