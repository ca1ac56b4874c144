"""Lesson 3, recv_loop: recv_exactly, recv_until_closed, send_all.

The student's functions get a real socket, connected by the harness to the
reference peer. Fragmentation happens by construction: the peer sends a
piece, waits until the student's kernel has it and the student's code has
read all of it (rx_queue 0 in /proc/net/tcp), and only then sends the next,
so one recv() can never return two pieces. Pieces split a length prefix and
a multi-byte UTF-8 character.

Size and speed: 16 MiB go through each function, timed by the grader in
CPU time the kernel accounted to the call: every process of it, a child it
forked too, reaped or not (`kernel.cpu_time`; from the peer's connection to
the arrival of the function's report: nothing the student's processes do to
their own clocks changes it). The student's socket has a
16 KiB receive buffer, so every recv() returns at most that much (a
few KiB): building the result with `data += chunk` then copies about
N²/32 KiB, gigabytes, far past the budget whatever size the student asks
recv() for, and a recv() or send() per byte makes millions of system calls.
Both cost seconds by construction, against a budget of SPEED_FACTOR times
the reference solution's time in the same run, never under SPEED_FACTOR x
SPEED_FLOOR: so a function within that floor passes without the reference
being measured at all (a correct loop takes a few tens of ms).

Partial sends happen by construction, whatever send_all() does to its
socket: a 16 KiB send buffer (no send() of 64 KiB ever fits at once), and a
kernel send timeout (SO_SNDTIMEO) with a reference peer that stops reading
until the student's code waits on a full buffer, so that even a socket made
blocking returns a partial count from send(). What recv_exactly() left
unread is the kernel's count (rx_queue), not the student process's word.

The socket each function was given stays the caller's: on every path a
check takes (bytes returned, EOFError raised, every byte sent; the speed
checks judge speed alone) the kernel is asked, before anyone else closes
that socket, whether the function closed it or shut it down
(`checks.given_socket_fate`). So send_all()'s
socket is not closed by the harness after the call where the kernel can be
asked: the peer reads until the function returned and the student's kernel
holds nothing unacknowledged (`Peer.open_after_return`). Left as it was, that socket is then closed by its
caller, as a caller does (`checks.kept_after_caller_close`: socket.close() in the student's process, on the
grader's request): the kernel must show no descriptor of it left, or something the code kept past its return
(a makefile() file, a dup()) holds the connection open.

Over 500 lines: ten checks of three functions, each judged on every path it takes, and the speed checks'
measurement against the reference solution, which shares the checks' setup (`start`, `Session`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import select
import socket
import struct
import time
from dataclasses import dataclass

from graders import course
from graders.engine import deadlock, kernel
from graders.engine.checks import (
    expect_equal,
    expect_no_dropped_sockets,
    expect_same_again,
    fail,
    fail_return_type,
    given_socket_fate,
    hint,
    kept_after_caller_close,
    not_judged,
    returned_bytes,
)
from graders.engine.conversation import POLL, SPIN_CPU
from graders.engine.harness import CALL_LIMIT, CheckFailed, Peer, Run, StudentCall, Timeline, show
from graders.engine.student import stopped_before
from graders.engine.timeline import common_prefix, received_versus, repeats_from_start, sent_again, skips_ahead
from graders.text import messages as text

LESSON = "recv_loop"
SOCKETS_GIVEN = True  # the functions get their socket: a socket they make and drop is judged after every check (plugin)

# A framed message: a 4-byte length prefix, text with multi-byte UTF-8, a zero byte, non-UTF-8 bytes.
BODY = "héllo，世界！\U0001f50c".encode() + b"\x00\xff\xfe\x80 end"
MESSAGE = len(BODY).to_bytes(4, "big") + BODY
# Split inside the length prefix (after 2 bytes) and inside the 3-byte character 世 (after its first byte).
PIECES = [2, MESSAGE.index("世".encode()) + 1 - 2, len(MESSAGE) - MESSAGE.index("世".encode()) - 1]
NEXT = b"\x00\x00\x00\x05NEXT!"  # the next message, which recv_exactly must leave in the socket
# A function called twice in its process (`expect_same_on_a_second_call`): what its first call gets, then its second.
FIRST = b"first call \x00\xff \xe4\xb8\x80 " * 3
SECOND = b"SECOND CALL \x01\xfe \xe4\xba\x8c\n"

BIG = 16 << 20  # bytes moved through each function by the speed checks
SPEED_FACTOR = 5  # the budget: this many times the reference solution's time
SPEED_FLOOR = 0.02  # reference times below this count as this: a few ms of scheduling noise must not fail anyone
SPEED_RCVBUF = 16 << 10  # the student's receive buffer in the receive speed checks (many small pieces)
PARTIAL_SNDBUF = 16 << 10  # the student's send buffer in the partial-send check: never room for 64 KiB at once
STALL_AFTER = 256 << 10  # the partial-send check's peer stops reading after this many bytes...
STALL_SNDTIMEO = 0.02  # ...for longer than this kernel send timeout (SO_SNDTIMEO) on the student's socket
PARTIAL_SIZE = 1 << 20  # far more than any send buffer the student can set holds
SEND_TIMEOUT = 5.0  # the timeout set on send_all's socket, so that send() may be partial
# The stalled conversation of the partial-send check: a peer that never reads, a send_all() socket whose timeout
# is this short (out-waited by the peer's stall, `deadlock.hold_past_timers`: its TimeoutError comes by
# construction), and buffers (the student's send buffer, the peer's receive buffer) far smaller than the data.
STALLED_TIMEOUT = 0.1
STALLED_REPLAY_TIMEOUT = 1.0  # ...and, for a send_all() seen blocking for good, a second look's (`_expect_timeout_raised`)
KEPT_LOOK = 3.0  # the longest the grader watches a send_all() still running after its stall (`_kept_trying`)
SPEED_CPU_CAP = 1.0  # CPU seconds after which a speed check stops the call as slow (twice the budget if more)
STOP_LOOK = 0.05  # how long before a speed run's limit the kernel is asked whether all bytes were read


BLOCK = 65521  # the payloads' period: a prime, so no piece of a whole number of KiB lines up with it


@functools.cache
def payload(size: int, seed: int = 1) -> bytes:
    """Random-looking bytes (so a piece delivered twice or out of order always shows), made once per run.

    A random block of BLOCK bytes, repeated: a piece moved, doubled or lost shifts the rest by its length,
    which shows unless that length is a whole multiple of the prime BLOCK (the sha256 of the whole still
    compares every byte). Drawing every byte of 16 MiB costs 20-40 ms a run; repeating a block, a few.
    """
    block = hashlib.shake_128(seed.to_bytes(8, "big")).digest(min(size, BLOCK))
    return (block * (size // len(block) + 1))[:size] if size else b""


@functools.cache
def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Session:
    call: StudentCall
    peer: Peer
    timeline: Timeline
    # What the function did to the socket it was given, seen while its process still ran (`look_at_given`):
    # "closed", "shut down", "read shut", "kept open" (its caller's close() then left the connection open), or
    # None (left as it was).
    fate: str | None = None
    # The options of that socket the function left changed (`given_options_left`), seen at the same time: the
    # phrases that say each (empty: none, or not seen).
    options_left: tuple[str, ...] = ()

    @property
    def seconds(self) -> float:
        """What the call cost, measured by the grader, never by the student's process.

        On Linux, the CPU time the kernel accounted to the student's process
        from the peer's connection to the report's arrival: a busy machine
        stretches wall time, not this. Elsewhere, the wall time in between.
        """
        call = self.call
        if call.cpu_accepted is not None and call.cpu_finished is not None:
            return call.cpu_finished - call.cpu_accepted
        return self.wall

    @property
    def own_seconds(self) -> float:
        """The part of `seconds` spent in the called process itself, not in a child it forked (Linux)."""
        call = self.call
        if call.own_cpu_accepted is not None and call.own_cpu_finished is not None:
            return call.own_cpu_finished - call.own_cpu_accepted
        return self.seconds

    @property
    def wall(self) -> float:
        """The call's wall time as the reference peer saw it: from its connection to the report's arrival."""
        return self.call.finished_at - self.call.accepted_at


def start(run: Run, function: str, *args, limit: float | None = None, **options) -> Session:
    """Start one of the student's functions on a socket connected to the reference peer."""
    timeline = Timeline(text.PEER_REFERENCE)
    listener = run.listen(rcvbuf=options.pop("peer_rcvbuf", None))
    host, port = listener.getsockname()
    sock = {"connect": [host, port], "rcvbuf": options.pop("rcvbuf", None), "sndbuf": options.pop("sndbuf", None),
            "sndtimeo": options.pop("sndtimeo", None), "timeout": options.pop("timeout", None),
            "half_sends": options.pop("half_sends", False),
            "close": options.pop("close", False)}
    extra = {"limit": limit} if limit else {}
    first = options.pop("first", None)
    before = run.listen() if first is not None else None
    if before is not None:
        host_before, port_before = before.getsockname()
        extra["prelude"] = [{"connect": [host_before, port_before], "args": [*first[0]], "timeout": sock["timeout"]}]
    call = run.call(LESSON, function, *args, sock=sock, **extra, **options)
    if before is not None:
        with before:
            call.first_peer = _serve_first(before, call, first[1])
        timeline.note(text.TL_CALLED_AGAIN.format(name=f"{function}()"))
    with listener:
        peer = Peer.accept(listener, call, timeline, quiet=True)
    call.given = (peer.remote, peer.local)
    # The student's socket as the kernel shows it now (its inode): still the given one once a shutdown() has
    # taken its connection's row away. Already gone, or an orphan (inode 0): the function closed it at once.
    row = kernel.connection(peer.remote, peer.local) if kernel.AVAILABLE else None
    call.given_inode = row.inode if row is not None else 0
    # Nobody closes the socket before the check has looked at it: what the student's kernel still holds
    # unacknowledged once the function returned is on its way to the peer, which waits for it (send_all).
    peer.open_after_return = not sock["close"]
    return Session(call, peer, timeline)


