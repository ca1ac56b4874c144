"""Several reference servers at once, each in its own thread, watched from the kernel.

`harness.Peer` plays one peer for one connection, step by step. Lesson 6's
client talks to a list of servers, one after another, each misbehaving in
its own way, and the grader judges when the client gave up on each. This
module adds what that needs, without changing the harness:

* `Server`: a reference server of one `kind` on the run's loopback host:
  "refusing" (a bound socket that does not listen, so a connect is refused
  and no other program can take the port), "silent", "trickling",
  "stalling" (trickles, then stops without FIN), "resetting", "slow",
  "good", "resetting_once" (resets its first connection as "resetting"
  does, answers every later one as "good": listed twice, only the second
  position replies), or "deaf" (it listens, but its accept queue is full: the
  grader's own connection waits there, never accepted, so the kernel drops
  the client's SYN and its connect() never completes, as with a server that
  is down or behind a firewall; each attempt is recorded from the kernel's
  table, a connection whose handshake never came). Each reads the request up to its EOF before
  it answers, and records every connection (`Connection`): when it was
  accepted, what was received, how the request ended, what was sent.
* `Watch`: when the client's socket to a server closed, seen from the
  kernel (the socket gone, or held by no process any more: inode 0), polled
  by the check's loop. The client's FIN already went out with
  shutdown(SHUT_WR), so its close() sends nothing the server could see.
  The kernel is asked about that one socket through sock_diag (netlink),
  the source of `ss`: some 40 µs, where reading /proc/net/tcp costs
  milliseconds on a machine with many connections (15 ms for 800 rows), far
  too slow to poll. Where netlink is refused, /proc/net/tcp is read instead.

Times are time.monotonic() in the grader's process.
"""

from __future__ import annotations

import select
import socket
import struct
import threading
import time
from dataclasses import dataclass, field

from graders.engine import kernel, sock_diag

STEP = 0.005  # how often a server's thread looks at its stop flag while it waits
JOIN_WAIT = 2.0  # how long stopping a server may take (its thread wakes every STEP)


@dataclass
class Connection:
    """One connection a reference server accepted, as it saw it."""

    client: tuple[str, int]  # the student's end
    server: tuple[str, int]
    accepted_at: float  # when this server's thread took it: late, on a busy machine (the thread waits for a CPU)
    # When the connection can have been made, at the earliest: the moment before this server's thread last saw
    # no connection waiting. The kernel made it between then and `accepted_at`, whatever the thread's delays.
    earliest: float = 0.0
    syn_at: float | None = None  # when the client's SYN was on the wire (the run's capture, where it has one)
    end_at: float | None = None  # ...and its first FIN or RST (a shutdown, a close, a reset): for drawing
    request: bytearray = field(default_factory=bytearray)
    request_end: str | None = None  # "FIN" (shutdown: the request is complete), "close", "RST", or None
    request_end_at: float | None = None
    # The student's socket had its reading side shut (shutdown(SHUT_RD) or SHUT_RDWR) when its request ended: the
    # kernel's view (sock_diag). Its recv() then returns b"" at once, and a reply arriving is answered with RST.
    read_shut: bool = False
    sent: int = 0  # bytes of the reply (or trickle) sent
    answer_end: str | None = None  # "FIN" or "RST": how the server ended its answer
    answer_end_at: float | None = None
    closed_at: float | None = None  # when the kernel showed the student's socket closed (Watch)
    open_seen_at: float | None = None  # ...and, before that, last showed it open: it closed in between
    stopped: bool = False  # the student's code was stopped while this connection was open
    last_due_at: float | None = None  # the slow server: when its last piece was due...
    last_sent_at: float | None = None  # ...and when it left (None: never)
    handshake: bool = True  # False: a deaf server's, the client's connect() never completed (SYN_SENT)

    @property
    def connected_at(self) -> float:
        """When the client connected: its SYN on the wire where the run captures packets (right whatever
        the threads' delays), else when the server's thread took the connection (perhaps late)."""
        return self.accepted_at if self.syn_at is None else self.syn_at

    def surely_before(self, other: Connection) -> bool:
        """This connection was made before `other`, by facts right by construction: the SYNs' times on the
        wire, or, without them, this one taken by its thread before the other can have been made at all."""
        if self.syn_at is not None and other.syn_at is not None:
            return self.syn_at < other.syn_at
        return self.accepted_at < other.earliest


def trickled(reply: bytes, sent: int) -> bytes:
    """The trickling server's next byte: its reply, one byte at a time, over and over."""
    return reply[sent % len(reply):][:1]


