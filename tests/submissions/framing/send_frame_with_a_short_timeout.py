"""Bug: send_frame() sets its own 0.25 s timeout "so a dead peer cannot hang us": a peer that pauses longer gets
a cut frame and a TimeoutError (a trial's; it passed while the peer paused under 0.1 s)."""

from __future__ import annotations

import logging
import socket
import struct
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Final

MAX_FRAME = 1 << 20
HEADER: Final = struct.Struct("!I")

log = logging.getLogger("framing")
if not log.handlers:
    _h = logging.StreamHandler(sys.stderr)
    _h.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_h)
    log.setLevel(logging.DEBUG)
    log.propagate = False

stats: Counter[str] = Counter()


def _send_all(sock: socket.socket, data: bytes | memoryview) -> None:
    view = memoryview(data)
    total = 0
    while total < len(view):
        n = sock.send(view[total:])
        assert n > 0, "send returned 0"
        total += n
    stats["bytes_sent"] += total


def send_frame(sock: socket.socket, payload: bytes) -> None:
    if len(payload) > MAX_FRAME:
        log.warning("refusing frame of %d bytes (max %d)", len(payload), MAX_FRAME)
        raise ValueError(f"payload of {len(payload)} bytes is over MAX_FRAME={MAX_FRAME}")
    sock.settimeout(0.25)  # never hang on a dead peer
    _send_all(sock, HEADER.pack(len(payload)) + bytes(payload))
    stats["frames_sent"] += 1
    log.debug("sent frame of %d bytes", len(payload))


def _recv_exactly(sock: socket.socket, n: int, *, allow_clean_eof: bool) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            if allow_clean_eof and not buf:
                return None
            raise EOFError(f"peer closed after {len(buf)} of {n} bytes")
        buf += chunk
    return bytes(buf)


def recv_frame(sock: socket.socket) -> bytes | None:
    header = _recv_exactly(sock, HEADER.size, allow_clean_eof=True)
    if header is None:
        log.debug("clean EOF between frames")
        return None
    (length,) = HEADER.unpack(header)
    if length > MAX_FRAME:
        raise ValueError(f"frame length {length} is over MAX_FRAME={MAX_FRAME}")
    if length == 0:
        return b""
    payload = _recv_exactly(sock, length, allow_clean_eof=False)
    assert payload is not None and len(payload) == length
    stats["frames_received"] += 1
    return payload


@dataclass
class LineServer:
    sock: socket.socket
    buffer: bytearray = field(default_factory=bytearray)
    answered: Counter[str] = field(default_factory=Counter)

    def run(self) -> int:
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                if self.buffer:
                    log.info("dropping %d bytes of unfinished line", len(self.buffer))
                return self.answered["lines"]
            self.buffer += chunk
            while (i := self.buffer.find(b"\n")) != -1:
                line = bytes(self.buffer[:i])
                del self.buffer[: i + 1]
                self.sock.sendall(line[::-1] + b"\n")
                self.answered["lines"] += 1


def serve_lines(sock: socket.socket) -> int:
    return LineServer(sock).run()