def _serve_first(listener, call: StudentCall, data: bytes) -> Peer:
    """The first call of a function called twice in its process (`start`'s `first`): the reference peer sends
    `data` and its FIN. Its close is not awaited (a copy the code leaks holds it open): the caller closes this
    peer once the second call is over."""
    peer = Peer.accept(listener, call, Timeline(text.PEER_REFERENCE), quiet=True)
    peer.send(data)
    peer.shutdown_write()
    return peer


def expect_same_on_a_second_call(run: Run, function: str, args) -> None:
    """`function` called a second time in its process gives its own result: its first call gets FIRST and the
    peer's FIN (`start`'s `first`), its second SECOND and the FIN (what a function keeps between calls, a mutable
    default argument or a module-level buffer, carries the first's bytes over). Run once per function."""
    __tracebackhide__ = True

    def talk() -> tuple[StudentCall, Timeline]:
        s = start(run, function, *args(SECOND), first=((*args(FIRST),), FIRST), close=True)
        with s.peer.sock, s.call.first_peer.sock:
            s.peer.send(SECOND)
            s.peer.shutdown_write()
            s.call.wait()
        return s.call, s.timeline

    call, timeline = run.once((LESSON, function, "again"), talk)
    expect_same_again(call, returned_bytes(call, timeline), SECOND, FIRST, text.DATA_WORD, timeline)


# --------------------------------------------------------------------------- recv_exactly


def test_recv_exactly_collects_every_piece(run: Run) -> None:
    """recv_exactly() collects a message sent in pieces.

    Then a message with a signal in the middle (`_expect_signal_is_not_eof`, Linux): every byte comes before the
    FIN, so EOFError (its report's status) is never due; and a second call in the same process."""
    s = start(run, "recv_exactly", len(MESSAGE))
    with s.peer.sock:
        s.peer.send(MESSAGE, pieces=PIECES)
        s.peer.shutdown_write()
        _expect_no_eof_after_all_taken(s, len(MESSAGE), len(MESSAGE))
        got = returned_bytes(s.call, s.timeline)
        look_at_given(s)
    if got == MESSAGE[: PIECES[0]]:
        fail(text.ONE_RECV.format(name="recv_exactly()", pieces=_sizes(PIECES), total=len(MESSAGE),
                                  got=len(got)), s.timeline)
    expect_equal(s.call, got, MESSAGE, _wrong_bytes_hint(got, text.RECV_EXACTLY_HINT), s.timeline)
    expect_socket_kept(s, "recv_exactly()")
    _expect_signal_is_not_eof(run)
    expect_same_on_a_second_call(run, "recv_exactly", lambda data: (len(data),))


def _expect_signal_is_not_eof(run: Run) -> None:
    """recv_exactly(sock, n) with a signal in the middle of its message: the peer sends SIGNALLED_HEAD of its n
    bytes; once the kernel shows them all read and every thread of the call asleep, the grader signals its threads
    and waits until the kernel shows the signal delivered (`_signal_when_asleep`); only then the peer sends the
    other SIGNALLED_REST bytes and its FIN. Every one of the n bytes is sent before the FIN: EOFError is never due.
    A recv(n, MSG_WAITALL) returns what it had, short, by construction: taken for the peer's close, the function
    raises EOFError (its report's status). Without the kernel's view, no signal (the data and FIN alone)."""
    __tracebackhide__ = True
    data = payload(SIGNALLED_HEAD + SIGNALLED_REST, seed=8)
    head, rest = data[:SIGNALLED_HEAD], data[SIGNALLED_HEAD:]
    s = start(run, "recv_exactly", len(data))
    with s.peer.sock:
        s.peer.send(head)
        signalled = _signal_when_asleep(s)
        if signalled:
            s.timeline.note(text.TL_RECV_INTERRUPTED)
        s.peer.send(rest)  # (to a function that raised already, too: the harness keeps its socket open)
        s.peer.shutdown_write()
        s.call.wait()
        if s.call.status == "raised" and s.call.result.error.is_a("EOFError"):
            error = s.call.result.error
            fail(text.EXACTLY_SIGNAL_NOT_EOF.format(n=len(data), got=len(head),
                                                    rest=text.counted(text.BYTES, len(rest)),
                                                    message=error.message), s.timeline)
        got = returned_bytes(s.call, s.timeline)
        look_at_given(s)
    expect_equal(s.call, got, data, _wrong_bytes_hint(got, text.RECV_EXACTLY_HINT), s.timeline)
    expect_socket_kept(s, "recv_exactly()")


def test_recv_exactly_leaves_the_next_message_unread(run: Run) -> None:
    """recv_exactly() never reads past the nth byte.

    The message's first piece alone, then the rest of it with the next message behind it, in one segment: a
    recv() that asks for more than the bytes still missing (recv(n) in every round, not n - received) takes the
    start of the next message, by construction (a trial's recv(n) passed when it all came at once). Then the same
    with n over 64 KiB (`_expect_big_n_not_read_past`): a cap chosen from n, not from the bytes still missing, asks
    for 65536 in its last recv() (a trial's passed with the small n alone). What it returned is its report; what it
    left unread, the kernel's count."""
    s = start(run, "recv_exactly", len(MESSAGE))
    with s.peer.sock:
        s.peer.send(MESSAGE + NEXT, pieces=[PIECES[0], len(MESSAGE) + len(NEXT) - PIECES[0]])
        s.peer.shutdown_write()
        _expect_no_eof_after_all_taken(s, len(MESSAGE), len(MESSAGE) + len(NEXT))
        got = returned_bytes(s.call, s.timeline)
        if got != MESSAGE and got.startswith(MESSAGE):
            fail(text.RETURNED_PAST_N.format(n=len(MESSAGE), got=len(got)), s.timeline)
        expect_equal(s.call, got, MESSAGE, _wrong_bytes_hint(got, text.RECV_EXACTLY_HINT), s.timeline)
        expect_next_unread(s, len(MESSAGE))
        look_at_given(s)
    expect_socket_kept(s, "recv_exactly()")
    _expect_big_n_not_read_past(run)


