"""Play with a reference peer by hand, as you would with netcat.

The graders talk to your code through reference peers: a server for your
clients, a client for your servers. This tool runs the same kind of peer on
its own, outside the grader, and prints a live transcript of everything it
sees on the wire: who connected, every piece of bytes sent and received
(shown with repr()), FIN (an orderly close: recv() returned b"") and RST (a
reset: ConnectionResetError), with local wall-clock times.

    python -m graders.tools.peer server [--lesson client_flow|graceful_close] [--host H] [--port N]
    python -m graders.tools.peer server --lesson timeouts [--host H]
    python -m graders.tools.peer client [--lesson server_flow|graceful_close|reject_and_drain] --port N [--host H]
                                  [--message TEXT | --hex HEX]

The server serves one client after another until Ctrl-C:

* lesson client_flow (for `request`): reads what arrives until a pause of
  0.2 s (or the client's FIN), replies with fixed bytes, half-closes with
  shutdown(SHUT_WR) and waits a few seconds for the client's FIN;
* lesson graceful_close (for `request_and_half_close`): reads until the
  client's FIN, replies with the request reversed, then sends FIN;
* lesson timeouts (for `first_reply`): six servers at once, on ports the
  kernel picks, one of each kind lesson 6's grader uses (refusing, silent,
  trickling, resetting, slow, good), each in its own thread, with the
  grader's timings (graders/lessons/peers_timeouts.py). Each reads the request until
  the client's FIN, then misbehaves in its own way; each line of the
  transcript names its server. When the client closes its socket is seen
  from the kernel (graders/engine/servers.py's `student_closed`): after a
  shutdown(SHUT_WR), a close() sends nothing on the wire.

The client connects once, sends the message (by default one with a zero
byte, bytes that are not UTF-8 and multi-byte UTF-8), for graceful_close
half-closes, then reads until the server's FIN or RST and closes. With
--lesson reject_and_drain (lesson graceful_close's third function) it plays
the grader's uploading client instead, with the grader's bytes: a header
line with 64 KiB of body right behind it, then, once b"REJECTED\n" came
back, 1 MiB more of body; it half-closes once the server's FIN came, so
that the server's drain loop ends. Its exit status is 0 if the server ended
with FIN, 1 if not, 2 if it could not connect.

Standard library only. What a peer replies is decided by the small
protocol functions below; the socket driving is kept apart from it, and
every line goes out through `say`, so the transcript has one format. Its
words are templates in graders/text/messages.py (BYHAND_*), in both editions.

Over 500 lines: one tool's command line, its peers' protocols by hand and their live transcript.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import errno
import select
import signal
import socket
import struct
import sys
import threading
import time

from graders import course
from graders.engine import kernel, packets, protocol, servers
from graders.lessons import all_peers
from graders.lessons import peers_graceful_close as graceful
from graders.lessons import peers_timeouts as timeout_servers
from graders.text import lang, messages

# --------------------------------------------------------------------------- protocol: what the peers send

# Each lesson's reference peers are declared once, in its peers module (PEERS in graders/lessons/peers_<lesson>.py):
# the checks drive them, and this tool runs the same ones by hand.
SERVER_LESSONS, CLIENT_LESSONS = all_peers.by_lesson()


# Lesson graceful_close's third function, reject_and_drain, has a reference client of its own: an
# upload the server must refuse politely. Its bytes are the grader's (graders/lessons/peers_graceful_close.py).
UPLOAD = "reject_and_drain"


def lesson_named(name: str) -> tuple[int, str]:
    """A peer's lesson as the banners name it: its number and its id (lesson 4's upload: its function)."""
    found = course.lesson("graceful_close" if name == UPLOAD else name)
    return (found.number if found else 0), (f"{UPLOAD}()" if name == UPLOAD else name)


def upload_protocol() -> protocol.ClientProtocol:
    return protocol.ClientProtocol(UPLOAD, graceful.HEADER, half_close=True, expected=lambda header: graceful.REJECTED,
                                   expected_text="BYHAND_REJECTION", waiting="BYHAND_WAIT_REJECT_FIN")


# Lesson timeouts' client tries a list of servers, each misbehaving in its own way: its reference servers are
# graders/engine/servers.py's, run by the grader a list at a time. By hand, one of each kind runs at once, with the
# grader's timings and replies (graders/lessons/peers_timeouts.py); the list's order is also the banner's.
TIMEOUTS = "timeouts"
KINDS = ("refusing", "silent", "trickling", "resetting", "slow", "good", "deaf")  # deaf last: reorder to reach it
ANSWERING = ("slow", "good")  # the kinds whose whole reply (up to their FIN) comes in time


def timeouts_reply(index: int, kind: str) -> bytes:
    """Each server's own reply, made as the grader makes it: a reply from the wrong server always shows."""
    return timeout_servers.reply_of(TIMEOUTS, index, kind)


