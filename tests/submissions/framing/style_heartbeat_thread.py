"""Correct: a heartbeat thread that wakes every 0.9 s (Event.wait), stopped and joined: the grader's holds out-wait its
timer, on the grader's time (a trial's; it was stopped as hung while the holds counted against its limit)."""

import socket
import struct

MAX_FRAME = 1 << 20
import sys
import threading
import time


class _Heartbeat:
    """A watchdog thread that only reports how long we have been waiting."""

    def __init__(self, what, every=0.9):
        self.what = what
        self.every = every
        self.stop = threading.Event()
        self.started = time.monotonic()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self.stop.wait(self.every):
            waited = time.monotonic() - self.started
            if waited > 5:
                print(f"[hb] {self.what}: {waited:.1f}s", file=sys.stderr)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        return False


def _exact(sock, n):
    b = bytearray()
    while len(b) < n:
        c = sock.recv(n - len(b))
        if not c:
            return bytes(b)
        b += c
    return bytes(b)


def send_frame(sock, payload):
    if len(payload) > MAX_FRAME:
        raise ValueError("payload over MAX_FRAME")
    with _Heartbeat("send_frame"):
        sock.sendall(struct.pack("!I", len(payload)) + payload)


def recv_frame(sock):
    with _Heartbeat("recv_frame"):
        h = _exact(sock, 4)
        if not h:
            return None
        if len(h) < 4:
            raise EOFError("partial header")
        (ln,) = struct.unpack("!I", h)
        if ln > MAX_FRAME:
            raise ValueError("too long")
        p = _exact(sock, ln)
        if len(p) < ln:
            raise EOFError("partial payload")
        return p


def serve_lines(sock):
    with _Heartbeat("serve_lines"):
        buf = bytearray()
        count = 0
        while True:
            chunk = sock.recv(65536)
            if chunk == b"":
                return count
            buf.extend(chunk)
            while (i := buf.find(b"\n")) != -1:
                line = bytes(buf[:i])
                del buf[: i + 1]
                sock.sendall(line[::-1] + b"\n")
                count += 1