# A second conversation of the not-past-n check: n over the 64 KiB a recv() commonly asks for, its message in three
# pieces, the last one (1 byte) with the next message behind it, in one small segment: a 64 KiB cap chosen from n
# (65536 whenever n > 65536) instead of from the bytes still missing asks for 65536 there, and takes the next
# message's start (a trial's passed with the small n alone).
BIG_N = 100000
BIG_N_PIECES = [60000, BIG_N - 60000 - 1, 1 + len(NEXT)]


def _expect_big_n_not_read_past(run: Run) -> None:
    """recv_exactly(sock, BIG_N): BIG_N_PIECES, each sent once the kernel shows the one before it read (so the
    last, its 1 byte and NEXT, is whole in the receive queue before the call's last read), then the peer's FIN.
    Judged by what it returned (its report) and the kernel's count of what it left unread (`expect_next_unread`)."""
    __tracebackhide__ = True
    message = payload(BIG_N, seed=9)
    s = start(run, "recv_exactly", BIG_N)
    with s.peer.sock:
        s.peer.send(message + NEXT, pieces=BIG_N_PIECES)
        s.peer.shutdown_write()
        _expect_no_eof_after_all_taken(s, BIG_N, BIG_N + len(NEXT))
        got = returned_bytes(s.call, s.timeline)
        if got != message and got.startswith(message):
            fail(text.RETURNED_PAST_N.format(n=BIG_N, got=len(got)), s.timeline)
        expect_equal(s.call, got, message, text.RECV_EXACTLY_HINT, s.timeline)
        expect_next_unread(s, BIG_N)


def test_recv_exactly_raises_eoferror_when_the_peer_closes_early(run: Run) -> None:
    """recv_exactly() raises EOFError when the peer closes early.

    After some of the bytes, and (a second conversation, once the first raised) before any: a trial's returned
    b"" then, raising only mid-message."""
    short = MESSAGE[:-5]
    s = start(run, "recv_exactly", len(MESSAGE))
    with s.peer.sock:
        s.peer.expecting = text.EXPECTED_EOFERROR
        s.peer.send(short, pieces=[PIECES[0], len(short) - PIECES[0]])
        s.peer.shutdown_write()
        s.call.wait()
        if s.call.status == "raised" and s.call.result.error.is_a("EOFError"):
            look_at_given(s)
    s.timeline.note(text.SENT_THEN_FIN.format(sent=len(short), n=len(MESSAGE)))
    result = s.call.result
    if s.call.status == "raised" and result.error.is_a("EOFError"):
        expect_socket_kept(s, "recv_exactly()", "raised")
        _expect_eoferror_at_once(run)
        return
    if s.call.status == "returned":
        value = result.value
        if value.data == short[: PIECES[0]]:  # the first piece: it returned after one recv(), never saw the EOF
            fail(text.ONE_RECV.format(name="recv_exactly()", pieces=_sizes([PIECES[0], len(short) - PIECES[0]]),
                                      total=len(short), got=PIECES[0]), s.timeline)
        shown = show(value.data) if value.data is not None else (value.repr or "")
        fail(text.NO_EOFERROR_RETURNED.format(got=shown), s.timeline)
    if s.call.status == "raised" and not result.error.is_a_bug():  # a typo is its traceback, not "wrong type"
        error = result.error
        fail(text.WRONG_EXCEPTION.format(type=error.type, message=error.message), s.timeline)
    raise s.call.failure(s.timeline, text.EXPECTED_EOFERROR)


def _expect_no_eof_after_all_taken(s: Session, n: int, sent: int) -> None:
    """recv_exactly(sock, n) raised EOFError, though the peer sent `sent` bytes (n at least) before its FIN: if
    the kernel shows that the code took every one of them and the FIN (nothing unread in its socket), the peer
    did not close early: the code's count of what it received fell behind what recv() returned (a trial's
    `got += len(chunks)`), and its loop went on until it met the FIN. The verdict: its report's status and the
    kernel's receive queue; only the count is the process's own, and the message names it as the likely cause."""
    __tracebackhide__ = True
    s.call.wait()
    if not (s.call.status == "raised" and s.call.result.error.is_a("EOFError")):
        return
    if s.peer.unread_by_student() == 0:
        fail(text.EOF_AFTER_ALL_TAKEN.format(n=n, sent=sent), s.timeline)


def _expect_eoferror_at_once(run: Run) -> None:
    """A second conversation: the peer closes (FIN) before sending a byte; recv_exactly() must raise EOFError
    there too (its first recv() returns b"" at once)."""
    s = start(run, "recv_exactly", len(MESSAGE))
    with s.peer.sock:
        s.peer.expecting = text.EXPECTED_EOFERROR
        s.peer.shutdown_write()
        s.call.wait()
    s.timeline.note(text.SENT_THEN_FIN.format(sent=0, n=len(MESSAGE)))
    if s.call.status == "raised" and s.call.result.error.is_a("EOFError"):
        expect_socket_kept(s, "recv_exactly()", "raised")
        return
    if s.call.status == "returned":
        value = s.call.result.value
        shown = show(value.data) if value.data is not None else (value.repr or "")
        fail(text.NO_EOFERROR_AT_ONCE.format(n=len(MESSAGE), got=shown), s.timeline)
    if s.call.status == "raised" and not s.call.result.error.is_a_bug():
        error = s.call.result.error
        fail(text.WRONG_EXCEPTION.format(type=error.type, message=error.message), s.timeline)
    raise s.call.failure(s.timeline, text.EXPECTED_EOFERROR)


def test_recv_exactly_zero_returns_empty_bytes(run: Run) -> None:
    """recv_exactly(sock, 0) returns b"" at once."""
    s = start(run, "recv_exactly", 0)
    with s.peer.sock:
        s.peer.send(NEXT)
        s.peer.shutdown_write()
        s.call.wait()
        value = s.call.result.value if s.call.status == "returned" and s.call.result is not None else None
        if value is not None and value.data == b"" and value.type != "bytes":  # empty, of another type: the
            fail_return_type("recv_exactly", value, s.timeline)  # type's message alone, without the zero's hint
        if value is not None and value.type == "str" and value.data == "":  # "" for b"": no recv() to blame (a trial's)
            fail(text.RETURN_TYPE.format(name="recv_exactly()", type="str", value="''", hint=text.ZERO_STR_HINT),
                 s.timeline)
        with hint(text.ZERO_HINT):
            got = returned_bytes(s.call, s.timeline)
            expect_equal(s.call, got, b"", text.ZERO_HINT, s.timeline)
            expect_next_unread(s, 0)
            look_at_given(s)
    expect_socket_kept(s, "recv_exactly()")


def look_at_given(s: Session) -> None:
    """What the function did to the socket it was given (`Session.fate`, `checks.given_socket_fate`), asked
    while its process still runs, after its report and before anyone else closed that socket (the harness closes
    it, in the checks that ask for that, only where the kernel cannot be asked). Left as it was, that socket is
    then closed by its caller, as a caller does (`checks.kept_after_caller_close`): the kernel must show it gone
    from the process, or something the code kept past its return (a makefile() file, a dup()) holds it."""
    s.fate = given_socket_fate(s.call, s.peer)
    if s.fate is None:
        s.options_left = given_options_left(s.call)
    if s.fate is None and kept_after_caller_close(s.call):  # then closed by its caller: does it close?
        s.fate = "kept open"


# The options of the given socket judged after each call, and their values as the caller gave it (the kernel's
# defaults: the harness sets none of them). Each changes what the caller's own use of the socket does: TCP_CORK
# holds its next small sends back (up to 200 ms), SO_RCVLOWAT makes its next recv() wait for that many bytes,
# SO_LINGER makes its close() wait, or reset the connection (0 s). Not judged: the timeout and blocking mode (the
# student's to change, the lesson says), TCP_NODELAY (it changes when segments leave, nothing a peer may rely
# on), the buffer sizes (how much fits, not what arrives), SO_SNDLOWAT (Linux never lets it change).
GIVEN_OPTIONS = {"TCP_CORK": (socket.IPPROTO_TCP, getattr(socket, "TCP_CORK", 3), 4),
                 "SO_RCVLOWAT": (socket.SOL_SOCKET, socket.SO_RCVLOWAT, 4),
                 "SO_LINGER": (socket.SOL_SOCKET, socket.SO_LINGER, 8)}