def winner() -> int:
    """The index in KINDS whose reply first_reply() returns, given every server in KINDS' order."""
    return next(index for index, kind in enumerate(KINDS) if kind in ANSWERING)


def what_it_does(kind: str) -> str:
    """A kind of server's behaviour in words, with the grader's timings."""
    times = timeout_servers.SLOW_PIECES
    apart = min((b - a for a, b in zip(times, times[1:], strict=False)), default=0.0)
    return messages.BYHAND_TIMEOUTS_DOES[kind].format(
        every=timeout_servers.TRICKLE_EVERY, pieces=len(times), apart=max(apart, timeout_servers.SLOW_PAUSE),
        timeout=timeout_servers.TIMEOUT)


def note(name: str) -> str:
    """A text of the peers' protocol, named in the grader (messages.NAME), in this edition."""
    return getattr(messages, name)


# --------------------------------------------------------------------------- the transcript

SHOW_LIMIT = 48  # bytes shown of a long piece; the rest is counted


_printing = threading.Lock()  # lesson timeouts: several servers' threads print, one whole line at a time
_here = threading.local()  # lesson timeouts: the server a thread plays (its prefix and its stop flag)


def say(line: str = "") -> None:
    """Print one line of the transcript, at once (a pipe must see it now, not at exit)."""
    with _printing:
        print(line, flush=True)


def event(text: str) -> None:
    """One timestamped line: local wall time with milliseconds, after the name of this thread's server if any.

    A server's thread says nothing more once it is told to stop (Ctrl-C): what it sees then is its own end.
    """
    stop = getattr(_here, "stop", None)
    if stop is not None and stop.is_set():
        return
    stamp = datetime.datetime.now().strftime("%H:%M:%S.%f")[:-3]
    say(f"[{stamp}] {getattr(_here, 'prefix', '')}{text}")


def count(n: int) -> str:
    return (messages.BYHAND_BYTE if n == 1 else messages.BYHAND_BYTES).format(n=n)


def show(data: bytes) -> str:
    """repr() of bytes, truncated when long, with what was left out counted."""
    if len(data) <= SHOW_LIMIT:
        return repr(data)
    more = len(data) - SHOW_LIMIT
    return messages.BYHAND_MORE.format(data=repr(data[:SHOW_LIMIT]), more=messages.counted(messages.MORE_BYTES, more))


def cut(data: bytes) -> str:
    """repr() of bytes, truncated when long, for a line that gives their count right after them."""
    return repr(data) if len(data) <= SHOW_LIMIT else messages.BYHAND_CUT.format(data=repr(data[:SHOW_LIMIT]))


def endpoint(address: tuple) -> str:
    return f"{address[0]}:{address[1]}"


# --------------------------------------------------------------------------- driving a socket

CHUNK = 65536
NOTE_EVERY = 2.0  # seconds between "still waiting" notes
PAUSE = 0.2  # client_flow: this long with nothing more ends the request
FIN_WAIT = 5.0  # client_flow: how long the server waits for the client's FIN after its own


def recv_within(sock: socket.socket, seconds: float) -> bytes | None:
    """One recv() that waits at most `seconds`: data, b"" (FIN) or None (nothing yet).

    An RST raises ConnectionResetError.
    """
    sock.settimeout(max(seconds, 0.001))
    try:
        return sock.recv(CHUNK)
    except TimeoutError:
        return None


def wait_for_piece(sock: socket.socket, seconds: float, note: str | None) -> bytes | None:
    """recv_within(), printing `note` every NOTE_EVERY seconds while nothing comes."""
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        piece = recv_within(sock, min(NOTE_EVERY, left))
        if piece is not None:
            return piece
        if note and deadline - time.monotonic() > 0:
            event(note)