def reset_part(reply: bytes) -> bytes:
    """What the resetting server sends before its RST: the first half of its reply."""
    return reply[: len(reply) // 2]


def slow_plan(reply: bytes, pieces: tuple[float, ...]) -> list[tuple[float, bytes]]:
    """The slow server's pieces: (seconds after the accept, bytes), then FIN; each piece also waits a pause.

    Cut into equal parts, each cut moved to just after the nearest line end (b"\\n") of the reply, where it has
    one: a piece that ends a line, before the reply's end, by construction (a line's end is not a reply's)."""
    cuts = [0, *(round(len(reply) * (n + 1) / len(pieces)) for n in range(len(pieces)))]
    ends = [i + 1 for i, byte in enumerate(reply[:-1]) if byte == 0x0A]
    for n in range(1, len(cuts) - 1):
        near = min(ends, key=lambda end: abs(end - cuts[n]), default=None)
        if near is not None and cuts[n - 1] < near < cuts[n + 1]:
            cuts[n] = near
    return [(at, reply[cuts[n]:cuts[n + 1]]) for n, at in enumerate(pieces)]


class Server:
    """One reference server of a given kind, serving one connection at a time in a thread."""

    def __init__(self, host: str, kind: str, reply: bytes, *, trickle_every: float = 0.05,
                 slow_pieces: tuple[float, ...] = (), slow_pause: float = 0.0, stall_at: float = 0.0):
        self.kind = kind
        self.reply = reply
        self.trickle_every = trickle_every
        self.stall_at = stall_at  # stalling: trickles until this long after the accept, then sends nothing
        self.slow_pieces = slow_pieces  # slow: seconds after the accept at which each piece goes out
        self.slow_pause = slow_pause  # slow: and at least this long after the piece before (a real pause)
        self.connections: list[Connection] = []
        # A good or trickling server's gate, if set: called with the connection once the request has ended, it says
        # whether to answer now (True), not yet (False), or never (None). Polled every STEP; the client's close ends
        # it too (`_gate_opens`).
        self.gate = None
        self._stop = threading.Event()
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind((host, 0))
        self.address = self.listener.getsockname()[:2]
        self._thread = None
        self._filler: socket.socket | None = None  # a deaf server's: the connection that fills its accept queue
        self._empty_since = time.monotonic()  # no connection can come before listen()
        if kind == "deaf":
            # listen(0) queues one connection: the grader's own, never accepted. A full queue: the kernel drops
            # every SYN after it (with or without SYN cookies), so a client's connect() waits, unanswered.
            self.listener.listen(0)
            self._filler = socket.create_connection(self.address, timeout=JOIN_WAIT)
            self._thread = threading.Thread(target=self._attempts, name="deaf server", daemon=True)
            self._thread.start()
        elif kind != "refusing":  # a refusing server only holds its port: nothing listens there
            self.listener.listen(8)
            self.listener.setblocking(False)
            self._thread = threading.Thread(target=self._serve, name=f"{kind} server", daemon=True)
            self._thread.start()

    def waited_for_cpu(self) -> float:
        """Seconds this server's thread has waited for a CPU (a refusing server has none: 0)."""
        return kernel.thread_run_delay(self._thread.native_id) if self._thread is not None else 0.0

    def stop(self, wait: bool = True) -> None:
        """Stop serving; with wait, also wait for the thread and close the listening socket."""
        self._stop.set()
        if not wait:
            return
        if self._thread is not None:
            self._thread.join(JOIN_WAIT)
        if self._filler is not None:
            self._filler.close()
        self.listener.close()

    # ---- the thread

    def _serve(self) -> None:
        while not self._stop.is_set():
            looked = time.monotonic()
            readable, _, _ = select.select([self.listener], [], [], STEP)
            if not readable:
                self._empty_since = looked  # nothing was waiting at a moment after `looked`
                continue
            try:
                conn, client = self._accept()
            except BlockingIOError:
                continue
            record = Connection(client[:2], self.address, time.monotonic(), earliest=self._empty_since)
            self.connections.append(record)
            try:
                conn.setblocking(False)
                if self._read_request(conn, record):
                    getattr(self, f"_{self.kind}")(conn, record)
            except OSError:  # the student's side is gone: nothing more to do with it
                pass
            finally:
                conn.close()

    def _attempts(self) -> None:
        """A deaf server: each client socket the kernel shows connecting to it (SYN_SENT: its SYN dropped) is an
        attempt, recorded as a connection whose handshake never came (`handshake` False, no request): first seen
        at `accepted_at`, its close seen by the Watch as any other's (the socket gone, or held by no process)."""
        seen: set[tuple[str, int]] = set()
        if not kernel.AVAILABLE:  # no kernel's table (macOS): the attempts are not seen, the list judged without them
            self._stop.wait()
            return
        while not self._stop.is_set():
            looked = time.monotonic()
            for client in kernel.connecting_to(self.address):
                if client not in seen:
                    seen.add(client)
                    record = Connection(client, self.address, time.monotonic(), earliest=self._empty_since)
                    record.handshake = False
                    self.connections.append(record)
            self._empty_since = looked  # no attempt was waiting unseen at a moment after `looked`
            self._stop.wait(STEP)

    def _accept(self) -> tuple[socket.socket, tuple]:
        """accept(): this thread may run long after the kernel completed the handshake (a busy machine)."""
        return self.listener.accept()

    def _read_request(self, conn: socket.socket, record: Connection) -> bool:
        """Read until the request's EOF; False if the connection ended otherwise or the server stops."""
        while not self._stop.is_set():
            readable, _, _ = select.select([conn], [], [], STEP)
            if not readable:
                continue
            try:
                data = conn.recv(65536)
            except BlockingIOError:
                continue
            except ConnectionResetError:
                record.request_end, record.request_end_at = "RST", time.monotonic()
                return False
            if not data:
                # A FIN from close(), not from shutdown(SHUT_WR): the client gave up waiting for a reply to
                # a request it never ended. (A client that half-closed stays connected for the reply.)
                end = "close" if student_closed(record) else "FIN"
                record.request_end, record.request_end_at = end, time.monotonic()
                if end == "FIN":
                    # A close() shuts a socket both ways too: read only while it is still open. Still open after
                    # the bits were read, it was open when they were (a close comes once, and stays).
                    record.read_shut = _read_shut(record) and not student_closed(record)
                return end == "FIN"
            record.request += data
        return False

    def _send(self, conn: socket.socket, record: Connection, data: bytes) -> None:
        conn.setblocking(True)
        conn.sendall(data)  # small: it fits in the socket's buffer at once
        conn.setblocking(False)
        record.sent += len(data)

    def _fin(self, conn: socket.socket, record: Connection) -> None:
        # The time is taken before the FIN leaves: anything the client does after seeing it comes later.
        record.answer_end, record.answer_end_at = "FIN", time.monotonic()
        conn.shutdown(socket.SHUT_WR)

    def _silent(self, conn: socket.socket, record: Connection) -> None:
        self._stop.wait()

    def _gate_opens(self, record: Connection) -> bool:
        """Wait for the gate, if any: True to answer, False if the client closed first or the gate says never."""
        while self.gate is not None and not self._stop.is_set():
            if student_closed(record):
                return False  # closed before it waited for the reply: nothing to answer
            ready = self.gate(record)
            if ready is None:
                return False
            if ready:
                break
            self._stop.wait(STEP)
        return True

    def _trickling(self, conn: socket.socket, record: Connection) -> None:
        if not self._gate_opens(record):
            return
        while True:  # one byte now, then one every trickle_every, until the client is gone
            self._send(conn, record, trickled(self.reply, record.sent))
            if self._stop.wait(self.trickle_every):
                return

    def _stalling(self, conn: socket.socket, record: Connection) -> None:
        """Trickles as the trickling server does, its last byte stall_at after the accept; then nothing, no FIN.

        A client that checks its deadline only between recv() calls is then
        in a recv() that waits its whole timeout, from the last byte on.
        """
        while True:
            self._send(conn, record, trickled(self.reply, record.sent))
            record.last_sent_at = time.monotonic()
            left = record.accepted_at + self.stall_at - record.last_sent_at
            if left <= 0:
                break
            if self._stop.wait(min(self.trickle_every, left)):
                return
        self._stop.wait()

    def _resetting(self, conn: socket.socket, record: Connection) -> None:
        self._send(conn, record, reset_part(self.reply))
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        record.answer_end, record.answer_end_at = "RST", time.monotonic()
        # conn.close() in _serve now sends RST instead of FIN

    def _slow(self, conn: socket.socket, record: Connection) -> None:
        sent_at = None
        for at, piece in slow_plan(self.reply, self.slow_pieces):
            # Timed from the accept, which comes after the client started its clock: a server thread that
            # read the request late on a busy machine catches up instead of pushing the FIN past the deadline;
            # but a pause stays a pause of at least slow_pause, whatever the first piece's delay.
            when = record.accepted_at + at
            if sent_at is not None:
                when = max(when, sent_at + self.slow_pause)
            record.last_due_at = when
            if self._stop.wait(max(0.0, when - time.monotonic())):
                return
            self._send(conn, record, piece)
            sent_at = time.monotonic()
        record.last_sent_at = sent_at
        self._fin(conn, record)
        self._stop.wait()  # the client closes first; this end then never lingers in TIME_WAIT

    def _resetting_once(self, conn: socket.socket, record: Connection) -> None:
        """Its first connection is reset mid-reply; every later one answered whole: one address, two fates."""
        (self._resetting if record is self.connections[0] else self._good)(conn, record)

    def _good(self, conn: socket.socket, record: Connection) -> None:
        if not self._gate_opens(record):
            return
        self._send(conn, record, self.reply)
        self._fin(conn, record)
        self._stop.wait()


# --------------------------------------------------------------------------- the kernel's view


def _hex_address(address: tuple[str, int]) -> str:
    """An IPv4 address as /proc/net/tcp writes it: 0100007F:1F90 for 127.0.0.1:8080."""
    packed = struct.unpack("=I", socket.inet_aton(address[0]))[0]
    return f"{packed:08X}:{address[1]:04X}"


_INET_DIAG_INFO = 2  # the attribute that carries the socket's struct tcp_info
_TCPI_BYTES_RECEIVED = 128  # offset of tcpi_bytes_received in struct tcp_info (Linux 4.1 and later)


def diag(local: tuple[str, int], remote: tuple[str, int]) -> tuple[str, int] | None:
    """(state, inode) of the IPv4 TCP socket local -> remote, from sock_diag; None if there is none.

    Raises OSError where netlink's sock_diag is not available.
    """
    found = kernel.lookup(local, remote)
    return None if found is None else (found[0].state, found[0].inode)


def diag_received(local: tuple[str, int], remote: tuple[str, int]) -> tuple[int, int] | None:
    """(unread, received) of the IPv4 TCP socket local -> remote, from sock_diag; None if there is none.

    `unread` is its receive queue (a FIN not yet read counts as one byte, as in /proc/net/tcp);
    `received` is tcpi_bytes_received, every byte that has arrived in order (and a FIN, one more).
    Together they say "all of it arrived, and it was read" without waiting for the socket's ACK,
    which its kernel may delay by 40 ms. Raises OSError where sock_diag or tcp_info is missing.
    """
    found = kernel.lookup(local, remote, 1 << (_INET_DIAG_INFO - 1))
    if found is None:
        return None
    row, attributes = found
    info = attributes.get(_INET_DIAG_INFO, b"")
    if len(info) < _TCPI_BYTES_RECEIVED + 8:
        raise OSError("sock_diag gave no tcp_info")
    return row.rx_queue, struct.unpack_from("=Q", info, _TCPI_BYTES_RECEIVED)[0]


_diag_works = kernel.AVAILABLE and hasattr(socket, "AF_NETLINK")


def student_closed(record: Connection) -> bool:
    """Is the student's socket of this connection closed, from the kernel's view? (False if unknown.)

    Closed: gone (reset, or closed and finished), or held by no process (inode 0: close() orphaned it).
    """
    global _diag_works
    if _diag_works:
        try:
            found = diag(record.client, record.server)
        except OSError:
            _diag_works = False
        else:
            return found is None or found[1] == 0
    if not kernel.AVAILABLE:
        return False
    try:
        with open("/proc/net/tcp") as f:
            table = f.read()
    except OSError:
        return False
    at = table.find(f" {_hex_address(record.client)} {_hex_address(record.server)} ")
    if at < 0:
        return True
    return table[at : table.find("\n", at)].split()[8] == "0"


def _read_shut(record: Connection) -> bool:
    """Is the student's socket of this connection shut down for reading, from the kernel's view? (False if
    unknown.)"""
    if not _diag_works:
        return False
    try:
        bits = sock_diag.shut_down(record.client, record.server)
    except (OSError, ValueError):
        return False
    return bits is not None and bool(bits & sock_diag.READ_SHUT)


class Watch:
    """When did the student's socket of each watched connection close? (Linux; elsewhere: never known.)"""

    def __init__(self) -> None:
        self.watched: list[Connection] = []

    def add(self, record: Connection) -> None:
        if record not in self.watched:
            self.watched.append(record)

    def poll(self) -> None:
        """Read the kernel's table once; mark every watched connection whose student socket is closed."""
        now = time.monotonic()
        for record in self.watched:
            if record.closed_at is None:
                if student_closed(record):
                    record.closed_at = time.monotonic()
                else:
                    record.open_seen_at = now