def given_options_left(call: StudentCall) -> tuple[str, ...]:
    """The options of the socket the function was given (GIVEN_OPTIONS) that it left changed, each said for the
    student. The kernel's word: read on the grader's own copy of the student's descriptor (`deadlock.socket_options`)
    once the function has returned, while its process still holds the socket: nothing of the code's runs in the
    grader. Not judged (empty) without that view (not Linux, or the copy not allowed)."""
    inode = getattr(call, "given_inode", 0)
    read = deadlock.socket_options(call.pid, inode, GIVEN_OPTIONS) if inode else None
    if read is None:
        return ()
    left = []
    if int.from_bytes(read["TCP_CORK"], "little"):
        left.append(text.OPTION_CORK_LEFT.format())
    lowat = int.from_bytes(read["SO_RCVLOWAT"], "little", signed=True)
    if lowat != 1:
        left.append(text.OPTION_RCVLOWAT_LEFT.format(value=lowat, count=text.counted(text.BYTES, lowat)))
    onoff, seconds = struct.unpack("ii", read["SO_LINGER"])
    if onoff:
        left.append(text.OPTION_LINGER_ZERO_LEFT.format() if seconds == 0
                    else text.OPTION_LINGER_LEFT.format(seconds=seconds))
    return tuple(left)


def expect_socket_kept(s: Session, name: str, path: str = "returned") -> None:
    """The function left the socket it was given as it was: neither closed nor shut down, nor an option left
    changed that changes what the caller's own use of it does (GIVEN_OPTIONS: TCP_CORK, SO_RCVLOWAT, SO_LINGER).
    It is the caller's, who may still read from it or send on it (the lesson's contract). Judged from
    `look_at_given`, and told with how the function ended (`path`): "returned" bytes, "raised" EOFError, "sent"
    every byte, or "timeout": raised TimeoutError (send_all, its options alone looked at)."""
    __tracebackhide__ = True
    if s.fate == "closed":
        template = (text.SEND_CLOSED_GIVEN if path == "sent" else text.EOF_CLOSED_GIVEN if path == "raised"
                    else text.RECV_CLOSED_GIVEN)
        fail(template.format(name=name), s.timeline)
    if s.fate == "shut down":
        template = (text.SEND_SHUT_GIVEN if path == "sent" else text.EOF_SHUT_GIVEN if path == "raised"
                    else text.RECV_SHUT_GIVEN)
        fail(template.format(name=name), s.timeline)
    if s.fate == "kept open":  # the caller's close() left the connection open: something of the code holds it
        expect_no_dropped_sockets(s.call, s.timeline)  # a copy it dropped (dup()): told with the line that made it
        fail(text.GIVEN_KEPT_AFTER_CLOSE.format(name=name), s.timeline)
    if s.fate == "read shut" and path == "sent":  # no packet: only the kernel's sk_shutdown shows it, before the peer's FIN (send_all)
        fail(text.SEND_READ_SHUT_GIVEN.format(name=name), s.timeline)
    if s.options_left:  # open and whole, but not as it was found: an option that changes what its caller's use does
        options = functools.reduce(lambda said, more: said + text.LIST_SEPARATOR + more, s.options_left)
        ended = (text.GIVEN_ENDED_RAISED.format(type="EOFError") if path == "raised"
                 else text.GIVEN_ENDED_RAISED.format(type="TimeoutError") if path == "timeout"
                 else text.GIVEN_ENDED_RETURNED)
        fail(text.GIVEN_OPTIONS_LEFT.format(name=name, ended=ended, options=options),
             s.timeline)  # (each one's name kept)


def _wrong_bytes_hint(got: bytes, hint: str) -> str:
    """The hint for bytes returned that are not the message: `hint` (the loop's), unless what came back was
    decoded as text and encoded again (a replacement character the message lacks, or the very bytes such a
    round trip of each piece, or of the whole, gives): then the hint is about decoding, not the loop."""
    if b"\xef\xbf\xbd" in got and b"\xef\xbf\xbd" not in MESSAGE:
        return text.DECODED_PIECES_HINT
    last = MESSAGE[-PIECES[-1]:]
    if len(got) == len(MESSAGE) and got.startswith(last) and not MESSAGE.startswith(last):
        # The last piece at the buffer's start: each recv_into() wrote from the start (no offset given)
        return text.RECV_INTO_NO_OFFSET_HINT
    shared = bytearray()  # every piece received at the start of one buffer, in turn
    for size, piece_end in zip(PIECES, itertools.accumulate(PIECES), strict=True):
        shared[:size] = MESSAGE[piece_end - size : piece_end]
    if got == b"".join(bytes(shared[:size]) for size in PIECES):
        # The right length, each chunk the start of the buffer as the last recv_into() left it: views of one buffer
        return text.CHUNKS_SHARE_A_BUFFER_HINT
    if len(got) == len(MESSAGE) and got.count(0) > MESSAGE.count(0):
        # Zeros where the message's bytes were: received into a copy (a bytearray's slice), the buffer left as made
        return text.RECV_INTO_COPY_HINT
    pieces, at = [], 0
    for size in PIECES:
        pieces.append(MESSAGE[at : at + size])
        at += size
    for split in (pieces, [MESSAGE]):
        for errors in ("replace", "ignore", "backslashreplace", "surrogateescape"):
            for encoding in ("utf-8", "latin-1"):
                try:
                    round_trip = b"".join(p.decode(encoding, errors).encode("utf-8", "surrogateescape") for p in split)
                except UnicodeError:
                    continue
                if got == round_trip:
                    return text.DECODED_PIECES_HINT
    return hint


def expect_next_unread(s: Session, n: int) -> None:
    """The next message is still in the student's socket: the kernel counts len(NEXT) unread bytes.

    Only the kernel's count says what was left unread: without its view (not Linux), not judged. Its hint
    follows the process's word: a makefile() of the socket it was given (a buffered file that reads ahead,
    and never a recv() of the student's own) gets a word about buffered readers; that word names no verdict.
    """
    __tracebackhide__ = True
    if not kernel.AVAILABLE:
        not_judged(s.timeline, text.NOT_JUDGED_UNREAD)
    unread = s.peer.unread_by_student()
    if unread is not None and unread != len(NEXT):
        hint = text.READ_AHEAD_HINT if s.call.result.makefile_calls else text.READ_PAST_N_HINT
        fail(text.READ_PAST_N.format(n=n, sent=n + len(NEXT), left=unread, want=len(NEXT), hint=hint), s.timeline)


# --------------------------------------------------------------------------- recv_until_closed


def test_recv_until_closed_collects_everything_until_fin(run: Run) -> None:
    """recv_until_closed() returns everything up to the peer's FIN.

    Before its FIN the peer goes quiet (`deadlock.returned_in_silence`), so that a
    loop that takes silence for the end (a timeout it breaks on) returns
    while the connection is still open, by construction.

    Two more conversations, once that one passed: the peer sends nothing
    and closes (`_expect_empty_at_fin`: b"", never None); and a signal
    (`_expect_signal_is_not_the_end`): the peer sends part, and once the
    kernel shows every thread of the code asleep with all of it read, the
    grader sends its threads a signal (handled, and ignored, by the harness
    in the student's process), waits until the kernel shows it delivered,
    then sends the rest and closes. A recv() that had bytes (MSG_WAITALL)
    returns them short then, by construction; every other wait is restarted
    (PEP 475). What the function returns is its process's word, compared in
    the grader.
    """
    s = start(run, "recv_until_closed")
    with s.peer.sock:
        s.peer.send(MESSAGE, pieces=PIECES)
        early = deadlock.returned_in_silence(s.call)
        if early:
            s.timeline.note(text.TL_RETURNED_BEFORE_FIN)
        else:
            s.peer.shutdown_write()
        got = returned_bytes(s.call, s.timeline, text.EXPECTED_RETURN_AT_FIN)
        if early and got == MESSAGE:  # all of it, and then it took the silence for the end
            fail(text.SILENCE_IS_NOT_EOF.format(name="recv_until_closed()", sent=len(MESSAGE)), s.timeline)
        paused = s.peer.gave_up_after
        if paused is not None and got == MESSAGE[:paused]:  # the same, in the peer's pause before its last piece
            fail(text.SILENCE_IS_NOT_EOF.format(name="recv_until_closed()", sent=paused), s.timeline)
        look_at_given(s)
    if got == MESSAGE[: PIECES[0]]:
        fail(text.ONE_RECV.format(name="recv_until_closed()", pieces=_sizes(PIECES), total=len(MESSAGE),
                                  got=len(got)), s.timeline)
    expect_equal(s.call, got, MESSAGE, _wrong_bytes_hint(got, text.RECV_UNTIL_CLOSED_HINT), s.timeline)
    expect_socket_kept(s, "recv_until_closed()")
    _expect_empty_at_fin(run)
    _expect_signal_is_not_the_end(run)
    expect_same_on_a_second_call(run, "recv_until_closed", lambda data: ())