def read(sock: socket.socket, who: str, *, timeout: float, note: str | None = None,
         pause: float | None = None, give_up: str | None = None, until: bytes | None = None) -> tuple[bytes, str]:
    """Read and print every piece until the peer's FIN or RST.

    Also ends after `timeout` seconds with nothing at all ("timeout", then
    `give_up` is printed), or, with `pause`, after that long with nothing
    more once some data came ("pause"), or, with `until`, once those bytes
    came ("until"). Returns the data and how it ended: "FIN", "RST",
    "pause", "until", "timeout" or "error".
    """
    received = bytearray()
    while True:
        quiet = pause is not None and bool(received)
        try:
            piece = wait_for_piece(sock, pause if quiet else timeout, None if quiet else note)
        except ConnectionResetError:
            event(messages.BYHAND_RESET.format(who=messages.BYHAND_WHO[who]))
            return bytes(received), "RST"
        except OSError as exc:
            event(messages.BYHAND_RECV_FAILED.format(error=exc))
            return bytes(received), "error"
        if piece is None:
            if quiet:
                event(messages.BYHAND_PAUSE.format(pause=pause))
                return bytes(received), "pause"
            event(give_up or messages.BYHAND_GIVE_UP.format(who=messages.BYHAND_WHO[who], timeout=timeout))
            return bytes(received), "timeout"
        if not piece:
            event(messages.BYHAND_GOT_FIN.format(who=messages.BYHAND_WHO[who]))
            return bytes(received), "FIN"
        event(messages.BYHAND_RECEIVED.format(count=count(len(piece)), data=show(piece)))
        received += piece
        if until is not None and until in received:
            return bytes(received), "until"


def send(sock: socket.socket, data: bytes, who: str, timeout: float, shown: str | None = None) -> bool:
    """Send all of `data` and print it (or `shown`, a line of its own); False if that failed."""
    return send_or_end(sock, data, who, timeout, shown) is None


def send_or_end(sock: socket.socket, data: bytes, who: str, timeout: float, shown: str | None = None,
                quiet: bool = False) -> str | None:
    """send(), returning None once all of `data` went out, else how it ended: "RST", "timeout" or "error".

    With `quiet`, only a failure is printed (the trickling server's bytes are counted instead).
    """
    sock.settimeout(timeout)
    try:
        sock.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        event(messages.BYHAND_SEND_RESET.format(who=messages.BYHAND_WHO[who]))
        return "RST"
    except TimeoutError:
        event(messages.BYHAND_SEND_STUCK.format(who=messages.BYHAND_WHO[who], timeout=timeout))
        return "timeout"
    except OSError as exc:
        event(messages.BYHAND_SEND_FAILED.format(error=exc))
        return "error"
    if not quiet:
        event(shown or messages.BYHAND_SENT.format(count=count(len(data)), data=show(data)))
    return None


def half_close(sock: socket.socket, who: str) -> bool:
    """shutdown(SHUT_WR): send FIN, keep reading."""
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError as exc:
        if exc.errno == errno.ENOTCONN:  # the peer's RST came first: there is no connection left to end
            event(messages.BYHAND_SHUTDOWN_GONE.format(who=messages.BYHAND_WHO[who]))
        else:
            event(messages.BYHAND_SHUTDOWN_FAILED.format(error=exc))
        return False
    event(messages.BYHAND_SENT_FIN)
    return True


# --------------------------------------------------------------------------- the server

def open_listener(host: str, port: int) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(8)
    except BaseException:
        listener.close()
        raise
    return listener


# --------------------------------------------------------------------------- the packets of each conversation

PACKETS_SETTLE = 0.05  # after a close, the last ACK is a moment away
_capture: packets.Capture | None = None


def start_capture() -> None:
    """Capture loopback packets for this tool's conversations where it can (root on Linux); else say so once."""
    global _capture
    reason = packets.unavailable_reason()
    if reason is None:
        try:
            _capture = packets.Capture()
        except OSError as exc:
            reason = exc.strerror or str(exc)
    if _capture is None:
        say(messages.BYHAND_PACKETS_OFF.format(reason=reason))


def show_packets(started: float, yours: tuple, ours: tuple) -> None:
    """The packets of the connection between `yours` (the student's end) and `ours` since `started`."""
    if _capture is None:
        return
    time.sleep(PACKETS_SETTLE)
    _capture.drain()
    ends = {tuple(yours[:2]), tuple(ours[:2])}
    segments = [s for s in packets.decode(_capture.between(started, time.time())) if {s.src, s.dst} == ends]
    if segments:
        say("  " + messages.PK_TITLE_BYHAND)
        for line in packets.render(packets.describe(segments, lambda end: end == tuple(yours[:2]))):
            say("    " + line)
        say()


