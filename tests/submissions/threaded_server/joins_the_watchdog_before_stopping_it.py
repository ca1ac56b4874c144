"""Bug: the watchdog thread is joined before its stop flag is set: the function waits for ever in join() (a trial's;
its report showed only the watchdog's stack, not the join where the function waited)."""

from __future__ import annotations

import contextlib
import logging
import socket
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

log = logging.getLogger("threaded_server")
if not log.handlers:
    _h = logging.StreamHandler(sys.stderr)
    _h.setFormatter(logging.Formatter("%(asctime)s %(threadName)s %(levelname)s %(message)s"))
    log.addHandler(_h)
log.setLevel(logging.DEBUG)
log.propagate = False


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, n: int = 1) -> None:
        with self.lock:
            self.counts[key] += n


def _tune(conn: socket.socket) -> None:
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 128 * 1024)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 128 * 1024)


@dataclass
class Client:
    conn: socket.socket
    addr: tuple
    stats: Stats
    answered: int = 0
    last_activity: float = field(default_factory=time.monotonic)

    def serve(self) -> None:
        buf = bytearray()
        with self.conn:
            try:
                while True:
                    chunk = self.conn.recv(65536)
                    self.last_activity = time.monotonic()
                    if not chunk:
                        log.debug("%s: EOF, %d bytes of unfinished line dropped", self.addr, len(buf))
                        break
                    buf += chunk
                    while (i := buf.find(b"\n")) >= 0:
                        line = bytes(buf[:i])
                        del buf[: i + 1]
                        self.conn.sendall(line[::-1] + b"\n")
                        self.answered += 1
            except ConnectionResetError:
                log.info("%s reset after %d lines", self.addr, self.answered)
            finally:
                self.stats.add("lines", self.answered)
                self.stats.add("clients")


class Watchdog(threading.Thread):
    """Reports idle clients now and then; never touches their sockets."""

    def __init__(self, clients: list[Client]) -> None:
        super().__init__(name="watchdog", daemon=True)
        self.clients = clients
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(2.0):
            now = time.monotonic()
            for c in list(self.clients):
                log.debug("%s idle for %.1fs", c.addr, now - c.last_activity)


def serve_clients(port: int, host: str, count: int) -> int:
    assert count >= 0
    stats = Stats()
    clients: list[Client] = []
    threads: list[threading.Thread] = []
    dog = Watchdog(clients)
    dog.start()
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((host, port))
            listener.listen(max(count, 1))
            for n in range(count):
                conn, addr = listener.accept()
                _tune(conn)
                client = Client(conn, addr, stats)
                clients.append(client)
                t = threading.Thread(target=client.serve, name=f"client-{n}")
                t.start()
                threads.append(t)
                log.info("accepted %s (%d of %d)", addr, n + 1, count)
        # the with-block has closed the listener: further connects are refused
        for t in threads:
            t.join()
    finally:
        dog.join()
        dog.stop.set()
    log.info("done: %s", dict(stats.counts))
    return stats.counts["lines"]