def _expect_empty_at_fin(run: Run) -> None:
    """The peer sends nothing and closes (FIN): recv_until_closed() returns b"" (everything the peer sent), bytes
    like any other result, never None."""
    s = start(run, "recv_until_closed")
    with s.peer.sock:
        s.peer.shutdown_write()
        s.timeline.note(text.TL_FIN_ONLY)
        value = s.call.returned(s.timeline, text.EXPECTED_RETURN_AT_FIN).value
        if value.type == "NoneType":  # its own message: RETURNED_NONE's hint (a missing return) is not the cause
            fail(text.UNTIL_CLOSED_NONE_AT_FIN.format(name="recv_until_closed()"), s.timeline)
        with hint(text.UNTIL_CLOSED_EMPTY_HINT):
            got = returned_bytes(s.call, s.timeline, text.EXPECTED_RETURN_AT_FIN)
            expect_equal(s.call, got, b"", text.UNTIL_CLOSED_EMPTY_HINT, s.timeline)
        look_at_given(s)
    expect_socket_kept(s, "recv_until_closed()")


SIGNALLED_HEAD = 3000  # the bytes the peer sends before the signal (`_expect_signal_is_not_the_end`)...
SIGNALLED_REST = 5000  # ...and after it, then its FIN
SIGNAL_LOOK = 1.0  # the longest the grader waits for its signal to be delivered (a thread that blocks it: never)


def _expect_signal_is_not_the_end(run: Run) -> None:
    """recv_until_closed() with a signal in the middle: the peer sends SIGNALLED_HEAD bytes; once the kernel shows
    them all read and every thread of the call asleep (twice alike), the grader signals its threads
    (`deadlock.interrupt_waits`) and waits until the kernel shows the signal delivered (the system call it
    interrupted has returned); only then the peer sends SIGNALLED_REST bytes and its FIN. A recv(n, MSG_WAITALL)
    waiting for the rest of its n returns what it had, short, by construction: taken for the end, the function
    returns the head alone. Without the kernel's view, no signal (the data and FIN alone)."""
    data = payload(SIGNALLED_HEAD + SIGNALLED_REST, seed=6)
    head, rest = data[:SIGNALLED_HEAD], data[SIGNALLED_HEAD:]
    s = start(run, "recv_until_closed")
    with s.peer.sock:
        s.peer.send(head)
        signalled = _signal_when_asleep(s)
        if signalled:
            s.timeline.note(text.TL_RECV_INTERRUPTED)
        s.peer.send(rest)  # (to a function that returned already, too: the harness keeps its socket open)
        s.peer.shutdown_write()
        got = returned_bytes(s.call, s.timeline, text.EXPECTED_RETURN_AT_FIN)
        look_at_given(s)
    if signalled and got == head:
        fail(text.SIGNAL_IS_NOT_EOF.format(name="recv_until_closed()", got=text.counted(text.BYTES, len(head)),
                                           rest=text.counted(text.BYTES, len(rest))), s.timeline)
    expect_equal(s.call, got, data, _wrong_bytes_hint(got, text.RECV_UNTIL_CLOSED_HINT), s.timeline)
    expect_socket_kept(s, "recv_until_closed()")


def _signal_when_asleep(s: Session) -> bool:
    """Once every byte sent is read and every thread of the call sleeps (twice alike), or the call has used SPIN_CPU
    of CPU time meanwhile (it polls and never sleeps: no wait of it to interrupt, and the signal changes nothing),
    signal its threads and wait until the kernel shows the signal delivered to each (SIGNAL_LOOK at most: a thread
    may block it). True if a signal went."""
    if not deadlock.AVAILABLE:
        return False
    call, last = s.call, None
    spent = kernel.cpu_time(call.pid) or 0.0
    while not call.finished and time.monotonic() < call.deadline:
        seen = deadlock.asleep_anywhere(call.pid) if s.peer.delivered_and_read() else None
        if seen is not None and seen == last or (kernel.cpu_time(call.pid) or 0.0) - spent > SPIN_CPU:
            break
        last = seen
        select.select([call], [], [], deadlock.LOOK_EVERY)
        call.pump()
    else:
        return False
    threads = deadlock.interrupt_waits(call.pid)
    end = time.monotonic() + SIGNAL_LOOK
    while threads and deadlock.interrupt_pending(threads) and time.monotonic() < end:
        select.select([call], [], [], deadlock.LOOK_EVERY)
        call.pump()
    return bool(threads)


# --------------------------------------------------------------------------- send_all


def test_send_all_delivers_every_byte_when_send_is_partial(run: Run) -> None:
    """send_all() delivers every byte when send() takes only part.

    Each send() on the given socket takes half of what it is given (`fork_server.GradedSocket.half_sends`), as the
    kernel may: code that ignores send()'s return value loses bytes by construction, whatever its chunk size (a
    trial's 4 KiB slices passed when only a full send buffer made send() partial). The kernel's own partial send
    (a full buffer, past SO_SNDTIMEO) is staged too, for code that calls the socket's send another way.

    Meanwhile, in a second conversation started first, a peer that never reads (`_expect_timeout_raised`): once
    the socket's short timeout has run out with no room, send_all() must raise send()'s TimeoutError, never
    return as if every byte had been sent. Last, send_all(sock, b"") (`_expect_empty_data_sent`): it returns,
    sending nothing (the wire)."""
    data = payload(PARTIAL_SIZE, seed=2)
    stalled = _start_stalled(run)
    reset = _start_stalled(run, timeout=SEND_TIMEOUT)
    s = start(run, "send_all", data, sndbuf=PARTIAL_SNDBUF, sndtimeo=STALL_SNDTIMEO, timeout=SEND_TIMEOUT,
              close=not kernel.AVAILABLE, half_sends=True)
    with contextlib.ExitStack() as stack:
        for other in (stalled, reset):
            if other is not None:
                stack.enter_context(other.peer.sock)
        _send_partially(s, data)
        if stalled is not None and not _expect_timeout_raised(stalled):
            # Seen blocking for good, its socket's timer not seen firing: a busy machine may have hidden a timeout
            # that fired before the grader looked. Once more, alone, with a timeout the grader cannot miss.
            again = _start_stalled(run, timeout=STALLED_REPLAY_TIMEOUT)
            with again.peer.sock:
                _expect_timeout_raised(again)
        if reset is not None:
            _expect_reset_raised(reset)
    _expect_empty_data_sent(run)
    if kernel.AVAILABLE:
        _expect_small_data_sent_whole(run)
        _expect_timeout_per_wait(run)


def _expect_empty_data_sent(run: Run) -> None:
    """send_all(sock, b""): it returns, having sent nothing (the wire: the peer reads until the function returned
    and the student's kernel holds nothing unacknowledged), and leaves the socket as it was."""
    s = start(run, "send_all", b"", timeout=SEND_TIMEOUT, close=not kernel.AVAILABLE)
    s.timeline.note(text.TL_SEND_EMPTY)
    with s.peer.sock:
        with hint(text.SEND_EMPTY_HINT):
            got = _read_sent(s, b"", 0)
            s.call.returned(s.timeline)
        look_at_given(s)
    if got:
        _delivered_wrong(b"", got, s.timeline)
    expect_socket_kept(s, "send_all()", "sent")