def serve_client(conn: socket.socket, lesson: protocol.ServerProtocol, timeout: float) -> None:
    """One conversation of the reference server, printed as it happens."""
    if lesson.until_fin:
        request, end = read(conn, "client", timeout=timeout, note=note(lesson.waiting),
                            give_up=messages.BYHAND_NO_REQUEST_FIN.format(timeout=timeout))
        if end != "FIN":
            return
    else:
        request, end = read(conn, "client", timeout=timeout, note=note(lesson.waiting), pause=PAUSE)
        if end not in ("FIN", "pause"):
            return
        if end == "FIN" and not request:  # no reply to a client that is gone: it would answer with RST
            event(messages.BYHAND_CLIENT_LEFT)
            return
    if not send(conn, lesson.reply(request), "client", timeout) or not half_close(conn, "client"):
        return
    if end != "FIN":  # the reply is out and FIN sent: now the client should close too
        read(conn, "client", timeout=FIN_WAIT,
             give_up=messages.BYHAND_NO_CLIENT_FIN.format(timeout=FIN_WAIT))


def run_server(args: argparse.Namespace) -> int:
    if args.lesson == TIMEOUTS:
        return run_timeouts(args)
    lesson = SERVER_LESSONS[args.lesson]
    try:
        listener = open_listener(args.host, args.port)
    except OSError as exc:
        say(messages.BYHAND_CANNOT_LISTEN.format(address=f"{args.host}:{args.port}", error=exc.strerror or exc))
        return 2
    start_capture()  # before the banner: a client may connect as soon as it is printed
    with listener:
        host, port = listener.getsockname()[:2]
        shown = "127.0.0.1" if host == "0.0.0.0" else host
        number, named = lesson_named(args.lesson)
        say(messages.BYHAND_SERVER_BANNER.format(number=number, lesson=named, address=f"{host}:{port}", call=lesson.call,
                                                 host=shown, port=port))
        while True:
            started = time.time() - 1.0  # the handshake was over before accept() returned
            conn, address = listener.accept()
            local = conn.getsockname()
            with conn:
                event(messages.BYHAND_CLIENT_CONNECTED.format(address=endpoint(address)))
                serve_client(conn, lesson, args.timeout)
            event(messages.BYHAND_CLOSED)
            say()
            show_packets(started, address, local)


# --------------------------------------------------------------------------- lesson timeouts: six servers at once

ACCEPT_STEP = 0.1  # how often a server's thread waiting for a client looks at its stop flag
LOOK_EVERY = 0.01  # how often a server asks the kernel whether the client closed its socket (some 40 µs)
JOIN_WAIT = 2.0  # Ctrl-C: how long each server's thread may take to end (it wakes at once)


