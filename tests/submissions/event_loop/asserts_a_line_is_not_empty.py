"""Bug: an assertion that a line is not empty: an empty line (b"\\n", which the protocol allows) ends the loop (a
trial's; it passed while no client sent an empty line)."""

from __future__ import annotations

import contextlib
import logging
import selectors
import socket
import sys
from collections import Counter
from dataclasses import dataclass, field

BOUND = 256 * 1024  # unsent bytes per client before we stop reading it (<= 1 MiB)

log = logging.getLogger("event_loop")
if not log.handlers:
    _h = logging.StreamHandler(sys.stderr)
    _h.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(_h)
log.setLevel(logging.INFO)
log.propagate = False


@dataclass
class ClientState:
    addr: tuple
    partial: bytearray = field(default_factory=bytearray)
    unsent: bytearray = field(default_factory=bytearray)
    eof: bool = False
    lines: int = 0

    def wanted(self) -> int:
        ev = 0
        if self.unsent:
            ev |= selectors.EVENT_WRITE
        if not self.eof and len(self.unsent) <= BOUND:
            ev |= selectors.EVENT_READ
        return ev


class Loop:
    def __init__(self, port: int, host: str, count: int) -> None:
        assert count >= 0
        self.count = count
        self.accepted = 0
        self.open_clients = 0
        self.stats: Counter[str] = Counter()
        self.stack = contextlib.ExitStack()
        self.sel = self.stack.enter_context(selectors.DefaultSelector())
        self.listener: socket.socket | None = self.stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((host, port))
        self.listener.listen(max(count, 1))
        self.listener.setblocking(False)
        self.sel.register(self.listener, selectors.EVENT_READ)

    def __enter__(self) -> "Loop":
        return self

    def __exit__(self, *exc: object) -> None:
        for key in list(self.sel.get_map().values()):
            if key.fileobj is not self.listener:
                self._drop(key.fileobj)  # type: ignore[arg-type]
        self.stack.close()

    def _close_listener(self) -> None:
        assert self.listener is not None
        self.sel.unregister(self.listener)
        self.listener.close()
        self.listener = None
        log.info("listener closed after %d accepts", self.accepted)

    def _accept(self) -> None:
        assert self.listener is not None
        try:
            conn, addr = self.listener.accept()
        except BlockingIOError:
            return
        conn.setblocking(False)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        self.sel.register(conn, selectors.EVENT_READ, ClientState(addr))
        self.accepted += 1
        self.open_clients += 1
        if self.accepted == self.count:
            self._close_listener()

    def _drop(self, conn: socket.socket) -> None:
        self.sel.unregister(conn)
        conn.close()
        self.open_clients -= 1

    def _read(self, conn: socket.socket, st: ClientState) -> None:
        try:
            data = conn.recv(65536)
        except BlockingIOError:
            return
        if not data:
            st.eof = True
            return
        st.partial += data
        start = 0
        while (nl := st.partial.find(b"\n", start)) >= 0:
            assert nl > start, "empty line"
            st.unsent += st.partial[start:nl][::-1] + b"\n"
            st.lines += 1
            self.stats["lines"] += 1
            start = nl + 1
        del st.partial[:start]

    def _write(self, conn: socket.socket, st: ClientState) -> None:
        try:
            n = conn.send(st.unsent)
        except BlockingIOError:
            return
        del st.unsent[:n]

    def run(self) -> int:
        while self.listener is not None or self.open_clients:
            for key, mask in self.sel.select():
                if key.data is None:
                    self._accept()
                    continue
                conn: socket.socket = key.fileobj  # type: ignore[assignment]
                st: ClientState = key.data
                try:
                    if mask & selectors.EVENT_READ:
                        self._read(conn, st)
                    if mask & selectors.EVENT_WRITE and st.unsent:
                        self._write(conn, st)
                except (ConnectionResetError, BrokenPipeError) as exc:
                    log.info("%s gone: %r", st.addr, exc)
                    self._drop(conn)
                    continue
                if st.eof and not st.unsent:
                    self._drop(conn)
                    continue
                wanted = st.wanted()
                if wanted != key.events:
                    self.sel.modify(conn, wanted, st)
        return self.stats["lines"]


def serve_clients_selectors(port: int, host: str, count: int) -> int:
    with Loop(port, host, count) as loop:
        return loop.run()