# A small send_all() (under 64 KiB, which code may take to "surely fit") into buffers that cannot hold it at once:
# the student's send buffer and the peer's receive buffer both this small (SO_SNDBUF, SO_RCVBUF: the kernel holds
# at most about twice each, a few KiB), and the peer reads nothing until the code waits for room or has returned.
SMALL_BUFFER = 4 << 10
SMALL_SIZE = 48 << 10
# The paced conversation: a socket with this short timeout, a peer that reads PACED_PIECE bytes every PACED_EVERY
# seconds (a fraction of the timeout: room comes within each wait), so that PACED_SIZE bytes, far more than the
# small buffers hold, take several timeouts in all.
PACED_TIMEOUT = 0.5
PACED_EVERY = 0.1
PACED_PIECE = 4 << 10
PACED_SIZE = 64 << 10
PACED_LIMIT = 6.0  # the paced call's own limit: its transfer takes over a second by construction, whatever CALL_LIMIT


def _expect_small_data_sent_whole(run: Run) -> None:
    """send_all() of SMALL_SIZE bytes (under 64 KiB) into buffers that hold far fewer (SMALL_BUFFER each side):
    the first send() takes only what fits, by construction (the kernel's bounds on its queues), and the peer reads
    nothing until the code waits for room (asleep) or has returned, then reads every byte and compares. Code that
    sends "small" data with one send() and ignores its count (a trial's) returns with bytes never handed over."""
    __tracebackhide__ = True
    data = payload(SMALL_SIZE, seed=6)
    s = start(run, "send_all", data, sndbuf=SMALL_BUFFER, peer_rcvbuf=SMALL_BUFFER, timeout=SEND_TIMEOUT)
    with s.peer.sock:
        s.peer.complete_at, s.peer.complete_data = len(data), data
        s.peer.stall(0, told=False)
        s.timeline.note(text.TL_PEER_READ_LATE.format(size=len(data)))
        got = _read_sent(s, data, 0)
        s.call.returned(s.timeline)
    if got != data:
        same = common_prefix(got, data)
        if same == len(got):
            fail(text.SEND_SMALL_PARTIAL.format(total=len(data), got=len(got)), s.timeline)
        _delivered_wrong(data, got, s.timeline)


def _expect_timeout_per_wait(run: Run) -> None:
    """The socket's timeout bounds each wait for room, not the whole transfer. send_all() of PACED_SIZE bytes on a
    socket whose timeout is PACED_TIMEOUT, through small buffers, to a peer that reads PACED_PIECE bytes (never
    more) every PACED_EVERY seconds: room comes within each timeout, yet the transfer takes several of them (the
    peer's pace bounds it, by construction). Correct code returns; code that takes the timeout for a deadline of
    the whole call raises TimeoutError while the peer reads (a trial's). The peer's own clock tells whether it kept
    its pace (a busy machine may stop it): only a TimeoutError raised while every gap between its reads stayed
    well within the timeout is a verdict; otherwise the conversation is held once more."""
    __tracebackhide__ = True
    data = payload(PACED_SIZE, seed=7)
    for _attempt in range(2):
        s = start(run, "send_all", data, sndbuf=SMALL_BUFFER, peer_rcvbuf=SMALL_BUFFER, timeout=PACED_TIMEOUT,
                  limit=PACED_LIMIT)
        with s.peer.sock:
            s.peer.complete_at, s.peer.complete_data = len(data), data
            gap = _read_paced(s, len(data))
            call = s.call
            if call.finished and call.status == "raised" and call.result.error.is_a("TimeoutError"):
                if gap > PACED_TIMEOUT / 2:  # the peer itself was held up: room may truly have been late
                    call.kill()
                    continue
                s.timeline.note(text.TL_PEER_READ_PACED.format(size=PACED_PIECE, every=PACED_EVERY))
                fail(text.SEND_TIMEOUT_AS_DEADLINE.format(total=len(data), timeout=PACED_TIMEOUT,
                                                          got=text.counted(text.BYTES, len(s.peer.received)), size=PACED_PIECE,
                                                          every=PACED_EVERY), s.timeline)
            got = bytes(s.peer.received) + _read_sent(s, data, len(s.peer.received))
            s.call.returned(s.timeline)
        if got != data:
            _delivered_wrong(data, got, s.timeline)
        return


def _read_paced(s: Session, total: int) -> float:
    """Read PACED_PIECE bytes at a time (never more), one piece every PACED_EVERY seconds, until `total` bytes
    arrived or the call ended; the longest gap between two reads, on the peer's own clock."""
    sock, call = s.peer.sock, s.call
    last = time.monotonic()
    gap = 0.0
    while len(s.peer.received) < total and not call.finished:
        wanted = PACED_PIECE
        while wanted and not call.finished and time.monotonic() < call.deadline:
            try:
                chunk = sock.recv(wanted)
            except BlockingIOError:
                select.select([sock, call], [], [], POLL * 20)
                call.pump()
                continue
            if not chunk:
                return gap
            s.peer.received += chunk
            wanted -= len(chunk)
        now = time.monotonic()
        gap, last = max(gap, now - last), now
        until = now + PACED_EVERY
        while not call.finished and time.monotonic() < until:
            select.select([call], [], [], until - time.monotonic())
            call.pump()
    return gap


def _send_partially(s: Session, data: bytes) -> None:
    """The partial-send conversation: every byte once, in order, and the socket left as it was."""
    __tracebackhide__ = True
    with s.peer.sock:
        s.peer.complete_at, s.peer.complete_data = len(data), data
        got = s.peer.read(STALL_AFTER)
        # Stop reading while the student's send() waits on a full buffer: past the kernel's send
        # timeout, send() returns a partial count even on a socket the student made blocking.
        s.peer.stall(STALL_SNDTIMEO * 3)
        got += _read_sent(s, data, len(got))  # until send_all() returned and every byte it sent is here
        s.call.returned(s.timeline)
        look_at_given(s)
    if got != data:
        _delivered_wrong(data, got, s.timeline)
    expect_socket_kept(s, "send_all()", "sent")


def _start_stalled(run: Run, timeout: float = STALLED_TIMEOUT) -> Session | None:
    """send_all() of far more than the buffers hold, on a socket with this timeout, to a peer that will never read
    (Linux: only the kernel's view shows when its wait and its timer are over; elsewhere None)."""
    if not kernel.AVAILABLE:
        return None
    return start(run, "send_all", payload(PARTIAL_SIZE, seed=5), sndbuf=PARTIAL_SNDBUF, peer_rcvbuf=PARTIAL_SNDBUF,
                 timeout=timeout)


def _expect_reset_raised(s: Session) -> None:
    """The peer of `s` reads nothing; once the student's code waits on its full buffer (a socket whose timeout,
    SEND_TIMEOUT, is far off), the peer resets the connection (SO_LINGER 0): the send() waiting for room raises
    (ConnectionResetError or BrokenPipeError), by construction. send_all() must raise it too (any OSError): one
    that returned says every byte was sent when most never left (its report's status)."""
    __tracebackhide__ = True
    s.peer.stall(0, told=False)
    call = s.call
    if call.finished:  # it ended before the reset (the other conversations judge how)
        return
    s.peer.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.peer.sock.close()
    s.timeline.peer(text.TL_PEER_RESET_MID_SEND)
    call.wait()
    if call.status == "raised" and call.result.error.is_a("OSError"):
        return
    if call.status == "returned":
        fail(text.SEND_RETURNED_AFTER_RESET.format(total=len(payload(PARTIAL_SIZE, seed=5))), s.timeline)
    raise call.failure(s.timeline, text.EXPECTED_SEND_RESET_RAISED)