class HandServer:
    """One of lesson timeouts' reference servers: serves one client after another, in its own thread."""

    def __init__(self, index: int, kind: str, host: str, stop: threading.Event):
        self.index, self.kind, self.stop = index, kind, stop
        self.reply = timeouts_reply(index, kind)
        self.conn: socket.socket | None = None  # the connection being served, if any
        self.thread: threading.Thread | None = None
        self.filler: socket.socket | None = None  # deaf: the connection that fills its accept queue
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.listener.bind((host, 0))
            if kind == "deaf":  # as the grader's (servers.Server): its accept queue full, a client's SYN is dropped
                self.listener.listen(0)
                self.filler = socket.create_connection(self.listener.getsockname()[:2], timeout=JOIN_WAIT)
            elif kind != "refusing":  # a refusing server only holds its port: nothing listens there
                self.listener.listen(8)
                self.listener.setblocking(False)
        except BaseException:
            self.listener.close()
            raise
        self.address = self.listener.getsockname()[:2]

    def start(self, timeout: float) -> None:
        if self.kind != "refusing":
            self.thread = threading.Thread(target=self.serve, args=(timeout,), name=f"{self.kind} server",
                                           daemon=True)
            self.thread.start()

    def wake(self) -> None:
        """Ctrl-C: end a wait of this server's thread on its client (a recv() returns at once)."""
        conn = self.conn
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def close(self) -> bool:
        """After stop and wake: wait for the thread, then close the listening socket. False: it did not end."""
        if self.thread is not None and self.thread.ident is not None:  # Ctrl-C may come before it started
            self.thread.join(JOIN_WAIT)
        if self.filler is not None:
            self.filler.close()
        self.listener.close()
        return self.thread is None or not self.thread.is_alive()

    # ---- the thread

    def serve(self, timeout: float) -> None:
        # Ctrl-C is the main thread's: a SIGINT the kernel gave this thread instead would not wake the main
        # thread's sleep, and the tool would go on.
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        _here.prefix = messages.BYHAND_TIMEOUTS_WHO.format(index=self.index, kind=messages.SERVER_KINDS[self.kind])
        _here.stop = self.stop
        if self.kind == "deaf":
            self.attempts(timeout)
            return
        while not self.stop.is_set():
            try:
                readable, _, _ = select.select([self.listener], [], [], ACCEPT_STEP)
                if not readable:
                    continue
                conn, address = self.listener.accept()
            except BlockingIOError:  # the client was gone before its accept
                continue
            except (OSError, ValueError):  # the listener was closed: stopping
                return
            with conn:
                self.conn = conn
                event(messages.BYHAND_CLIENT_CONNECTED.format(address=endpoint(address)))
                # Its addresses as the kernel knows them, to ask when the client's socket closed.
                record = servers.Connection(address[:2], conn.getsockname()[:2], time.monotonic())
                self.converse(conn, record, timeout)
                self.conn = None
            event(messages.BYHAND_CLOSED)

    def attempts(self, timeout: float) -> None:
        """A deaf server: each client the kernel shows connecting to it (its SYN dropped), and when it gave up
        (its socket gone); nothing shows where the kernel's table cannot be read."""
        if not kernel.AVAILABLE:
            self.stop.wait()
            return
        connecting: dict[tuple, float] = {}  # a client's end -> when it was first seen connecting
        still: set[tuple] = set()  # ...and those already said to be still connecting
        while not self.stop.wait(LOOK_EVERY):
            now = time.monotonic()
            seen = set(kernel.connecting_to(self.address))
            for client in seen - set(connecting):
                connecting[client] = now
                event(messages.BYHAND_TIMEOUTS_DEAF_SYN.format(address=endpoint(client)))
            for client in [client for client in connecting if client not in seen]:
                event(messages.BYHAND_TIMEOUTS_DEAF_GAVE_UP.format(
                    after=now - connecting.pop(client), timeout=timeout_servers.TIMEOUT, slack=timeout_servers.SLACK))
                still.discard(client)
            for client, since in connecting.items():
                if now - since > timeout and client not in still:
                    still.add(client)
                    event(messages.BYHAND_TIMEOUTS_DEAF_STILL.format(timeout=timeout))

    def converse(self, conn: socket.socket, record: servers.Connection, timeout: float) -> None:
        """One client: its request up to its FIN, then this kind's answer, printed as it happens."""
        _, end = read(conn, "client", timeout=timeout, note=messages.BYHAND_WAIT_REQUEST_FIN,
                      give_up=messages.BYHAND_NO_REQUEST_FIN.format(timeout=timeout))
        if end != "FIN" or self.stop.is_set():
            return
        if servers.student_closed(record):  # a FIN from close(), not shutdown(SHUT_WR): the client gave up
            event(messages.BYHAND_TIMEOUTS_CLOSED_UNENDED)
            return
        getattr(self, f"_{self.kind}")(conn, record, timeout)

    def _silent(self, conn: socket.socket, record: servers.Connection, timeout: float) -> None:
        event(messages.BYHAND_TIMEOUTS_SILENT)
        after = self.wait_for_close(record, timeout)
        if after is not None:
            event(messages.BYHAND_TIMEOUTS_GAVE_UP.format(after=after, timeout=timeout_servers.TIMEOUT,
                                                          slack=timeout_servers.SLACK))

    def _trickling(self, conn: socket.socket, record: servers.Connection, timeout: float) -> None:
        every = timeout_servers.TRICKLE_EVERY
        event(messages.BYHAND_TIMEOUTS_TRICKLING.format(every=every))
        sent, noted = 0, time.monotonic()
        while True:  # one byte now, then one every TRICKLE_EVERY, until the client is gone
            if send_or_end(conn, servers.trickled(self.reply, sent), "client", timeout, quiet=True) is not None:
                break  # printed: the client reset the connection (it closed with our bytes unread), or worse
            sent += 1
            state = self.watch(record, every)
            if state == "stopped":
                return
            if state == "closed":
                break
            if time.monotonic() - noted >= NOTE_EVERY:
                event(messages.BYHAND_TIMEOUTS_STILL_TRICKLING.format(count=count(sent)))
                noted = time.monotonic()
        event(messages.BYHAND_TIMEOUTS_TRICKLE_END.format(
            after=time.monotonic() - record.accepted_at, count=count(sent), timeout=timeout_servers.TIMEOUT,
            slack=timeout_servers.SLACK))

    def _resetting(self, conn: socket.socket, record: servers.Connection, timeout: float) -> None:
        if send(conn, servers.reset_part(self.reply), "client", timeout):
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()  # with SO_LINGER 0: RST, not FIN
            event(messages.BYHAND_TIMEOUTS_RST)

    def _slow(self, conn: socket.socket, record: servers.Connection, timeout: float) -> None:
        sent_at = None
        for at, piece in servers.slow_plan(self.reply, timeout_servers.SLOW_PIECES):
            # As the grader's: timed from the accept, and a pause stays a pause of at least SLOW_PAUSE.
            when = record.accepted_at + at
            if sent_at is not None:
                when = max(when, sent_at + timeout_servers.SLOW_PAUSE)
            state = self.watch(record, when - time.monotonic())
            if state == "stopped":
                return
            if state == "closed":
                event(messages.BYHAND_TIMEOUTS_LEFT_SLOW.format(after=time.monotonic() - record.accepted_at))
                return
            if not send(conn, piece, "client", timeout):
                return
            sent_at = time.monotonic()
        if half_close(conn, "client"):
            self.closed(record, timeout)

    def _good(self, conn: socket.socket, record: servers.Connection, timeout: float) -> None:
        if send(conn, self.reply, "client", timeout) and half_close(conn, "client"):
            self.closed(record, timeout)

    def closed(self, record: servers.Connection, timeout: float) -> None:
        """After the whole reply and FIN: when the client closed its socket."""
        after = self.wait_for_close(record, timeout)
        if after is not None:
            event(messages.BYHAND_TIMEOUTS_CLOSED.format(after=after))

    def wait_for_close(self, record: servers.Connection, timeout: float) -> float | None:
        """Wait until the client's socket is closed: seconds since the accept; None if not within `timeout`
        (printed) or when stopped."""
        state = self.watch(record, timeout)
        if state == "open":
            event(messages.BYHAND_TIMEOUTS_STILL_OPEN.format(timeout=timeout))
        return time.monotonic() - record.accepted_at if state == "closed" else None

    def watch(self, record: servers.Connection, seconds: float) -> str:
        """Wait up to `seconds`, looking every LOOK_EVERY whether the client closed its socket (from the kernel).

        Returns "closed", "open" (the time is up) or "stopped" (Ctrl-C). After its FIN, a client's close()
        sends nothing: only the kernel's view shows it (Linux; elsewhere it stays "open").
        """
        until = time.monotonic() + seconds
        while True:
            if servers.student_closed(record):
                return "closed"
            left = until - time.monotonic()
            if left <= 0:
                return "open"
            if self.stop.wait(min(LOOK_EVERY, left)):
                return "stopped"