def _expect_timeout_raised(s: Session) -> bool:
    """The peer of `s` never reads: once the student's code waits on its full buffer and every timer of its own
    under deadlock.LONG_TIMEOUT has had its chance to fire (`Peer.stall`), a send() with the socket's timeout
    (STALLED_TIMEOUT) has raised TimeoutError, by construction. send_all() must then have raised it: one that
    returned says every byte was sent when most never left (the verdict: its report's status, and the count of
    bytes it handed to the kernel, the kernel's); one that raised another exception hides it from a caller that
    catches TimeoutError (its report's status and type). Still running, it is judged from the kernel
    (`_kept_trying`): asleep for good (a blocking socket, or a wait without a timeout), it made its choice of
    mode, which the lesson leaves to it; still trying (a timer of its own under LONG_TIMEOUT: the socket's
    timeout, or a sleep between tries; or spinning on the CPU), it caught the exception and went on, and would
    never end. Returns False where it was seen asleep for good without its timer seen firing: on a busy machine
    that timer may have fired (and the code made its socket blocking) before the grader looked, so the caller
    looks again with a longer timeout (a catalogue entry passed so under a loaded suite)."""
    __tracebackhide__ = True
    s.peer.stall(0, told=False)
    call = s.call
    total = len(payload(PARTIAL_SIZE, seed=5))
    # (A call that ends while it is looked at is judged by how it ended, below: a trial's that returned then passed.)
    how = _kept_trying(call, s.peer.stall_fired) if not call.finished else None
    if not call.finished:
        if how is None:  # waiting for good (a blocking socket): its own choice of mode
            call.kill()
            return s.peer.stall_fired  # (a timer that fired first, unseen: the caller looks again)
        call.take_stack()
        call.kill()
        s.timeline.note(text.TL_PEER_NEVER_READ_KEPT)
        fail(text.SEND_KEPT_TRYING.format(total=total, timeout=STALLED_TIMEOUT, how=how,
                                          where="\n".join(call.stuck_at) or "    ?"), s.timeline)
    if call.status == "raised" and call.result.error.is_a("TimeoutError"):
        # Raised as it must: its socket's options as it found them, on this path too (a TCP_CORK undone only after
        # a loop that ended: a trial's). Asked while its process still holds the socket (nobody closes it).
        s.options_left = given_options_left(call)
        expect_socket_kept(s, "send_all()", "timeout")
        return True
    if call.status == "returned":
        s.timeline.note(text.TL_PEER_NEVER_READ)
        sent = _handed_to_kernel(s)
        fail(text.SEND_RETURNED_UNSENT.format(total=total, timeout=STALLED_TIMEOUT,
                                              sent=text.counted(text.BYTES, sent)), s.timeline)
    if call.status == "raised":
        error = call.result.error
        s.timeline.note(text.TL_PEER_NEVER_READ_RAISED.format(type=error.type))
        fail(text.SEND_RAISED_NOT_TIMEOUT.format(total=total, timeout=STALLED_TIMEOUT, type=error.type,
                                                 where="\n".join(text.error_lines(error))), s.timeline)
    raise call.failure(s.timeline, text.EXPECTED_TIMEOUT_RAISED)


def _kept_trying(call: StudentCall, fired: bool = False) -> str | None:
    """How a send_all() still running after its stall goes on, from the kernel: text.KEPT_RETRYING if a thread
    sleeps on a timer of its own shorter than deadlock.LONG_TIMEOUT (a send() on the socket with its timeout
    waits in poll() with it; a sleep between tries), text.KEPT_SPINNING if it used SPIN_CPU of CPU time
    without sleeping for good (a non-blocking send() retried at once). Every thread asleep for good, twice seen:
    None if the code made its socket blocking (its descriptor without O_NONBLOCK: a blocking send() waits for
    the peer, as the lesson allows) unless a timer of its own fired in the stall (`fired`: the socket's timeout
    ran out, and the code went on, making the socket blocking: text.KEPT_BLOCKING), text.KEPT_WAITING if the
    socket still has its timeout (a select() or poll() without one, before each send(): the timeout never
    counts). None where the kernel cannot say. Looks until one of these is seen: a busy machine slows the spin, never the verdict
    (KEPT_LOOK bounds a call that neither sleeps nor gets the CPU)."""
    if not deadlock.AVAILABLE:
        return None
    start = kernel.cpu_time(call.pid)
    end = time.monotonic() + KEPT_LOOK
    for_good = 0
    while not call.finished and time.monotonic() < end:
        timers = deadlock.short_timers(call.pid)
        if timers:
            return text.KEPT_RETRYING
        for_good = for_good + 1 if timers == {} else 0
        if for_good >= 2:  # asleep for good: on a blocking socket, its own choice; on one with its timeout, not
            inode = getattr(call, "given_inode", 0)
            blocking = kernel.socket_blocking(call.pid, inode) if inode else None
            if blocking is False:
                return text.KEPT_WAITING
            return text.KEPT_BLOCKING if blocking and fired else None
        cpu = kernel.cpu_time(call.pid)
        if start is not None and cpu is not None and cpu - start > SPIN_CPU:
            return text.KEPT_SPINNING
        select.select([call], [], [], POLL)
        call.pump()
    return None


def _handed_to_kernel(s: Session) -> int:
    """How many bytes the student's code handed to its kernel on the connection of `s`: what the peer's kernel
    holds unread, and what the student's kernel still holds unsent or unacknowledged (their queues)."""
    table = kernel.rows()
    theirs = kernel.connection(s.peer.remote, s.peer.local, table)
    ours = kernel.connection(s.peer.local, s.peer.remote, table)
    return (theirs.tx_queue if theirs is not None else 0) + (ours.rx_queue if ours is not None else 0)


def _read_sent(s: Session, data: bytes, before: int) -> bytes:
    """What the peer receives of send_all(data) from here on, `before` bytes received already: until the
    function returned and every byte it sent has arrived (its kernel holds none unacknowledged; without the
    kernel's view, the harness's close and its FIN), or the verdict as soon as more than the data has arrived
    (a loop that sends from the start again after each partial send() may never end)."""
    got = s.peer.read(len(data) + 1 - before) if before <= len(data) else b""
    if before + len(got) > len(data):
        _delivered_wrong(data, bytes(s.peer.received), s.timeline)
    return got + s.peer.read()


def _delivered_wrong(data: bytes, got: bytes, timeline=None) -> None:
    """send_all() was given `data` and the peer received `got`: more bytes, fewer, or other bytes. The
    message says how many arrived, where the first difference is, and whether the data's start came again
    there (sent from the start again after a partial send)."""
    same = common_prefix(got, data)
    how = received_versus(data, got)
    hint = (text.SEND_AGAIN_HINT if repeats_from_start(data, got, same) or sent_again(data, got, same)
            else text.SEND_SKIPPED_HINT if skips_ahead(data, got, same) else text.SEND_CHANGED_HINT)
    if len(got) > len(data):
        fail(text.SEND_TOO_MUCH.format(total=len(data), got=text.counted(text.BYTES, len(got)),
                                       extra=len(got) - len(data), how=how, hint=hint), timeline)
    if same == len(got):
        fail(text.SEND_PARTIAL.format(total=len(data), got=len(got), same=same), timeline)
    fail(text.SEND_CHANGED.format(total=len(data), got=text.counted(text.BYTES, len(got)), how=how, hint=hint),
         timeline)


def test_send_all_uses_send_not_sendall(run: Run) -> None:
    """send_all() loops over send() itself, without sendall().

    Observed only inside the student's process: the socket it is given counts its sendall() calls.

    (The wire cannot tell sendall() from a correct loop of send() calls.) Its send buffer never has room for the
    data at once (PARTIAL_SNDBUF), so a first send() is partial by construction, and a sendall() of the rest after
    it (a trial's "send() once, then sendall() what is left") is called, and counted.
    """
    data = payload(64 << 10, seed=3)
    s = start(run, "send_all", data, sndbuf=PARTIAL_SNDBUF, sndtimeo=STALL_SNDTIMEO, timeout=SEND_TIMEOUT,
              close=not kernel.AVAILABLE)
    with s.peer.sock:
        s.peer.complete_at = len(data)
        s.peer.read()
        report = s.call.returned(s.timeline)
        look_at_given(s)
    if report.sendall_calls:
        fail(text.USED_SENDALL.format(times=text.counted(text.TIMES, report.sendall_calls)), s.timeline)
    expect_socket_kept(s, "send_all()", "sent")


# --------------------------------------------------------------------------- speed


def _run_big(run: Run, function: str, data: bytes, *, target=None, limit: float = 10.0,
             cpu_cap: float | None = None, seen: list | None = None) -> Session:
    """Move `data` through `function` once, with the speed checks' setup; return the finished session.

    Its time is measured by the grader, as the reference peer saw it (see
    `Session.seconds`): nothing the student's process does to its own
    clocks changes it.
    """
    if function == "send_all":
        s = start(run, function, data, timeout=SEND_TIMEOUT, target=target, limit=limit, close=not kernel.AVAILABLE,
                  remember_stop=False, cpu_cap=cpu_cap)
        if seen is not None:
            seen.append(s.call)
        with s.peer.sock:
            s.peer.complete_at, s.peer.complete_data = len(data), data
            got = _read_sent(s, data, 0)
            s.call.returned(s.timeline, leftovers=False)  # the speed is this check's: judged first
        if got != data:
            _delivered_wrong(data, got, s.timeline)
        return s
    args = (len(data),) if function == "recv_exactly" else ()
    s = start(run, function, *args, rcvbuf=SPEED_RCVBUF, target=target, limit=limit, remember_stop=False,
              cpu_cap=cpu_cap)
    if seen is not None:
        seen.append(s.call)
    with s.peer.sock:
        s.peer.send(data)
        s.peer.shutdown_write()
        s.call.wait(until=s.call.deadline - STOP_LOOK, hang=False)
        # Still running near its limit: had it taken in every byte (then it does not stop at FIN),
        # or is it still busy with the data (then it is slow)?
        read_all = not s.call.finished and s.peer.delivered_and_read()
        s.call.wait()
        # Every byte read and asleep at its limit: it never stopped at FIN (check_speed keeps this message).
        # Busy on the CPU instead, it is still working on bytes it read (a forked child's, a copy's): slow.
        if s.call.timed_out and read_all and not s.call.busy:
            raise s.call.failure().with_prefix(text.NO_RETURN_AT_FIN.format(
                size=len(data) >> 20, name=f"{function}()", limit=limit))
        value = s.call.returned(s.timeline, leftovers=False).value
    if value.type != "bytes":
        fail_return_type(function, value)
    if value.sha256 != digest(data):
        got = value.length if value.length is not None else len(value.data or b"")
        prefix = 0 < got < len(data) and (data.startswith(value.data) if value.data is not None
                                         else value.sha256 == digest(data[:got]))  # a big result: length, digest
        if prefix and function in text.BIG_SHORT_HINTS:  # the start of the data, every byte of it right
            fail(text.BIG_SHORT.format(name=f"{function}()", total=len(data), got=text.counted(text.BYTES, got),
                                       hint=text.BIG_SHORT_HINTS[function]))
        fail(text.BIG_WRONG.format(name=f"{function}()", total=len(data), got=text.counted(text.BYTES, got)))
    return s


def reference_time(run: Run, function: str, data: bytes, fresh: bool = False) -> tuple[float, float]:
    """The reference solution's (CPU, wall) time for the same job, measured once per run (again if `fresh`).

    A fresh measurement keeps the slowest of the two: the budget follows the
    machine when it gets busier, and never shrinks.
    """
    key = ("recv_loop", function)
    if fresh or key not in run.reference_times:
        try:
            done = _run_big(run, function, data, target=course.SOLUTIONS)
        except CheckFailed as failure:  # the reference failing is the grader's problem
            raise RuntimeError(f"the reference solution failed: {failure.message}") from None
        cpu, wall = run.reference_times.get(key, (0.0, 0.0))
        run.reference_times[key] = (max(cpu, done.seconds), max(wall, done.wall))
        done.call.kill()
    return run.reference_times[key]


def check_speed(run: Run, function: str) -> None:
    data = payload(BIG, seed=4)
    before = stopped_before(run, LESSON, function)
    if before is not None:  # it hung in an earlier check: said there, once
        raise before
    if (LESSON, function) in run.broken:  # a stub, or its module does not load: it fails at once
        _run_big(run, function, data, limit=CALL_LIMIT)
    floor = SPEED_FACTOR * SPEED_FLOOR  # no budget is ever smaller: within it, the reference need not run
    times = []
    reference = reference_wall = 0.0
    limit = 4 * floor + 2.0  # wall time: generous, since a busy machine stretches it; the verdict is CPU time
    cpu_cap = SPEED_CPU_CAP
    for attempt in range(2):  # a second try, beside a fresh reference, so that a busy moment fails no one
        seen: list = []
        try:
            done = _run_big(run, function, data, limit=limit, cpu_cap=cpu_cap, seen=seen)
        except CheckFailed as failure:
            capped = bool(seen) and seen[-1].cpu_capped
            if not capped and (failure.outcome not in ("timeout", "slow") or failure.template in (
                    "NO_RETURN_AT_FIN", "HUNG_BEFORE", "SLOW_BEFORE", "IMPORT_HUNG_BEFORE")):
                raise
            reference, reference_wall = reference_time(run, function, data, fresh=attempt > 0)
            budget = SPEED_FACTOR * max(reference, SPEED_FLOOR)
            wall_budget = SPEED_FACTOR * max(reference_wall, SPEED_FLOOR)
            if capped and attempt == 0 and budget * 2 > cpu_cap:  # a slow machine: the cap was too tight
                cpu_cap = budget * 2
                continue
            needed = 4 * max(budget, wall_budget) + 2.0
            if not capped and attempt == 0 and needed > limit:  # this machine needs a longer limit: try again
                limit = needed
                continue
            stopped_after = seen[-1].finished_at - seen[-1].started if capped else limit
            fail(text.TOO_SLOW_KILLED.format(name=f"{function}()", size=BIG >> 20, limit=stopped_after,
                                             reference=reference * 1000, budget=budget * 1000,
                                             hint=text.SPEED_HINT[function]), outcome=failure.outcome)
        times.append(done.seconds)
        done.call.kill()
        # Within budget in CPU time (what a busy machine cannot inflate), or in wall time (a reader that
        # polls a non-blocking socket spends CPU while it waits, yet is not slow): byte-at-a-time and
        # quadratic code are over both. Within the floor, no budget can be smaller: no reference needed.
        # The wall time excuses only a call that used one CPU at most, in the process that was called: work
        # split over threads, or done in processes it forked (a child reading 64 bytes at a time while the
        # parent waits), is judged on its CPU time alone. A busy machine stretches a child's wall time as it
        # does the reference's; it never moves CPU time from a child to the parent.
        one_cpu = times[-1] <= done.wall * 1.1 and done.own_seconds >= 0.9 * times[-1]
        if times[-1] <= floor or (one_cpu and done.wall <= floor):
            return
        reference, reference_wall = reference_time(run, function, data, fresh=attempt > 0)
        budget = SPEED_FACTOR * max(reference, SPEED_FLOOR)
        wall_budget = SPEED_FACTOR * max(reference_wall, SPEED_FLOOR)
        if times[-1] <= budget or (one_cpu and done.wall <= wall_budget):
            return
        limit = max(limit, 4 * max(budget, wall_budget) + 2.0)
    budget = SPEED_FACTOR * max(reference, SPEED_FLOOR)
    fail(text.TOO_SLOW.format(name=f"{function}()", size=BIG >> 20, times=text.TIMES_AND.join(text.MS_TIMES.format(ms=t * 1000) for t in times),
                              reference=reference * 1000, factor=SPEED_FACTOR, budget=budget * 1000,
                              hint=text.SPEED_HINT[function]))


def test_recv_exactly_is_fast_on_16_mib(run: Run) -> None:
    """recv_exactly() moves 16 MiB within 5x the reference time."""
    check_speed(run, "recv_exactly")


def test_recv_until_closed_is_fast_on_16_mib(run: Run) -> None:
    """recv_until_closed() moves 16 MiB within 5x the reference time."""
    check_speed(run, "recv_until_closed")


def test_send_all_is_fast_on_16_mib(run: Run) -> None:
    """send_all() moves 16 MiB within 5x the reference time."""
    check_speed(run, "send_all")


def _sizes(pieces: list[int]) -> str:
    return " + ".join(str(p) for p in pieces)