def timeouts_call(started: list[HandServer], host: str) -> str:
    """The student's first_reply() on every server, in order, as a shell command to paste."""
    addresses = ", ".join(f'("{host}", {server.address[1]})' for server in started)
    return (f"python -c 'import sys; sys.path.insert(0, \"exercises\"); import {TIMEOUTS}; "
            f"print({TIMEOUTS}.first_reply([{addresses}], b\"hello\", {timeout_servers.TIMEOUT:g}))'")


def run_timeouts(args: argparse.Namespace) -> int:
    stop = threading.Event()
    started: list[HandServer] = []
    try:
        try:
            for index, kind in enumerate(KINDS):
                started.append(HandServer(index, kind, args.host, stop))
        except OSError as exc:
            say(messages.BYHAND_CANNOT_LISTEN.format(address=f"{args.host}:0", error=exc.strerror or exc))
            return 2
        for server in started:  # every thread serves before the banner says so
            server.start(args.timeout)
        shown = "127.0.0.1" if args.host == "0.0.0.0" else args.host
        number, named = lesson_named(TIMEOUTS)
        say(messages.BYHAND_TIMEOUTS_BANNER.format(number=number, lesson=named, count=len(started)))
        width = max(lang.display_width(messages.SERVER_KINDS[kind]) for kind in KINDS)
        for server in started:
            say(messages.BYHAND_TIMEOUTS_SERVER.format(
                index=server.index, kind=lang.ljust(messages.SERVER_KINDS[server.kind], width),
                address=endpoint(server.address), does=what_it_does(server.kind)))
        first = winner()
        say(messages.BYHAND_TIMEOUTS_TRY.format(count=len(started), timeout=timeout_servers.TIMEOUT, index=first,
                                                reply=repr(started[first].reply), command=timeouts_call(started, shown)))
        if not kernel.AVAILABLE:
            say(messages.BYHAND_TIMEOUTS_NO_KERNEL.format(timeout=args.timeout))
        while True:  # until Ctrl-C
            time.sleep(1.0)  # short: wherever a signal lands, its handler runs within a second
    finally:  # every thread told first, then woken and awaited: they end together; then the listeners close
        stop.set()
        for server in started:
            server.wake()
        ended = [server.close() for server in started]
        if not all(ended):  # a thread of ours that was not woken: our bug, said by the exit status
            raise SystemExit(1)


# --------------------------------------------------------------------------- the client

def connect(host: str, port: int, timeout: float) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def verdict(lesson: protocol.ClientProtocol, message: bytes, reply: bytes, end: str, timeout: float) -> bool:
    """A short summary after the transcript: the reply, and how the server ended. True if both were right."""
    want = lesson.expected(message)
    if reply == want:
        say(messages.BYHAND_REPLY_OK.format(count=count(len(reply)), expected=note(lesson.expected_text), call=lesson.call))
    else:
        say(messages.BYHAND_REPLY_WRONG.format(got=cut(reply), count=count(len(reply)), call=lesson.call,
                                               expected=note(lesson.expected_text), want=cut(want),
                                               want_count=count(len(want))))
    if end == "FIN":
        say(messages.BYHAND_END_FIN)
    elif end == "RST":
        say(messages.BYHAND_END_RST)
    elif end == "timeout":
        say(messages.BYHAND_END_TIMEOUT.format(timeout=timeout))
    else:
        say(messages.BYHAND_END_FAILED)
    return reply == want and end == "FIN"


def upload(sock: socket.socket, header: bytes, timeout: float) -> tuple[bytes, str]:
    """reject_and_drain's client: an upload the server must refuse politely. Returns the reply and its end.

    The header line goes out with 64 KiB of body right behind it, so a
    server that reads more than the line finds body bytes, and one that
    closes without draining closes with unread data (RST). Once the whole
    line b"REJECTED\n" came back, 1 MiB more of body follows; then the
    server's FIN is awaited, and only then does this client end its body
    with FIN, so that the server's drain loop sees b"".
    """
    first, rest = len(graceful.BODY_FIRST), len(graceful.BODY_REST)
    failed = send_or_end(sock, header + graceful.BODY_FIRST, "server", timeout, shown=messages.BYHAND_SENT_UPLOAD.format(
        count=count(len(header) + first), header=show(header), body=count(first)))
    if failed:
        return b"", failed
    reply, end = read(sock, "server", timeout=timeout, note=messages.BYHAND_WAIT_REJECTED, until=b"\n",
                      give_up=messages.BYHAND_NO_REJECTED.format(timeout=timeout))
    if end != "until":
        return reply, end
    failed = send_or_end(sock, graceful.BODY_REST, "server", timeout, shown=messages.BYHAND_SENT_BODY.format(count=count(rest)))
    if failed:  # the server reset the connection, or stopped reading before the end of the body
        return reply, failed
    more, end = read(sock, "server", timeout=timeout, note=messages.BYHAND_WAIT_REJECT_FIN,
                     give_up=messages.BYHAND_NO_SERVER_FIN.format(timeout=timeout))
    if end == "FIN":
        half_close(sock, "server")  # the end of the body: the server's drain loop gets b"" and closes
    return reply + more, end


def run_client(args: argparse.Namespace) -> int:
    lesson = upload_protocol() if args.lesson == UPLOAD else CLIENT_LESSONS[args.lesson]
    message = args.hex if args.hex is not None else (
        args.message.encode() if args.message is not None else lesson.message)
    if args.lesson == UPLOAD and not message.endswith(b"\n"):
        message += b"\n"  # a header line ends with a newline
    number, named = lesson_named(args.lesson)
    say(messages.BYHAND_CLIENT_BANNER.format(number=number, lesson=named, call=lesson.call, port=args.port, host=args.host,
                                             more=lesson.more_args))
    start_capture()
    started = time.time()
    event(messages.BYHAND_CONNECTING.format(address=f"{args.host}:{args.port}"))
    try:
        sock = connect(args.host, args.port, args.timeout)
    except ConnectionRefusedError:
        event(messages.BYHAND_REFUSED.format(address=f"{args.host}:{args.port}"))
        return 2
    except OSError as exc:
        event(messages.BYHAND_CANNOT_CONNECT.format(address=f"{args.host}:{args.port}", error=exc))
        return 2
    local, remote = sock.getsockname(), sock.getpeername()
    with sock:
        event(messages.BYHAND_CONNECTED.format(address=f"{args.host}:{args.port}", local=endpoint(sock.getsockname())))
        if args.lesson == UPLOAD:
            reply, end = upload(sock, message, args.timeout)
        else:
            reply, end = b"", "RST"
            if send(sock, message, "server", args.timeout):
                if lesson.half_close:
                    half_close(sock, "server")
                reply, end = read(sock, "server", timeout=args.timeout, note=note(lesson.waiting),
                                  give_up=messages.BYHAND_NO_SERVER_FIN.format(timeout=args.timeout))
    event(messages.BYHAND_CLOSED)
    show_packets(started, remote, local)
    return 0 if verdict(lesson, message, reply, end, args.timeout) else 1  # a wrong reply is a failure too


# --------------------------------------------------------------------------- command line

EPILOG = messages.BYHAND_EPILOG.format(timeout=timeout_servers.TIMEOUT)


def port_number(text: str, lowest: int = 0) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not lowest <= port <= 65535:
        raise argparse.ArgumentTypeError(messages.BYHAND_NOT_A_PORT.format(text=text, lowest=lowest))
    return port


def server_port(text: str) -> int:
    return port_number(text, lowest=1)


def positive_seconds(text: str) -> float:
    seconds = float(text)
    if not seconds > 0:
        raise argparse.ArgumentTypeError(messages.BYHAND_NOT_POSITIVE.format(text=text))
    return seconds


def hex_bytes(text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(messages.BYHAND_NOT_HEX.format(text=text, error=exc)) from None


def parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    top = argparse.ArgumentParser(
        prog="python -m graders.tools.peer", formatter_class=formatter, epilog=EPILOG,
        description=messages.BYHAND_DESCRIPTION)
    modes = top.add_subparsers(dest="mode", required=True, metavar="{server,client}")

    server = modes.add_parser(
        "server", formatter_class=formatter, epilog=EPILOG,
        help=messages.BYHAND_SERVER_HELP, description=messages.BYHAND_SERVER_DESCRIPTION)
    server.add_argument("--lesson", choices=[*SERVER_LESSONS, TIMEOUTS], default="client_flow",
                        help=messages.BYHAND_SERVER_LESSON)
    server.add_argument("--host", default="127.0.0.1", help=messages.BYHAND_SERVER_HOST)
    server.add_argument("--port", type=port_number, default=0,
                        help=messages.BYHAND_SERVER_PORT)
    server.add_argument("--timeout", type=positive_seconds, default=30.0, metavar="SECONDS",
                        help=messages.BYHAND_SERVER_TIMEOUT)
    server.set_defaults(run=run_server)

    client = modes.add_parser(
        "client", formatter_class=formatter, epilog=EPILOG,
        help=messages.BYHAND_CLIENT_HELP, description=messages.BYHAND_CLIENT_DESCRIPTION)
    client.add_argument("--lesson", choices=[*CLIENT_LESSONS, UPLOAD], default="server_flow",
                        help=messages.BYHAND_CLIENT_LESSON)
    client.add_argument("--host", default="127.0.0.1", help=messages.BYHAND_CLIENT_HOST)
    client.add_argument("--port", type=server_port, required=True, help=messages.BYHAND_CLIENT_PORT)
    what = client.add_mutually_exclusive_group()
    what.add_argument("--message", metavar="TEXT", help=messages.BYHAND_MESSAGE)
    what.add_argument("--hex", type=hex_bytes, metavar="HEX", help=messages.BYHAND_HEX)
    client.add_argument("--timeout", type=positive_seconds, default=10.0, metavar="SECONDS",
                        help=messages.BYHAND_CLIENT_TIMEOUT)
    client.set_defaults(run=run_client)
    return top


def main(argv: list[str] | None = None) -> int:
    top = parser()
    args = top.parse_args(argv)
    if args.mode == "server" and args.lesson == TIMEOUTS and args.port:
        top.error(messages.BYHAND_TIMEOUTS_NO_PORT.format(count=len(KINDS)))
    try:
        return args.run(args)
    except KeyboardInterrupt:  # Ctrl-C: every socket was closed by its `with` on the way out
        if sys.stdout.isatty():
            say()  # past the ^C the terminal echoed
        event(messages.BYHAND_STOPPED)
        return 0


if __name__ == "__main__":
    sys.exit(main())
