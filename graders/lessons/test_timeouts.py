"""Lesson 6, timeouts: first_reply(servers, request, timeout) -> (index, reply).

The student's client runs thirteen times at once, each run against its own
list of reference servers (graders/engine/servers.py), then once more alone
(`slow_held`, below the table), so the lesson costs about
CARRY_TIMEOUT of wall time (`carried`, the longest; the stalling list below, when
it is played, as long):

    tried           the list                        the answer
    silent_twice    silent, silent, good            (2, good's reply)
    refused_silent  refusing, silent, good          (2, good's reply)
    trickling       trickling, good                 (1, good's reply)
    reset           resetting, good                 (1, good's reply)
    slow            slow, good                      (0, slow's reply)
    none            refusing, silent, resetting,    ConnectionError with all four notes
                    the resetting one again
    none_trickling  trickling (frozen past its      ConnectionError with both notes
                    deadline), refusing
    empty           (no server)                     ConnectionError
    deaf            deaf (no handshake), good       (1, good's reply)
    empty_request   good, given the request b""     (0, good's reply)
    empty_reply     FIN alone (no byte), good       (0, b"")
    reset_twice     resetting once, the same again  (1, its reply: the position, not servers.index())
    carried         refusing, silent, good          (2, good's reply), with CARRY_TIMEOUT

Every list is given REQUEST but `empty_request`, given b"": its server too replies only after the request's
EOF, so code that sends its FIN only when there is something to send waits for a reply that never comes
(EMPTY_REQUEST_NO_FIN_HINT). It costs no wall time of its own: played at once with the others, a correct
client has its reply at once.

A reply returned is compared with the bytes its server sent, whole, in every check that judges one
(`_returned_reply_is_the_winners`, `_expect_reply`): bytes of another server mixed in are told so
(`_mixed_in`). Each reply holds a line's end in its middle, where the slow server's first piece ends
(`servers.slow_plan`): a line's end taken for the reply's end is seen by construction.

A socket given up on must be closed before the code goes on: the kernel must not show it open once a
later server of the list has the whole request (`_expect_closed_before_moving_on`, a fact, not a
clock's verdict). `silent_twice` makes a socket kept to the end (or left to a thread or a child process
still in its recv()) visible: the second silent server holds the client a whole timeout.

Every server reads the request up to its EOF before it answers. Deadlines
are judged from the grader's side: a silent or trickling server must see
the student's socket close (from the kernel, through sock_diag: the socket gone,
or no process holds it) within TIMEOUT + SLACK of the moment it accepted the
connection. The accept comes after the client started its clock, so the
bound only ever favours the student. On a busy machine the bound moves
later by the time the student's process and the grader's own watching
thread spent waiting for a CPU (at most LATE_CAP): the student is judged on
its own time. The slow server's pieces are the grader's to send on time;
when the grader itself was kept from sending them, or the machine kept the
grader or the student's code from running for longer than the slow
server's margin, the slow scenario is run again (SLOW_TRIES in all).
The trickling server sends a byte every TRICKLE_EVERY, far less than
TIMEOUT: a timeout on each recv() never expires, by construction.

A deadline checked only between recv() calls, each recv() still given the
whole timeout, is caught by one more list, played for the trickling check
only, at once with the five others: a stalling server, then a good one,
with STALL_TIMEOUT. The stalling server trickles until STALL_AT after the
accept (the client's deadline is later: its clock started before the
connect), then sends nothing. Such a client is then in a recv() that waits
STALL_TIMEOUT from that last byte, so its close comes at least
STALL_AT + STALL_TIMEOUT after the accept: later than the bound
STALL_TIMEOUT + SLACK + late whenever STALL_AT exceeds SLACK + late, which
the grader checks on the time the machine kept anyone waiting (`late`,
read as the list is played). When it does not hold, or the client left
that server before it stalled (the machine kept the last byte or the
client's connect late), the list proves nothing and is played again, alone,
with SURE_STALL_AT and SURE_STALL_TIMEOUT, where it holds by construction
for any late up to LATE_CAP (SURE_STALL_AT > SLACK + LATE_CAP): STALL_TRIES
in all. So the list costs STALL_TIMEOUT on an honest machine, and the
verdict is always one a list that proves it gave. A client still connected
past its bound is stopped there (with its stack), not at its call's limit. The slow server's last byte and FIN leave
SLOW_PIECES[-1] after the accept, well within TIMEOUT.

Two mistakes are told by construction, not by the clock. A client the
kernel shows asleep on its socket alone, one thread, in a wait whose timeout
(poll's, select's, epoll's argument) ends past the deadline and its slack is
stopped at once (`waits.planned`, WAITS_PAST_DEADLINE: its wait began after
its clock started, so it cannot wake in time, however fast the machine).
And in the trickling list the client, asleep waiting for the next byte, is
stopped (SIGSTOP) until a byte has reached its socket and its deadline has
passed, then let go (SIGCONT): the time it has left is below zero when it
next looks, every time (`_freeze_past_deadline`; a settimeout() of that
negative time raises ValueError).

Without the kernel's view (macOS), a close is not seen: a server is taken
as abandoned when the client connects to the next one or its call ends.

Over 500 lines: one lesson's checks, one module per lesson as pytest collects them; its timings are in peers_timeouts.py.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import select
import signal
import threading
import time
from dataclasses import dataclass, field

from graders.engine import deadlock, kernel, untrusted, waits
from graders.engine.checks import expect_no_open_files, fail, not_judged
from graders.engine.harness import CheckFailed, Run, StudentCall, Timeline, show
from graders.engine.servers import Connection, Server, Watch, diag_received, reset_part, slow_plan
from graders.engine.student import stopped_before
from graders.engine.timeline import preview
from graders.lessons.peers_timeouts import SLACK, SLOW_PAUSE, SLOW_PIECES, TIMEOUT, TRICKLE_EVERY, reply_of
from graders.text import lang
from graders.text import messages as text

LESSON = "timeouts"

CALL_MARGIN = 1.0  # a call's limit: its servers' deadlines and slack, plus this
# A busy machine: the time the student's process and the grader's watching thread spent waiting for a CPU
# (the kernel's schedstat) moves a deadline's bound later, by at most this. A client that never closes is
# stopped all the same; one that closes on time never waits for a CPU this long on an honest machine.
LATE_CAP = 0.5
LATE_LOOK = 0.02  # how often that waiting is read
# The slow server's last piece is the grader's to send on time: not sent this long after it was due (the
# grader itself was kept from running), the slow scenario proves nothing and is run again, up to SLOW_TRIES.
SLOW_LATE = 0.05
# Nor does it when the student's process and the grader's threads together waited for a CPU longer than the
# slow server's margin (the timeout less the last piece's time) while it ran: a reference server's accept,
# or the student's wake-up, may then have come that late.
SLOW_BUSY = TIMEOUT - SLOW_PIECES[-1]
SLOW_TRIES = 3
# The trickling list is played again, alone, while its freeze proved nothing (`_freeze_proved_nothing`): the grader
# itself kept from running through the client's whole wait. Played with every other list at once, under -n 2 and
# a busy machine, that was seen in 13 plays of 32; alone, far fewer: five plays in all.
FREEZE_TRIES = 5
# A right reply proves nothing either when the student's process (or the grader) waited for a CPU this long:
# a recv() whose timeout was shorter than the pause (giving up at a pause) may have woken only after the
# last piece had come, and read it. Seen: gives_up_at_a_pause (a quarter of the timeout) passing under -n 4.
SLOW_HIDDEN = 0.03
# The stalling list's timeout: its last byte comes STALL_AT after the accept, and a recv() given the whole timeout
# then closes past STALL_TIMEOUT + SLACK + late if late < STALL_AT - SLACK. The last byte comes while more than half of
# the timeout is left (STALL_AT < STALL_TIMEOUT / 2, with room for the connect's and the read's delays): a client that
# gives each recv() the whole timeout only while more than half of it is left (a trial's, which passed a stall at
# 0.25 s of 0.42 s) is then asleep in a wait that ends past its deadline and slack, which the kernel shows
# (`_sleeps_past_deadline`: the wait began after that byte was read, by construction).
STALL_TIMEOUT = 0.6
STALL_AT = 0.25
STALL_PROOF = 0.03  # ...by at least this much; else the list proves nothing (`_stall_proves_nothing`)
# Played again when it proved nothing: a recv() given the whole timeout after the last byte closes past
# SURE_STALL_TIMEOUT + SLACK + LATE_CAP (2.25 s) by construction, however busy the machine; its last byte too comes
# while more than half of the timeout is left.
SURE_STALL_TIMEOUT = 1.6
SURE_STALL_AT = 0.72
STALL_TRIES = 3
# A silent server right after a refused one, with a timeout of its own: CARRY_TIMEOUT. Code whose deadline grows by
# the timeout per server (`deadline += timeout`) gives the refused server's unused time to the silent one: its wait
# there ends about 2 * CARRY_TIMEOUT after the call began, past that server's own deadline and slack whenever its
# connect came less than CARRY_TIMEOUT - SLACK - late after the call (read as the list is played: `_carry_proves_
# nothing`; the kernel shows the wait's timeout at once). When it did not, the list is played again alone with
# SURE_CARRY_TIMEOUT, where it holds for any late up to LATE_CAP (SURE_CARRY_TIMEOUT - SLACK - LATE_CAP = 0.95 s).
CARRY_TIMEOUT = 0.6
SURE_CARRY_TIMEOUT = 1.6
CARRY_PROOF = 0.05  # ...by at least this much
# The held slow list's timeout: long enough for a timer of the code's own of a second or so (settimeout(min(left,
# 1.0)), "never hang more than a second on a recv") to be shorter than the time left. Its slow server sends the
# first piece of its reply at once (a line's end), then holds the rest until every timer of the code's own that
# fires before HELD_MARGIN ahead of the earliest deadline the code can have (the call made, then the timeout) has had
# its chance (`_hold_slow`): code that takes such a timer for the server's failure has given up before the rest goes,
# by construction; code that loops again on it, or waits with the time left, gets the rest well in time. The cost is
# the code's own short timer: a wait with the time left costs a look.
HELD_TIMEOUT = 2.0
HELD_MARGIN = 0.4
# A good server in the refused, silent, good list answers once the client waits for its reply: the kernel shows
# every thread of its process asleep, or the process has run this much CPU since the request's end (a client that
# polls without sleeping). Code whose recv() never waits (settimeout(0): non-blocking, BlockingIOError at once) has
# its socket closed first, by construction: it never gets a reply that arrived before its recv() by chance.
GATE_CPU = 0.02
# The call's wall clock goes back this far between every two readings of it (fork_server.step_wall_clock), as
# NTP or a user may set a machine's clock: a deadline taken from time.time() moves away each time it is read,
# by construction. The lesson says why: "Use time.monotonic(), never time.time(): the wall clock can jump".
WALL_CLOCK_STEP = 3600.0
WALL_CLOCK = {"time", "time_ns", "clock_gettime", "clock_gettime_ns"}  # the time module's readings the call's
# process steps (clock_gettime: CLOCK_REALTIME only; a line that reads another clock is named only if the deadline
# was missed, which a monotonic clock never makes it)
# How a recv() on a non-blocking socket with nothing to read fails, as Python words it (the errno's name, its text)
NONBLOCKING_WORDS = re.compile(r"BlockingIOError|\[Errno 11\]|Resource temporarily unavailable|EAGAIN|EWOULDBLOCK|"
                               r"would block")
DATETIME_NOW = {"now", "utcnow", "today"}  # ...and datetime.datetime's
# Clocks of CPU time: they hardly move while the code waits in recv(), so a deadline taken from them never comes
# against a trickling server (a trial's process_time()). Named in the failure, read from the source, never run.
CPU_CLOCK = {"process_time", "process_time_ns", "thread_time", "thread_time_ns"}

# The built-in subclasses of ConnectionError a server's failure raises: the code's own ConnectionError is none of them.
SERVER_CONNECTION_ERRORS = {"ConnectionResetError", "ConnectionRefusedError", "ConnectionAbortedError", "BrokenPipeError"}

REQUEST = b"REQUEST \x00\xff caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 end"

SCENARIOS: dict[str, tuple[tuple[str, ...], int | None]] = {
    # name: (the servers' kinds, in order; the index of the server whose reply wins, None: none does)
    # (started in this order: the longest first)
    "silent_twice": (("silent", "silent", "good"), 2),  # a socket held past its deadline while the next one's runs
    # Every failure the lesson names that leaves no reply: refused, silent (a deadline), reset mid-reply. The
    # ConnectionError must name each with what went wrong: a reset caught apart without a note shows (a trial's).
    # The resetting server is listed twice ("same") and resets both times: a note per server tried, so its address
    # is named twice (notes kept in a dict keyed by host:port keep one: a trial's).
    "none": (("refusing", "silent", "resetting", "same"), None),
    # ...and a trickling server, frozen past its deadline as in the trickling list (FROZEN), then a refusing one: the
    # code gives up on the first at its own deadline check, and a TimeoutError it raises there without words (str()
    # of it is '') shows as an empty note (a trial's). A note follows it, so that the message's opening words are
    # no reason of its (`_without_reason`, either layout). A list of its own: five notes would pass the 300
    # characters of an exception's message that cross from the student's process (fork_server.REPR_LIMIT).
    "none_trickling": (("trickling", "refusing"), None),
    "empty": ((), None),  # no server at all: none replied, ConnectionError all the same
    "refused_silent": (("refusing", "silent", "good"), 2),
    "deaf": (("deaf", "good"), 1),  # a connect() never answered: given up at the deadline, as any wait
    "trickling": (("trickling", "good"), 1),
    "slow": (("slow", "good"), 0),
    "reset": (("resetting", "good"), 1),
    "empty_request": (("good",), 0),  # given the request b"": its FIN alone ends it (SCENARIO_REQUEST)
    # A reply of no byte: the server reads the request, then its FIN at once. Only b"" says a reply is whole, and this
    # one is, empty: (0, b""), the good server after it never tried (one that is, was: the reply taken for a failure).
    "empty_reply": (("empty_reply", "good"), 0),
    # One address listed twice: its first connection reset mid-reply, its second answered: (1, reply), the position
    # in the list, never servers.index((host, port)) (the first). "same": the server before it, again.
    "reset_twice": (("resetting_once", "same"), 1),
    # A silent server right after a refused one, each with CARRY_TIMEOUT: the refused one's unused time is not the
    # silent one's (`deadline += timeout`). Played again alone as carried_sure while it proves nothing.
    "carried": (("refusing", "silent", "good"), 2),
    "stalling": (("stalling", "good"), 1),  # for the trickling check only (`stalled`): with the others, if it runs
    "stalling_sure": (("stalling", "good"), 1),  # the same, played alone again when the first proved nothing
    "carried_sure": (("refusing", "silent", "good"), 2),  # `carried` again, alone, when it proved nothing
    # A slow server that holds the rest of its reply until every timer of the code's own shorter than the time left
    # has fired (`_HeldSlowServer`), with HELD_TIMEOUT: played alone, after the others (its hold blocks the watch).
    "slow_held": (("slow", "good"), 0),
}
MAIN = tuple(name for name in SCENARIOS if not name.startswith("stalling") and not name.endswith("_sure")
             and name != "slow_held")  # played at once, for every check
SCENARIO_TIMEOUT = {"stalling": STALL_TIMEOUT, "stalling_sure": SURE_STALL_TIMEOUT, "carried": CARRY_TIMEOUT,
                    "carried_sure": SURE_CARRY_TIMEOUT, "slow_held": HELD_TIMEOUT}  # if not TIMEOUT
SCENARIO_REQUEST = {"empty_request": b""}  # the request given to first_reply(), if not REQUEST
SCENARIO_STALL_AT = {"stalling": STALL_AT, "stalling_sure": SURE_STALL_AT}
# The lists whose good (and trickling) servers answer only once the client waits (GATE_CPU): the good check's and
# the trickling one's, where a recv() that never waits is told (NONBLOCKING_HINT, NEVER_GOT_TO_NONBLOCKING).
GATED = ("refused_silent", "trickling")
STALL_KEY = (LESSON, "first_reply", "stalling")  # the stalling list's conversation
STALL_CHECK = "test_first_reply_abandons_a_trickling_server_at_its_deadline"  # the one check that judges it
TOLD_FIRST = ("refused_silent", "reset", "slow", "trickling", "none", "silent_twice", "deaf", "empty")  # a failure common to scenarios: from which
# The lists whose trickling server the client is stopped on until its deadline has passed (`_freeze_past_deadline`)
FROZEN = ("trickling", "none_trickling")
TIMED = ("silent", "trickling", "stalling", "deaf")  # the kinds whose connections the client must abandon at its deadline


@dataclass
class Tried:
    """One run of first_reply() against one list of servers."""

    name: str
    servers: list[Server]
    winner: int | None
    call: StudentCall
    started: float
    timeout: float = TIMEOUT  # the timeout given to first_reply() for this list
    request: bytes = REQUEST  # the request given to first_reply() for this list
    stall_at: float = STALL_AT  # a stalling server's last byte, this long after the accept
    stopped_at: Connection | None = None  # the connection still open past its bound: the call is to be stopped
    frozen: Connection | None = None  # the trickling connection the call was stopped (SIGSTOP) on, until...
    thawed: bool = False  # ...a byte waits in its socket's receive queue (the kernel's) and its deadline has passed
    thawed_late: bool = False  # let go without a byte waiting, or stopped too late, or let go late: proved nothing
    gate: dict = field(default_factory=dict)  # its gated servers' (`_waits_for_reply`): "frozen" opens them
    waits_looked_at: float = 0.0  # when the call's wait was last read (`_sleeps_past_deadline`)
    inodes: dict = field(default_factory=dict)  # id(connection) -> the inode of the student's end
    planned_wait: float | None = None  # the timeout of the wait it was seen asleep in, past its deadline
    no_timeout: bool = False  # its socket, when it was stopped, was blocking with no timeout at all (the kernel's)
    late: float = 0.0  # seconds the student's process and the grader's watching thread waited for a CPU
    looked_at: float = 0.0  # when `late` was last read
    own_base: float = 0.0  # the grader's own waiting for a CPU when the call started
    student_wait: float = 0.0  # the student's process's waiting for a CPU, last read
    grader_base: float = 0.0  # all the grader's threads' waiting for a CPU when the call started...
    busy: float = 0.0  # ...and, once the scenario is over, the student's and theirs since then
    servers_base: float = 0.0  # this list's servers' threads' waiting for a CPU when the call started...
    own_busy: float = 0.0  # ...and, once it is over, the student's, theirs and the watching thread's since then
    settled: bool = False  # `busy` is read (when the call ended)
    timeline: Timeline = field(default_factory=lambda: Timeline(text.PEER_SERVERS))
    others: dict = field(default_factory=dict, repr=False)  # every scenario of the run, by name (this one too)
    # When its list was played, time.time() from before its servers bound to after they closed: a list
    # played again may get a port an earlier play's server had, and that play's SYNs are not this one's.
    played: tuple[float, float] = (0.0, float("inf"))
    # Each refused connect (its SYN answered by RST), by server index: when its SYN was on the wire (the run's
    # capture, where it has one). No reference server sees those: only the packets do.
    refused: dict = field(default_factory=dict)
    # Connects to an address that is not the server's (its port, another host: ("127.0.0.1", port) for the host given),
    # from the run's capture: (when its SYN was on the wire, the address, the index of the server of that port).
    elsewhere: list = field(default_factory=list)
    sent_at: float = 0.0  # time.monotonic() before the call was made: the student's code started after it

    @property
    def stopped(self) -> bool:
        """The call was stopped by the grader, still connected past a deadline (it did not end by itself)."""
        return self.stopped_at is not None and self.call.timed_out

    @property
    def connections(self) -> list[tuple[int, Connection]]:
        """Every connection to one of these servers, in the order they were made (`Connection.connected_at`)."""
        found = []
        for i, server in enumerate(self.servers):
            where = [j for j, other in enumerate(self.servers) if other is server]
            if where[0] == i:  # a server listed twice (one address, `reset_twice`): its connections in turn
                found += [(where[min(k, len(where) - 1)], c) for k, c in enumerate(server.connections)]
        return sorted(found, key=lambda item: item[1].connected_at)

    @property
    def bound(self) -> float:
        """How long after the accept a silent or trickling server's socket may stay open: busy time forgiven."""
        return self.timeout + SLACK + self.late

    def look(self, now: float) -> None:
        """Read how long the student's process, and this thread, have waited for a CPU since the call started."""
        if self.call.finished or now - self.looked_at < LATE_LOOK or not kernel.AVAILABLE:
            return
        self.looked_at = now
        self.student_wait = max(self.student_wait, kernel.run_delay(self.call.pid))
        waited = self.student_wait + kernel.own_run_delay() - self.own_base
        self.late = min(LATE_CAP, max(self.late, waited))

    def settle_busy(self) -> None:
        """Once the scenario is over: how long the student's process and the grader waited for a CPU."""
        if self.settled:
            return
        self.settled = True
        if kernel.AVAILABLE:
            self.student_wait = max(self.student_wait, kernel.run_delay(self.call.pid))
            self.busy = self.student_wait + kernel.run_delay(os.getpid()) - self.grader_base
            # Only the threads that act in this list: the student's, its servers' (their pieces' times) and the one
            # that watches. The other lists' servers, played at once, are not its own.
            servers = sum(server.waited_for_cpu() for server in self.servers) - self.servers_base
            self.own_busy = self.student_wait + servers + kernel.own_run_delay() - self.own_base

    def label(self, index: int) -> str:
        server = self.servers[index]
        return text.SERVER_LABEL.format(index=index, kind=_kind_word(server.kind), address=_address(server.address))


def tried(run: Run) -> dict[str, Tried]:
    """Every scenario, played once per run. A bug of the code itself fails only the checks whose own lists
    raised it (`_own_bug`): a ValueError in the trickling list is no verdict about the reset server."""
    __tracebackhide__ = True
    return run.once((LESSON, "first_reply"), lambda: _try_with_retries(run))


def _is_code_bug(t: Tried) -> bool:
    """This scenario's call raised an exception of a mistake in the code itself (`Error.is_a_bug`: a typo, a
    wrong name or type, a KeyError in an except clause), or one no server caused and the code did not mean to
    raise: not an OSError, and not from a raise statement of the student's (settimeout() of a negative time)."""
    if t.call.status != "raised" or t.call.result is None:
        return False
    error = t.call.result.error
    return error.is_a_bug() or (not error.is_a("OSError")
                                and not (error.frames and error.frames[-1][3].startswith("raise")))


def _own_bug(*runs: Tried) -> None:
    """A check fails with a bug of the code itself only where one of its own lists raised it; no server's
    behaviour is judged through it. One root cause, one report: the same exception in several lists is told
    from the first of them (TOLD_FIRST), its traceback and timeline, and it is the same exception."""
    __tracebackhide__ = True
    for t in runs:
        if _is_code_bug(t):
            error = t.call.result.error
            others = [t.others.get(name) for name in TOLD_FIRST] if t.others else []
            first = next((o for o in others if o is not None and _is_code_bug(o) and o.call.result.error == error), t)
            raise first.call.failure(first.timeline.copy())


def _stall_now(run: Run) -> bool:
    """Whether the stalling list is played at once with the others: when this run grades the check that judges
    it (the other checks of the lesson alone then cost no more than their own lists)."""
    return run.selected is None or (LESSON, STALL_CHECK) in run.selected


def stalled(run: Run) -> Tried:
    """The stalling list, played once per run (and again while it proves nothing: `_stall_proves_nothing`)."""
    def play() -> Tried:
        # As a call of first_reply() made now would: one that an earlier check stopped at its limit is said
        # there, once (student.stopped_before), whatever the stalling list, played along, showed.
        before = stopped_before(run, LESSON, "first_reply")
        if before is not None:
            raise before
        t = run.played_along.pop(STALL_KEY, None)
        if t is not None:
            run.check_calls.append(t.call)  # its prints are this check's
            if t.call.timed_out:  # as StudentCall.hang() remembers a stop (the call was made not to: see _try_all)
                run.stopped.setdefault((LESSON, "first_reply"), (run.check_title, t.call.busy))
                run.stopped_calls.setdefault((LESSON, "first_reply"), t.call)
        else:
            t = _try_all(run, ["stalling"])["stalling"]
        for _ in range(STALL_TRIES - 1):
            if not _stall_proves_nothing(t):
                break
            t = _try_all(run, ["stalling_sure"])["stalling_sure"]
        return t
    return run.once(STALL_KEY, play)


def _stall_proves_nothing(t: Tried) -> bool:
    """The client left the stalling server before its last byte was sent: the stall never came in front of it
    (its connect or that byte came late on a busy machine), so a deadline checked only between recv() calls
    could not show. Or the machine kept anyone waiting so long (`late`) that the bound reached past a recv()
    given the whole timeout after the last byte. Not the student's doing: the list is played again."""
    if t.stopped or t.call.status not in ("returned", "raised"):
        return False
    for index, conn in t.connections:
        if t.servers[index].kind != "stalling" or conn.request_end != "FIN":
            continue
        later = [c.connected_at for _, c in t.connections if c.connected_at > conn.connected_at]
        ends = [at for at in (conn.closed_at, *later[:1], t.call.finished_at) if at]
        if conn.last_sent_at is None or (ends and min(ends) < conn.last_sent_at + SLACK):
            return True
        if conn.last_sent_at + t.timeout < conn.accepted_at + t.bound + STALL_PROOF:
            return True
    return False


def _try_with_retries(run: Run) -> dict[str, Tried]:
    """Every scenario at once; the slow one again while its timing proves nothing (`_slow_was_late`)."""
    runs = _try_all(run, [*MAIN, "stalling"] if _stall_now(run) else list(MAIN))
    # Alone: its hold blocks the watch of the others. As a replay: a stop in the lists above is theirs to tell.
    runs.update(_try_all(run, ["slow_held"], replay=True))
    if "stalling" in runs:  # held under its own key, for the check that judges it (`stalled`)
        run.played_along[STALL_KEY] = runs.pop("stalling")
    for _ in range(SLOW_TRIES - 1):
        if not _slow_was_late(runs["slow"]):
            break
        runs["slow"].call.kill()
        runs.update(_try_all(run, ["slow"], replay=True))
    for _ in range(STALL_TRIES - 1):
        if "carried" not in runs or not _carry_proves_nothing(runs["carried"]):
            break
        runs["carried"].call.kill()
        runs["carried"] = _try_all(run, ["carried_sure"], replay=True)["carried_sure"]
    for _ in range(FREEZE_TRIES - 1):
        if not _freeze_proved_nothing(runs["trickling"]):
            break
        runs["trickling"].call.kill()
        runs.update(_try_all(run, ["trickling"], replay=True))
    for _ in range(SLOW_TRIES - 1):  # the same for the all-fail trickling list (its note)
        if not _freeze_proved_nothing(runs["none_trickling"]):
            break
        runs["none_trickling"].call.kill()
        runs.update(_try_all(run, ["none_trickling"], replay=True))
    for t in runs.values():
        t.others = runs
    return runs


def _carry_proves_nothing(t: Tried) -> bool:
    """The carried list could not show a deadline that grows by the timeout per server: the client left the
    silent server within its bound, and a client whose deadline for it was the call's start plus twice the timeout
    would have too, since its connect came too late after the call was made (`sent_at`: the student's code started
    after it) for the wait past its own deadline to show (the machine kept it or the grader waiting). Not the
    student's doing: the list is played again, alone, with SURE_CARRY_TIMEOUT."""
    if t.stopped or t.call.status not in ("returned", "raised") or t.planned_wait is not None:
        return False
    silent = [conn for index, conn in t.connections if t.servers[index].kind == "silent" and conn.request_end == "FIN"]
    if not silent:
        return False  # never got to it: the other checks' story
    return silent[0].accepted_at - t.sent_at + CARRY_PROOF > t.timeout - SLACK - t.late


def _freeze_proved_nothing(t: Tried) -> bool:
    """The trickling list's freeze (`_freeze_past_deadline`) did not put the deadline between two lines of the
    client's code: it was stopped when its deadline may have passed already, or let go late or without a byte
    waiting at its socket (the grader itself was kept from running), or never stopped while the machine kept anyone
    waiting for a CPU (its request's end, or its sleep, seen too late: the grader's look comes when it gets a CPU). Its
    recv() may then have timed out by itself, and a client that takes the deadline for a reply's end (or gives
    settimeout() a negative time) passes by chance: seen under -n 4. Not the student's doing: played again."""
    if kernel.AVAILABLE and t.thawed_late:
        return True  # stopped perhaps after its wait had timed out, or let go late or without a byte waiting
    if not kernel.AVAILABLE or t.stopped or t.call.status not in ("returned", "raised"):
        return False
    if not any(server.kind == "trickling" and any(c.request_end == "FIN" for c in server.connections)
               for server in t.servers):
        return False  # never got to the trickle: the other checks' story
    return t.frozen is None and t.busy > SLOW_HIDDEN


def _slow_was_late(t: Tried) -> bool:
    """The grader kept the student's code waiting: the slow server's last piece had not left SLOW_LATE
    after it was due, while the student's socket was still open for it; or the machine kept the grader or
    the student's code from running for longer than the slow server's margin (or, for a right reply, longer
    than SLOW_HIDDEN: a give-up at the pause may have been slept through). Not the student's doing:
    the scenario proves nothing either way."""
    if t.call.status == "returned" and _result(t) == (t.winner, t.servers[t.winner].reply):
        # Here the student's process, the slow server's thread and the watching one are what matter (the lists
        # played at once keep the grader's other threads waiting: counted, the slow list proved nothing every run).
        return t.own_busy > SLOW_HIDDEN
    if t.call.timed_out:  # still running at its limit, far past the slow server's last piece: a hang, however busy
        return False
    if t.busy > SLOW_BUSY:
        return True
    for c in t.servers[0].connections:
        if c.request_end != "FIN":
            continue
        # It left the slow server within SLOW_HIDDEN of that server's FIN, and returned the next one's reply: whether
        # it gave up before the reply came or moved on after reading it is a race of a moment, which a delay
        # the run-queue count does not see (a page fault under I/O pressure) can decide. Played again; a client
        # that reads the whole reply and moves on anyway does so every time, and is judged on the last play.
        closed = _closed(c)
        moved_on = t.call.status == "returned" and (_result(t) or (None,))[0] == 1
        if moved_on and c.answer_end == "FIN" and closed is not None and 0 <= closed - c.answer_end_at < SLOW_HIDDEN:
            return True
        due = (c.last_due_at or c.accepted_at + SLOW_PIECES[-1]) + SLOW_LATE
        if (c.last_sent_at is None or c.last_sent_at > due) and (c.closed_at is None or c.closed_at > due):
            return True
    return False


def _try_all(run: Run, names: list[str], replay: bool = False) -> dict[str, Tried]:
    """Start these scenarios at once; watch them until each call has ended; stop the servers.

    `replay`: a scenario played again because its first play proved nothing: the other lists' calls stopped
    at a deadline (remembered as hung) do not make it a call of a function that hung before."""
    runs: dict[str, Tried] = {}
    watch = Watch()
    wall_started = time.time()
    try:
        for name in names:
            kinds, winner = SCENARIOS[name]
            timeout = SCENARIO_TIMEOUT.get(name, TIMEOUT)
            stall_at = SCENARIO_STALL_AT.get(name, STALL_AT)
            servers: list[Server] = []
            for i, kind in enumerate(kinds):  # "same": the server before it, listed again (one address twice)
                servers.append(servers[-1] if kind == "same" else _EmptyReplyServer(run.host) if kind == "empty_reply"
                               else _HeldSlowServer(run.host, reply_of(name, i, kind)) if name == "slow_held" and
                               kind == "slow"
                               else Server(run.host, kind, reply_of(name, i, kind), trickle_every=TRICKLE_EVERY,
                                           slow_pieces=SLOW_PIECES, slow_pause=SLOW_PAUSE, stall_at=stall_at))
            holder: dict = {}
            if name in GATED and kernel.AVAILABLE:
                for server in servers:
                    if server.kind in ("good", "trickling"):
                        server.gate = _waits_for_reply(holder)
            addresses = [tuple(server.address) for server in servers]  # the contract's (host, port) tuples
            limit = sum(kind in TIMED for kind in kinds) * (timeout + SLACK) + CALL_MARGIN
            # Played along with the others (for a later check): its stop is remembered by that check (stalled).
            along = name == "stalling" and len(names) > 1
            # A connect() never answered stops only its own list: the other lists' servers all answer the handshake,
            # so a connect without a timeout is no hang there (its stop is not remembered for the later checks).
            alone = name == "deaf"
            # Nor is a wait past the silent server's own deadline in `carried`: the silent check tells it, from there.
            alone = alone or name.startswith("carried")
            # Nor one in the all-fail trickling list: the trickling check tells it, from its own list.
            alone = alone or name == "none_trickling"
            request = SCENARIO_REQUEST.get(name, REQUEST)
            sent_at = time.monotonic()
            call = run.call(LESSON, "first_reply", addresses, request, timeout, limit=limit,
                            wall_clock_step=WALL_CLOCK_STEP, **({"remember_stop": False} if along or replay or alone else {}))
            holder["call"] = call
            call.label = (text.FIRST_REPLY_CALL.format(kinds=text.LIST_SEPARATOR.join(
                _kind_word(kind) for kind in kinds)) if kinds
                else text.FIRST_REPLY_CALL_EMPTY)
            if along and call in run.check_calls:
                run.check_calls.remove(call)  # its prints belong to the check that judges it
            runs[name] = Tried(name, servers, winner, call, time.monotonic(), timeout, request, stall_at,
                               own_base=kernel.own_run_delay(),
                               grader_base=kernel.run_delay(os.getpid()) if kernel.AVAILABLE else 0.0,
                               servers_base=sum(server.waited_for_cpu() for server in servers), sent_at=sent_at,
                               gate=holder)
        calls = [t.call for t in runs.values()]
        while True:
            for t in runs.values():
                for index, conn in t.connections:
                    if t.servers[index].kind in (*TIMED, "slow"):  # the slow one: did the code wait for it?
                        watch.add(conn)
            watch.poll()
            for t in runs.values():
                t.look(time.monotonic())
                _freeze_past_deadline(t)
                _hold_slow(t)
                _watch_deadlines(t)
                if t.call.finished:
                    t.settle_busy()  # its scenario is over (the others may go on: the stalling list, longer)
            live = [call for call in calls if not call.finished]
            if not live:
                break
            # A stopped call's stack is taken once nothing else is left to watch: taking it blocks this loop
            # (DUMP_WAIT), and a close seen late would be judged late.
            stopped = [t.call for t in runs.values() if t.stopped_at is not None and not t.call.finished]
            if stopped and len(stopped) == len(live):
                for call in stopped:
                    call.hang()
                continue
            select.select(live, [], [], 0.002)
            for call in live:
                call.pump()
                if not call.finished and time.monotonic() > call.deadline:
                    call.hang()
        watch.poll()  # a call reports only after its function returned: its closes are done
        for t in runs.values():
            t.settle_busy()  # before the servers stop: their threads' waiting counts
        for t in runs.values():
            if t.call.open_inodes:
                t.call.settle()  # the kernel's rows of the sockets left open (one read of its table each)
    finally:
        for t in runs.values():
            if t.frozen is not None and not t.thawed:
                _thaw(t)
        servers = list({id(server): server for t in runs.values() for server in t.servers}.values())
        for server in servers:
            server.stop(wait=False)  # every thread told first, then each awaited: they end together
        for server in servers:
            server.stop()
        for t in runs.values():
            t.played = (wall_started, time.time())
    _wire_times(run, runs, wall_started)
    for t in runs.values():
        _draw(t)
    return runs


def _kind_word(kind: str) -> str:
    """A server's kind, in the student's words."""
    return text.SERVER_KINDS.get(kind) or {"resetting_once": text.SERVER_KIND_RESETTING_ONCE,
                                           "same": text.SERVER_KIND_SAME,
                                           "empty_reply": text.SERVER_KIND_EMPTY_REPLY}.get(kind, text.SERVER_KIND_STALLING)


class _EmptyReplyServer(Server):
    """A good server whose reply is b"": it reads the request to its EOF, then sends its FIN and nothing before it
    (a kind of lesson 6's grader only, not one of `nox -s peer`'s)."""

    def __init__(self, host: str) -> None:
        super().__init__(host, "empty_reply", b"")

    def _empty_reply(self, conn, record) -> None:
        self._good(conn, record)


class _HeldSlowServer(Server):
    """The held slow list's slow server: the first piece of its reply (ending a line) at once, then the rest and
    its FIN once `_hold_slow` has out-waited the code's own short timers (`release`)."""

    def __init__(self, host: str, reply: bytes) -> None:
        super().__init__(host, "slow", reply, slow_pieces=(0.0, 0.0))
        self.release = threading.Event()
        self.first_sent: Connection | None = None  # the connection its first piece went to, awaiting the hold
        self.held = 0.0  # ...how long `_hold_slow` held the rest...
        self.fired = False  # ...and whether a timer of the code's own fired meanwhile

    def _slow(self, conn, record) -> None:
        first, rest = (piece for _, piece in slow_plan(self.reply, self.slow_pieces))
        self._send(conn, record, first)
        self.first_sent = record
        while not self.release.wait(0.01):
            if self._stop.is_set():
                return
        record.last_due_at = time.monotonic()
        self._send(conn, record, rest)
        record.last_sent_at = time.monotonic()
        self._fin(conn, record)
        self._stop.wait()  # the client closes first; this end then never lingers in TIME_WAIT


def _hold_slow(t: Tried) -> None:
    """The held slow list (played alone: this blocks): once its slow server's first piece went, hold the rest
    until every timer of the code's own that fires before HELD_MARGIN ahead of its earliest deadline (the call's
    start, `sent_at`, plus the timeout; its clock started later) has had its chance (`deadlock.hold_past_timers`
    with `within`: the kernel's view of its waits). A wait with the time left fires later: not held, one look."""
    server = next((s for s in t.servers if isinstance(s, _HeldSlowServer)), None)
    if server is None or server.first_sent is None or server.release.is_set():
        return
    horizon = t.sent_at + t.timeout - HELD_MARGIN
    now = time.monotonic()
    if kernel.AVAILABLE and not t.call.finished and now < horizon:
        server.held, server.fired = deadlock.hold_past_timers(t.call, horizon - now, within=horizon - now)
    server.release.set()


def _waits_for_reply(holder: dict):
    """A good server's gate (`Server.gate`): answer once the client's process is asleep (every thread: waiting for
    the reply, as any code that waits does), or has run GATE_CPU of CPU since the request's end (code that polls
    without sleeping). Code whose recv() returns at once (settimeout(0): BlockingIOError) closes first, and is never
    answered: a reply that came before its recv() by chance made it pass (a trial's, once in three runs)."""
    since: dict = {}

    def gate(record: Connection) -> bool:
        call = holder.get("call")
        if call is None:
            return False
        if holder.get("frozen") or kernel.sleeping(call.pid):  # stopped by `_freeze_past_deadline`: its byte, now
            return True
        cpu = kernel._threads_cpu(call.pid)
        if cpu is None:
            return True  # gone: nothing waits, nothing is lost
        return cpu - since.setdefault(id(record), cpu) >= GATE_CPU
    return gate


def _wire_times(run: Run, runs: dict[str, Tried], wall_started: float) -> None:
    """Each connection's SYN time, from the run's capture where it has one: the order of the client's
    connects as the wire carried them. A server's thread takes a connection whenever it gets a CPU, perhaps
    long after the kernel made it (and after the client moved on to the next server)."""
    tap = getattr(run, "tap", None)
    if tap is None:
        return
    facts = tap.facts((wall_started, time.time()))
    offset = _wall_offset()  # the capture's stamps are the wall clock's
    for t in runs.values():
        for index, server in enumerate(t.servers):
            if server.kind == "refusing":
                t.refused[index] = sorted(wall - offset for (_, to), wall in facts.syns.items()
                                          if to == tuple(server.address) and t.played[0] <= wall <= t.played[1])
        ports = {server.address[1]: index for index, server in enumerate(t.servers)}
        given = {tuple(server.address) for server in t.servers}
        t.elsewhere = sorted((wall - offset, to, ports[to[1]]) for (_, to), wall in facts.syns.items()
                             if to[1] in ports and to not in given and t.played[0] <= wall <= t.played[1])
        for server in t.servers:
            for conn in server.connections:
                wall = facts.syns.get((tuple(conn.client), tuple(server.address)))
                if wall is not None:
                    conn.syn_at = wall - offset
                wall = facts.ends.get((tuple(conn.client), tuple(server.address)))
                if wall is not None:
                    conn.end_at = wall - offset


def _wall_offset(tries: int = 5) -> float:
    """time.time() - time.monotonic(), read tightly: of a few readings, the one whose monotonic bracket around
    the wall clock's reading is the narrowest. One plain reading is off by however long the grader was kept from
    running between its two calls (seen under -n 4: every SYN drawn some ms late, after the server's answer)."""
    best = None
    for _ in range(tries):
        before = time.monotonic()
        wall = time.time()
        after = time.monotonic()
        if best is None or after - before < best[0]:
            best = (after - before, wall - (before + after) / 2)
    return best[1]


def _watch_deadlines(t: Tried) -> None:
    """Stop a call still connected to a silent or trickling server past its bound."""
    if t.call.finished or not t.connections:
        return
    index, last = t.connections[-1]  # a client moves on: only its latest connection can hold it
    if t.servers[index].kind in TIMED and last.closed_at is None and t.stopped_at is None:
        if time.monotonic() > last.accepted_at + t.bound or _sleeps_past_deadline(t, last):
            last.stopped = True  # the verdict, now; the call is stopped (its stack taken) in _try_all
            t.stopped_at = last
            row = kernel.connection(tuple(last.client), tuple(last.server))
            t.no_timeout = bool(row and row.inode and deadlock.has_no_timeout(t.call.pid, row.inode))


def _freeze_past_deadline(t: Tried) -> None:
    """The trickling list: the time runs out between two lines of the client's code, by construction.

    Once its request has ended and it sleeps (it waits), before the
    earliest moment its deadline can pass (the call was made, then the
    timeout: `sent_at`), the client is stopped (SIGSTOP: the kernel's doing, no code can catch
    it). Its wait, if it was in one, had not timed out: the signal ends
    it, and it is made again once the client runs. The trickling server
    is told to send its next byte at once (its gate opens), and the
    client is let go (SIGCONT) only when the kernel shows that byte in
    its socket's receive queue (sock_diag's rx_queue) and its deadline
    has passed (its connect, hence its clock, came before the accept).
    Its wait then returns that byte at once, and the time it has left is
    already below zero, which it must take as the deadline passed (a
    settimeout() of a negative time raises ValueError). No trickle's
    timing is relied on. The slack of the bound is unchanged: the client
    is let go at its deadline. Stopped too late, or let go late (the
    grader itself was kept from running), the list proved nothing
    (`_freeze_proved_nothing`).
    """
    if t.name not in FROZEN or t.thawed or not kernel.AVAILABLE or t.call.finished or not t.connections:
        return
    if t.frozen is None:
        index, conn = t.connections[-1]
        if (t.servers[index].kind != "trickling" or conn.request_end != "FIN" or conn.closed_at is not None
                or time.monotonic() >= t.sent_at + t.timeout or not kernel.sleeping(t.call.pid)):
            return
        try:
            os.kill(t.call.pid, signal.SIGSTOP)
        except OSError:
            t.thawed = True
            return
        t.frozen = conn
        t.gate["frozen"] = True
        if time.monotonic() >= t.sent_at + t.timeout:  # the signal may have come after its wait timed out
            t.thawed_late = True
            _thaw(t)
        return
    now = time.monotonic()
    due = t.frozen.accepted_at + t.timeout  # its deadline has passed: it connected before the accept
    if now <= due:
        return
    if now > due + SLACK / 2:  # the grader was kept from running: let go all the same, late
        t.thawed_late = True
        _thaw(t)
    elif _unread(t.frozen):
        _thaw(t)


def _unread(conn: Connection) -> int:
    """Bytes in the receive queue of the student's socket of this connection (the kernel's view; 0 if unknown)."""
    try:
        found = diag_received(tuple(conn.client), tuple(conn.server))
    except OSError:
        row = kernel.connection(tuple(conn.client), tuple(conn.server))
        return row.rx_queue if row is not None else 0
    return found[0] if found is not None else 0


def _thaw(t: Tried) -> None:
    t.thawed = True
    try:
        os.kill(t.call.pid, signal.SIGCONT)
    except OSError:
        pass


def _sleeps_past_deadline(t: Tried, conn: Connection) -> bool:
    """The kernel shows the call asleep on this connection's socket alone in a wait whose timeout ends past
    the deadline and its slack, whatever the machine's load: the wait began after the client started its clock,
    and nothing else can wake it (`waits.planned`). A timeout doubled, or a whole timeout given to a wait begun
    after the connect, is seen so by construction, not by the clock."""
    now = time.monotonic()
    if now - t.waits_looked_at < LATE_LOOK:
        return False
    t.waits_looked_at = now
    if id(conn) not in t.inodes:
        row = kernel.connection(tuple(conn.client), tuple(conn.server))
        if row is None or not row.inode:
            return False
        t.inodes[id(conn)] = row.inode
    stalled = _stalled_and_read(t, conn)  # before the wait is read: a wait seen after it began after that read
    planned = waits.planned(t.call.pid, t.inodes[id(conn)])
    if planned is not None and planned > t.timeout + SLACK:
        t.planned_wait = planned
        return True
    # The stalling server's last byte was sent, has arrived and was read: the wait the call sleeps in began after
    # that byte was sent (`last_sent_at`, the grader's clock), and nothing more comes to end it early. It ends at
    # that moment plus its timeout at the earliest; the client's deadline is no later than the accept plus the timeout.
    if (planned is not None and stalled
            and conn.last_sent_at + planned > conn.accepted_at + t.timeout + SLACK):
        t.planned_wait = planned
        return True
    return False


def _stalled_and_read(t: Tried, conn: Connection) -> bool:
    """The stalling server of this connection has sent its last byte (it sends nothing more, ever), and the
    student's socket has received every byte it sent and has none unread (the kernel's view, sock_diag)."""
    server = next((s for s in t.servers if conn in s.connections), None)
    if server is None or server.kind != "stalling" or conn.last_sent_at is None:
        return False
    if conn.last_sent_at < conn.accepted_at + t.stall_at:
        return False  # still trickling: a byte to come may end any wait early
    try:
        seen = diag_received(tuple(conn.client), tuple(conn.server))
    except OSError:
        return False
    return seen is not None and seen[0] == 0 and seen[1] >= conn.sent


def _draw(t: Tried) -> None:
    """The conversation with every server of the list, in time order."""
    events: list[tuple[float, str, str]] = []
    connects = sorted(c.connected_at for server in t.servers for c in server.connections)
    for index, server in enumerate(t.servers):
        t.timeline.note(t.label(index))
        for at in t.refused.get(index, ()):  # a refused connect: seen on the wire only (a SYN answered by RST)
            events.append((at, "student", text.TL_CONNECT_REFUSED_TO.format(index=index, t=max(0.0, at - t.started))))
        for at, address, _ in (e for e in t.elsewhere if e[2] == index):  # its port, but another host: wire only
            events.append((at, "student", text.TL_CONNECT_ELSEWHERE.format(
                address=_address(address), index=index, t=max(0.0, at - t.started))))
        for conn in [c for i, c in t.connections if i == index]:  # a server listed twice: each of its turns
            at = conn.connected_at
            end_at, closed_at = _drawn_at(conn, connects)
            events.append((at, "student", text.TL_CONNECT.format(index=index, t=max(0.0, at - t.started))))
            if conn.request_end == "FIN":
                events.append((end_at, "student",
                               text.TL_REQUEST.format(size=text.counted(text.BYTES, len(conn.request)), index=index)))
            elif conn.request_end == "close" and _closed_early(conn, t):  # with or without shutdown first: alike
                events.append((end_at, "student", text.TL_CLOSE_BEFORE_REPLY.format(
                    size=text.counted(text.BYTES, len(conn.request)), index=index)))
            elif conn.request_end == "close":
                events.append((end_at, "student", text.TL_CLOSE_NO_FIN.format(index=index)))
            elif conn.request_end == "RST":
                events.append((end_at, "student", text.TL_RST.format(index=index)))
            if server.kind == "trickling" and conn.sent:
                events.append((conn.request_end_at or at, "peer", text.TL_TRICKLE.format(
                    index=index, every=TRICKLE_EVERY, sent=conn.sent)))
            elif server.kind == "stalling" and conn.sent:
                events.append((conn.request_end_at or at, "peer", text.TL_STALL.format(
                    index=index, every=TRICKLE_EVERY, sent=conn.sent, stall=t.stall_at)))
            elif server.kind == "silent" and conn.request_end == "FIN":
                events.append((conn.request_end_at, "peer", text.TL_SILENT.format(index=index)))
            elif not conn.handshake:
                events.append((at, "peer", text.TL_DEAF.format(index=index)))
            elif conn.answer_end:
                events.append((conn.answer_end_at, "peer", text.TL_ANSWER.format(
                    index=index, sent=text.counted(text.BYTES, conn.sent), end=conn.answer_end)))
            if conn.stopped and t.stopped:  # its later close is the kill's, not the student's
                events.append((at + t.bound, "note", text.TL_STILL_OPEN.format(
                    index=index, after=t.bound, timeout=t.timeout)))
            elif (closed := _closed(conn)) is not None:
                events.append((closed_at, "note", text.TL_CLOSED.format(index=index, after=closed - at,
                                                                        timeout=t.timeout)))
    for _, side, line in sorted(events, key=lambda e: e[0]):
        getattr(t.timeline, side)(line)
    if t.call.status == "returned":
        t.timeline.note(text.TL_RETURNED.format(name="first_reply()", value=_shown(t.call.result.value)))
    elif t.call.status == "raised":
        error = t.call.result.error
        shown = error.message if len(error.message) <= 80 else error.message[:77].rstrip() + "..."  # cut, and said
        t.timeline.note(text.TL_RAISED.format(type=error.type, message=shown))


def _shown(value) -> str:
    """A value the student's function returned, as text for a message."""
    if value is None:
        return "?"
    return value.repr or (show(value.data) if isinstance(value.data, bytes) else preview(repr(value.data), 80))


def _address(address) -> str:
    return f"{address[0]}:{address[1]}"


def _result(t: Tried) -> tuple[int, bytes] | None:
    """The (index, reply) the call returned, as plain data; None if it returned anything else."""
    value = t.call.result.value
    if value.type != "tuple" or not value.repr:
        return None
    try:
        got = ast.literal_eval(value.repr)  # a repr of literals only: never evaluated as code
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if len(got) == 2 and type(got[0]) is int and type(got[1]) is bytes:
        return got
    return None


def _expect_given_host(t: Tried) -> None:
    """The code connected to the addresses it was given: a connect to a server's port on another host (its own
    "127.0.0.1", say) is refused there, and is the root cause of every failure after it, told first. Seen on the
    wire only (the run's capture: its SYN's destination); without a capture, the other checks' words stand."""
    __tracebackhide__ = True
    if t.elsewhere:
        _, address, index = t.elsewhere[0]
        fail(text.WRONG_HOST.format(got=_address(address), server=t.label(index),
                                    want=_address(t.servers[index].address)), t.timeline)


def _ended_normally(t: Tried, expected: str = "", as_far_as_it_went: bool = False) -> None:
    """A stub, a module that does not load, an exit, a crash or a hang fails every check of the lesson.

    A call stopped past a deadline is judged by the deadline checks instead. `as_far_as_it_went` (the checks
    of every list: the order, the sockets closed): a list whose call raised a bug of the code after it had
    connected is judged on what it did until then; the bug is told by the checks of that list.
    """
    __tracebackhide__ = True
    _expect_given_host(t)
    if not (as_far_as_it_went and t.connections):
        _own_bug(t)
    if not t.stopped and t.call.status not in ("returned", "raised"):
        raise t.call.failure(t.timeline.copy(), expected)


def _finished(t: Tried, expected: str) -> None:
    """A call that hung, crashed or raised something unexpected fails here, with its own story."""
    __tracebackhide__ = True
    _expect_given_host(t)
    if t.stopped:
        return  # judged by the deadline checks; the others say so in a line
    _own_bug(t)
    if t.call.status not in ("returned", "raised"):
        raise t.call.failure(t.timeline.copy(), expected)


def _expect_reply(t: Tried) -> None:
    """The call returned (winner, the winner's reply)."""
    __tracebackhide__ = True
    want = (t.winner, t.servers[t.winner].reply)
    if t.stopped:
        fail(text.STOPPED_PAST_DEADLINE.format(server=t.label(t.connections[-1][0])), t.timeline)
    _finished(t, text.EXPECTED_REPLY_FROM.format(server=t.label(t.winner)))
    _not_a_bug_of_its_own(t)
    if t.call.status == "raised":
        error = t.call.result.error
        hint = (text.NONBLOCKING_HINT if _nonblocking(t) else text.OSERROR_ESCAPED_HINT.format(type=error.type)
                if _escaped(t) else _why_no_reply(t))
        fail(text.RAISED_INSTEAD.format(type=error.type, message=error.message, server=t.label(t.winner),
                                        hint=hint), t.timeline)
    got = _result(t)
    if got is None:
        value = t.call.result.value
        with contextlib.suppress(ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            items = ast.literal_eval(value.repr or "") if value.type == "tuple" else ()
            if len(items) == 2:  # a pair, of the wrong types: said as that
                fail(text.RESULT_ITEM_TYPES.format(value=_shown(value), types=text.LIST_SEPARATOR.join(
                    type(item).__name__ for item in items)), t.timeline)
        fail(text.RESULT_TYPE.format(type=value.type, value=_shown(value)), t.timeline)
    if got != want:
        index, reply = got
        fail(text.WRONG_RESULT.format(got=f"({index}, {show(reply, 30)})", want=f"({want[0]}, {show(want[1], 30)})",
                                      hint=_result_hint(t, index, reply)), t.timeline)
    # The right reply is not enough: the server answered whatever it got, so it must have got the request.
    for conn in t.servers[t.winner].connections:
        if bytes(conn.request) != t.request:
            fail(text.REQUEST_NOT_SENT.format(server=t.label(t.winner), got=show(bytes(conn.request), 30),
                                              want=show(t.request, 30)), t.timeline)


def _result_hint(t: Tried, index: int, reply: bytes) -> str:
    """The hint for a wrong (index, reply), from what happened on the wire, not from which server it was: whose
    bytes the reply holds, whether that server had ended its reply (FIN) or reset it, and when the student's
    socket closed against its deadline (long before it: the code stopped reading; at it: a deadline taken for
    the end of a reply)."""
    replies = [server.reply for server in t.servers]
    if (index != t.winner and 0 <= index < len(t.servers) and t.servers[index] is t.servers[t.winner]
            and reply == replies[t.winner]):  # one address listed twice: the position of its first listing
        return text.SAME_ADDRESS_INDEX_HINT.format(index=index, winner=t.winner, address=_address(
            t.servers[index].address))
    owners = [j for j, whole in enumerate(replies) if whole == reply]
    if owners and index not in owners:  # a whole reply, with another server's index
        return text.WRONG_INDEX_HINT.format(server=t.label(owners[0]), index=index)
    mixed = _mixed_in(t, reply)
    if mixed is not None:  # one server's whole reply, and bytes another server sent, before or after it
        owner, other, extra = mixed
        return text.MIXED_REPLIES_HINT.format(server=t.label(owner), other=t.label(other),
                                              count=text.counted(text.BYTES, extra))
    heads = [j for j, whole in enumerate(replies) if reply.startswith(whole[:8])]
    if heads and any(k != heads[0] and whole[:8] in reply[8:] for k, whole in enumerate(replies)):
        return text.MIXED_REPLIES_HINT.format(server=t.label(heads[0]), other=t.label(
            next(k for k, whole in enumerate(replies) if k != heads[0] and whole[:8] in reply[8:])),
            count=text.counted(text.BYTES, len(reply) - len(replies[heads[0]])))
    conns = t.servers[index].connections if 0 <= index < len(t.servers) else []
    shut = _read_side_shut(t)
    if shut is not None and not (shut == index and not reply):  # (b"" from that very server: EOF_WITHOUT_FIN_HINT)
        return text.READ_SIDE_SHUT_HINT.format(server=t.label(shut))
    if not conns:
        if index != t.winner and 0 <= index < len(t.servers):  # an index of a server it never connected to
            return text.NOT_CONNECTED_INDEX_HINT.format(index=index, server=t.label(index))
        return text.WHOLE_REPLY_HINT if index == t.winner else text.FIRST_IN_ORDER_HINT
    winner = t.servers[t.winner].connections if t.winner is not None and not replies[t.winner] else []
    if (index != t.winner and winner and winner[-1].answer_end == "FIN"
            and (_closed(winner[-1]) or float("inf")) >= winner[-1].answer_end_at):
        # The winner's reply was empty, its FIN on the wire before the code left it: b"" at once, taken for a failure.
        return text.EMPTY_REPLY_IS_A_REPLY_HINT.format(server=t.label(t.winner), index=t.winner)
    conn = conns[-1]
    closed = _closed(conn)
    if conn.answer_end == "FIN" and (closed is None or closed >= conn.answer_end_at):
        return text.WHOLE_REPLY_HINT  # the whole reply and FIN reached the socket: returned changed, or cut
    if conn.answer_end == "RST" and reply and reply == reset_part(replies[index]):
        return text.RST_IS_FAILURE_HINT  # exactly what came before the RST
    whole = replies[index]
    if reply.endswith(b"\n") and reply != whole and whole.startswith(reply):  # cut at a line's end, not at the FIN
        return text.LINE_END_IS_NOT_END_HINT.format(server=t.label(index), count=text.counted(text.BYTES, len(reply)),
                                                    total=text.counted(text.BYTES, len(whole)))
    if _closed_early(conn, t):  # no FIN, and closed in the first half of its time: it stopped reading
        after = _closed_by(conn, t) - conn.connected_at
        if not reply:
            return text.EOF_WITHOUT_FIN_HINT.format(server=t.label(index), after=max(0.0, after), timeout=t.timeout)
        return text.STOPPED_READING_HINT.format(count=text.counted(text.BYTES, len(reply)), server=t.label(index),
                                                after=max(0.0, after), timeout=t.timeout)
    if conn.answer_end == "RST":
        return text.RST_IS_FAILURE_HINT
    closed = _closed_by(conn, t)
    if closed is not None and closed - t.started < t.timeout:
        # No FIN, and closed before any deadline of the call could have passed: no deadline of the code's starts
        # before the call did (the grader's sight of the close, and of the call's start, err on the safe side).
        # A pause taken for the reply's end, not the deadline; with nothing returned, an EOF that was not the
        # server's FIN (its own shutdown of its read side): the early close's hint, however late the grader saw it.
        if not reply:
            return text.EOF_WITHOUT_FIN_HINT.format(server=t.label(index), after=max(0.0, closed - conn.connected_at),
                                                    timeout=t.timeout)
        return text.PAUSE_IS_NOT_END_HINT.format(count=text.counted(text.BYTES, len(reply)), server=t.label(index),
                                                 after=max(0.0, closed - conn.connected_at), timeout=t.timeout)
    return text.DEADLINE_IS_FAILURE_HINT  # no FIN, and kept until late: the deadline taken for the reply's end


def _read_side_shut(t: Tried) -> int | None:
    """The first server (index) whose connection's reading side the code had shut when its request ended, as the
    kernel showed it (`Connection.read_shut`); None if none."""
    return next((index for index, conn in t.connections if conn.read_shut), None)


def _sent_by(server: Server, conn: Connection) -> bytes:
    """The bytes a server sent on one connection: its reply's first `sent` bytes (the trickling and stalling
    servers send theirs one at a time, over and over)."""
    if not server.reply or not conn.sent:
        return b""
    return (server.reply * (conn.sent // len(server.reply) + 1))[:conn.sent]


def _mixed_in(t: Tried, reply: bytes) -> tuple[int, int, int] | None:
    """(owner, other, extra): the reply holds `owner`'s whole reply and, around it, `extra` bytes that are what
    `other` (another server of the list) sent: bytes of a failed server mixed in (a buffer not emptied between
    servers). Judged on the bytes each server sent on the wire, not on names."""
    for owner, server in enumerate(t.servers):
        whole = server.reply
        if not whole or whole == reply or whole not in reply:
            continue
        rest = reply.replace(whole, b"", 1)
        for other, peer in enumerate(t.servers):
            if other == owner:
                continue
            for conn in peer.connections:
                sent = _sent_by(peer, conn)
                if sent and (rest in sent or sent[:8] in rest):
                    return owner, other, len(rest)
    return None


def _not_a_bug_of_its_own(t: Tried) -> None:
    """An exception that no server caused (not an OSError: a typo, a wrong type, an error of its own) is
    the code's own failure: reported as it is, with the student's traceback and line."""
    __tracebackhide__ = True
    if t.call.status == "raised" and not t.call.result.error.is_a("OSError"):
        # One root cause, one report: the same error in several scenarios is told from the first of them.
        first = next(o for o in (t.others.get(name) for name in TOLD_FIRST) if o is not None and o.call.status == "raised"
                     and o.call.result.error == t.call.result.error) if t.others else t
        raise first.call.failure(first.timeline.copy())


def _closed(conn) -> float | None:
    """When the student's socket of a connection closed: seen in the kernel, or by the server as the FIN of a
    close() (whichever came first: the kernel is looked at now and then, later)."""
    seen = [at for at in (conn.closed_at, conn.request_end_at if conn.request_end == "close" else None) if at]
    return min(seen) if seen else None


def _drawn_at(conn, connects: list[float] = ()) -> tuple[float | None, float | None]:
    """Where a connection's end and the note of its close go in the timeline (times to sort by).

    Its close is one event, seen twice: by the kernel (looked at now and then) and by the server's thread
    (when it reads): drawn at the first sight, never before the connect it follows; its note ("closed N s
    after connecting") right after it, never before. (The kernel may see the close before the thread that
    accepted the connection has even recorded it.) Seen a few ms late, the close came after its connect,
    its request's end and the kernel's last sight of it open: a connect of the client's (`connects`) made
    in between may have come after it, and is drawn so (a client's next server, tried once this one is
    closed). Where the wire shows the end (its FIN or RST), it is drawn at the wire's time.
    """
    closed = _closed(conn)
    end_at = conn.request_end_at
    if conn.request_end == "close" and closed is not None:
        end_at = max(conn.accepted_at, closed)
    closed_at = None if closed is None else max(closed, conn.accepted_at, end_at or closed)
    if conn.end_at is not None and conn.request_end in ("FIN", "RST", "close"):
        # The wire's own time of the end (its FIN or RST), on the clock of the connects' SYNs: in order with
        # the next connect, where a thread's or the kernel watch's sight of it came a few ms late. A socket
        # closed as it ended its request (no reply awaited) is drawn closed right there.
        end_at = max(conn.connected_at, conn.end_at)
        if conn.request_end == "close":
            closed_at = end_at
    if closed_at is not None:
        after = max(conn.connected_at, end_at or conn.connected_at, getattr(conn, "open_seen_at", None) or 0.0)
        closed_at = max(closed_at, after)  # it came after all three, whichever clock saw them
        between = [c for c in connects if after < c < closed_at]
        if between:
            closed_at = (after + between[0]) / 2
    return end_at, closed_at


def _closed_by(conn, t: Tried | None = None) -> float | None:
    """When the student's socket of a connection was closed at the latest: `_closed`, the kernel's or the
    server's sight of it (a few ms late, or far later when the machine kept the grader from looking), or, where
    the run captures packets, the SYN of the client's next connection, if the kernel had not seen this socket
    open after that SYN: code that tries one server after another closes before it connects again. That SYN's
    time is the wire's, whatever the load."""
    closed = _closed(conn)
    if closed is None or t is None or conn.syn_at is None:
        return closed
    after = max(conn.end_at or conn.syn_at, conn.open_seen_at or conn.syn_at)
    nexts = [c.syn_at for _, c in t.connections if c is not conn and c.syn_at is not None and c.syn_at > after]
    return min([closed, *nexts])


def _closed_early(conn, t: Tried | None = None) -> bool:
    """The student's code closed this connection long before its deadline (in its first half: a deadline
    taken a moment before the connect still ends close to it), without waiting for the reply. Timed on the
    wire where the run captures packets (`_closed_by`, from the SYN): a busy machine that kept the grader from
    looking does not make an early close look late."""
    closed = _closed_by(conn, t)
    start = conn.syn_at if t is not None and conn.syn_at is not None else conn.accepted_at
    return closed is not None and closed - start < TIMEOUT / 2


def _escaped(t: Tried) -> bool:
    """The call raised one server's own OSError (a refused connect, a reset, a timeout): not from a raise
    statement of the student's, and not a plain ConnectionError of its own: its except clause missed it."""
    error = t.call.result.error if t.call.status == "raised" and t.call.result is not None else None
    if error is None or not error.is_a("OSError") or error.type in ("ConnectionError", "OSError"):
        return False
    # Re-raised by the code (`raise exc` after the loop): its own choice, told as the wrong type.
    return not any(frame[3].lstrip().startswith("raise") for frame in error.frames or ())


def _skipped(t: Tried) -> int | None:
    """The first position of the list, up to the winner's, that the code never connected to: from the servers'
    own accepts (a server listed twice: its connections in turn, `Tried.connections`) and, for a refusing server,
    the wire's SYNs (the run's capture). A position the grader cannot see tried (no capture, or a deaf server
    without the kernel's table) is never said skipped."""
    tried_at = {index for index, _ in t.connections}
    last = len(t.servers) - 1 if t.winner is None else t.winner
    for index in range(last + 1):
        server = t.servers[index]
        if server.kind == "refusing":
            if index in t.refused and not t.refused[index]:  # captured, and no SYN to it
                return index
        elif _attempts_seen(server) and index not in tried_at:
            return index
    return None


def _why_no_reply(t: Tried) -> str:
    """Why the winning server's reply never made it, from what that server saw."""
    conns = t.servers[t.winner].connections
    shut = _read_side_shut(t)
    if shut is not None:  # the kernel showed the reading side shut: every reply is reset or unread from there on
        return text.READ_SIDE_SHUT_HINT.format(server=t.label(shut))
    skipped = _skipped(t)
    if skipped is not None and (skipped != t.winner or any(s is t.servers[skipped] for s in t.servers[:skipped])):
        # A position never connected to, before the call raised: a server left out of the loop (a repeated address
        # dropped, as dict.fromkeys(servers) does), not a deadline shared by the list (a trial's report said so).
        return text.SKIPPED_SERVER_HINT.format(server=t.label(skipped), type=t.call.result.error.type)
    if not conns:
        return text.NEVER_CONNECTED_HINT.format(server=t.label(t.winner))
    # Its very first connection already closed before the deadline: it never waits for a reply (one that
    # shares one deadline among servers waits the whole of it at the first, and closes early only later).
    every = sorted((c for server in t.servers for c in server.connections), key=lambda c: c.connected_at)
    # (Closed with or without shutdown(SHUT_WR) first: a FIN, then a close the kernel shows, reads the same.)
    if every and _closed_early(every[0], t):
        return text.CLOSED_BEFORE_REPLY_HINT.format(server=t.label(t.winner))
    ended = [c for server in t.servers for c in server.connections if c.request_end == "FIN"]
    # No server of the list ever saw the end of a request, and the winner's was not closed at once: it waited for a
    # reply to a request never ended. (Closed at once, its FIN and its close reach the server together: a deadline
    # already spent, on the servers before it, as one deadline for the whole list spends it: told below.)
    if not ended and not _closed_early(conns[0], t):
        # Given b"": nothing to send, and no FIN either (a send and shutdown under `if request:`).
        return text.EMPTY_REQUEST_NO_FIN_HINT if not t.request else text.NO_REQUEST_EOF_HINT
    # The winner's whole reply and FIN reached the code's socket, and the code gave up on it late (half its timeout
    # or more after connecting, its own deadline, not a shared one spent): it slept through the reply.
    for conn in conns:
        gave_up = _closed_by(conn, t) or (t.call.finished_at if t.call.finished else None)
        if (conn.answer_end == "FIN" and conn.answer_end_at is not None and gave_up is not None
                and gave_up > conn.answer_end_at and gave_up - conn.accepted_at >= t.timeout / 2):
            return text.SLEPT_THROUGH_REPLY_HINT.format(server=t.label(t.winner), after=gave_up - conn.answer_end_at)
    return text.OWN_DEADLINE_HINT


# --------------------------------------------------------------------------- checks


def test_first_reply_moves_past_a_refused_and_a_silent_server(run: Run) -> None:
    """first_reply() moves past a refused and a silent server to a good one.

    Also given an empty request (b""), against a good server alone that replies after the request's EOF: the
    FIN alone ends that request, so the reply comes only if the code sends it with nothing before it (the server
    saw it, or never did: the wire's). Judged as the other lists are (`_expect_reply`), its failure introduced
    by a line saying the request was empty."""
    _expect_reply(tried(run)["refused_silent"])
    empty = tried(run)["empty_request"]
    try:
        _expect_reply(empty)
    except CheckFailed as failure:
        told = "EMPTY_REQUEST_NO_FIN_HINT" in failure.templates
        if not told and not any(c.request_end == "FIN" for _, c in empty.connections) and empty.connections:
            failure = failure.with_hint(text.EMPTY_REQUEST_NO_FIN_HINT)  # a hang, or another story: the FIN too
        raise failure.with_prefix(text.EMPTY_REQUEST_GIVEN) from None


def test_first_reply_abandons_a_silent_server_at_its_deadline(run: Run) -> None:
    """first_reply() gives up on a silent server, and on a connect() never answered, at its deadline.

    Each server's own deadline: in `carried` (refusing, silent, good, with CARRY_TIMEOUT), a deadline that grows by
    the timeout per server gives the silent server the refused one's unused time too, and the kernel shows the wait
    on its socket with a timeout past its own deadline and slack (`_sleeps_past_deadline`): by construction, told
    first (CARRIED_OVER). That the deadline grew, rather than some other wait too long, is only the message's word.
    The `none` list is judged as far as it went: its resetting server comes after the silent one, and a bug of the
    code met only there (a KeyError in the reset's except clause) is the reset and ConnectionError checks' story.
    """
    _expect_own_deadline(tried(run)["carried"])
    for name in ("refused_silent", "none", "silent_twice", "carried"):
        _ended_normally(tried(run)[name], as_far_as_it_went=name == "none")
        _expect_deadline(tried(run)[name], "silent")
    # A server that never answers the handshake: the connect() is a wait like any other, within the deadline.
    deaf = tried(run)["deaf"]
    _ended_normally(deaf)
    if kernel.AVAILABLE:  # its attempts are seen in the kernel's table only (elsewhere: its call's limit stops it)
        _expect_deadline(deaf, "deaf")
    _expect_reply(deaf)


def test_first_reply_abandons_a_trickling_server_at_its_deadline(run: Run) -> None:
    """first_reply() abandons a server that trickles bytes, at its deadline."""
    t = tried(run)["trickling"]
    _ended_normally(t)
    _expect_deadline(t, "trickling")
    # Abandoned in time, but what it had sent by then returned as its reply (the deadline taken for its FIN), or
    # mixed into the good server's: the reply returned is compared with the bytes that server sent, whole.
    _returned_reply_is_the_winners(t)
    # A deadline checked only between recv() calls: a server that trickles, then stops.
    try:
        stalling = stalled(run)
    except CheckFailed as failure:
        # Not made because a call of another list was stopped past a server's deadline: that is no hang (nor
        # slowness), and that server's deadline check tells it; this list was simply not played.
        late = next((o for o in tried(run).values() if o.stopped), None)
        if late is not None and failure.template in ("HUNG_BEFORE", "SLOW_BEFORE"):
            fail(text.STOPPED_PAST_DEADLINE.format(server=late.label(late.connections[-1][0])), late.timeline)
        raise
    _ended_normally(stalling)
    _expect_deadline(stalling, "stalling")
    _returned_reply_is_the_winners(stalling)


def _returned_reply_is_the_winners(t: Tried) -> None:
    """A pair the call returned is the winning server's index and the very bytes it sent: not another
    server's, nor the winner's with bytes of a server that failed before it mixed in (a buffer kept across
    servers). A call that raised, or returned something else, is the other checks' story."""
    __tracebackhide__ = True
    if t.call.status != "returned" or (got := _result(t)) is None:
        return
    want = (t.winner, t.servers[t.winner].reply)
    if got != want:
        fail(text.WRONG_RESULT.format(got=f"({got[0]}, {show(got[1], 30)})", want=f"({want[0]}, {show(want[1], 30)})",
                                      hint=_result_hint(t, *got)), t.timeline)


def test_first_reply_treats_a_reset_as_a_failure(run: Run) -> None:
    """first_reply() treats a reset (RST) mid-reply as a failure.

    Also with one address listed twice (`reset_twice`): the same reference server resets its first connection and
    answers its second, so only the position in the loop, 1, is right with its reply (servers.index((host, port))
    finds 0). Which connection was which is the server's own record, in the order it accepted them.

    And a FIN is no failure, even with no byte before it (`empty_reply`): a server that reads the request, then
    sends its FIN at once, and a good one after it: (0, b""). Its reply taken for a failure returns the good one's
    (EMPTY_REPLY_IS_A_REPLY_HINT, where the wire shows the FIN reached the socket before the code left it)."""
    _expect_reply(tried(run)["reset"])
    _expect_reply(tried(run)["reset_twice"])
    _expect_reply(tried(run)["empty_reply"])


def test_first_reply_waits_for_a_slow_server_that_answers_in_time(run: Run) -> None:
    """first_reply() waits for a slow server that answers in time.

    Judged from the wire: returned the next server's reply while the slow one's whole reply and FIN had reached
    the socket before the code left it (MOVED_ON_AFTER_REPLY: it did not stop at a whole reply), or before they
    came (GAVE_UP_ON_SLOW). Tolerance, on purpose: the slow reply is complete SLOW_PIECES[-1] (0.1 s) into the
    0.2 s timeout, so a client that gives up some time before its deadline (a "safety margin" under 0.1 s) passes
    here. Nor does the silent server's check fail an early give-up: the grader cannot see when the client's clock
    started (before its connect; on a busy machine, any time before), so a close well under 0.2 s after the
    connect may be a correct client's. INSTRUCTORS.md says so ("What lesson 6 does not catch").

    And a slow server with HELD_TIMEOUT (2 s), its first piece at once, the rest held until every timer of the
    code's own shorter than the time left has fired (the kernel's view of its waits, `_hold_slow`): code that takes
    its own shorter timer (settimeout(min(left, 1.0))) for the server's failure has given up before the rest goes,
    by construction (GAVE_UP_ON_OWN_TIMER); code that loops again on it, or waits with the time left, passes.
    """
    t = tried(run)["slow"]
    _expect_given_host(t)
    _own_bug(t)
    slow = t.servers[0].connections
    got = _result(t) if t.call.status == "returned" else None
    if got is not None and got[0] == 1 and got[1] != t.servers[0].reply and slow and _read_side_shut(t) is None:
        # Told from the wire: did the slow server's whole reply and FIN reach the socket before the code left it?
        # Its FIN's time is taken before it leaves; the close is seen by the kernel a little late, so the next
        # server's connect (at the earliest: its SYN, or before its thread last saw none waiting) must come after
        # the FIN too: a client that gave up in the pause connects to the next server in the pause.
        conn = slow[-1]
        closed = _closed(conn)
        nexts = [c.syn_at or c.earliest for c in t.servers[1].connections]
        left_at = [at for at in (closed, min(nexts, default=None)) if at is not None]
        if conn.answer_end == "FIN" and left_at and min(left_at) >= conn.answer_end_at:
            fail(text.MOVED_ON_AFTER_REPLY.format(server=t.label(0), after=conn.answer_end_at - conn.connected_at,
                                                  timeout=TIMEOUT, closed=(closed or min(left_at)) - conn.connected_at), t.timeline)
        if got[1] == t.servers[1].reply:  # the next server's reply: otherwise, what it returned is told as wrong
            fail(text.GAVE_UP_ON_SLOW.format(after=SLOW_PIECES[-1], timeout=TIMEOUT, server=t.label(0)), t.timeline)
    _expect_reply(t)
    # The held list: its slow server held the rest of its reply until a timer of the code's own, shorter than the
    # time left, had fired (`_hold_slow`): the next server's reply returned is a give-up on that timer.
    held = tried(run)["slow_held"]
    got = _result(held) if held.call.status == "returned" else None
    server = held.servers[0]
    if (got is not None and got[0] == 1 and got[1] == held.servers[1].reply and isinstance(server, _HeldSlowServer)
            and server.fired and _read_side_shut(held) is None):
        fail(text.GAVE_UP_ON_OWN_TIMER.format(server=held.label(0), timeout=f"{held.timeout:g}",
                                              held=f"{server.held:.2f}"), held.timeline)
    _expect_reply(held)


def test_first_reply_raises_connectionerror_naming_every_server(run: Run) -> None:
    """first_reply() raises ConnectionError naming every server.

    The list holds every failure the lesson names that leaves no reply: a refused server, a silent one (its
    deadline), one that resets mid-reply, listed twice and reset both times. Named as host:port (whole: not inside
    a longer port), each with what went wrong with it: one note per server tried ("all the notes"), so the address
    listed twice is named twice (ERROR_MISSES_NOTES: a dict keyed by host:port keeps one). Fair to any wording
    (`_without_reason`): the exception's text or class name, "refused", "timed out", "reset", "no reply within
    0.2 s", in any language, after or before the host:port; not one text for all servers, which failed
    differently (the address listed twice may say the same twice); not "None" alone (ERROR_NOTE_SAYS_NONE:
    exc.strerror of a timeout), nor nothing (ERROR_NOTE_EMPTY: str() of a TimeoutError raised without words at the
    code's own deadline check, which the trickling server first in the list makes it reach: frozen past its
    deadline, `_freeze_past_deadline`). Which server is which is the grader's (their kinds); what the message
    says of each is only the student's word, judged as words, not as a true cause.
    """
    t = tried(run)["none"]
    if t.stopped:
        fail(text.STOPPED_PAST_DEADLINE.format(server=t.label(t.connections[-1][0])), t.timeline)
    _finished(t, text.EXPECTED_CONNECTIONERROR)
    if t.call.status == "returned":
        got = _result(t)
        # What the resetting server sent before its RST, returned as a reply: a reset taken for a reply's end.
        reset = (got is not None and 0 <= got[0] < len(t.servers) and t.servers[got[0]].kind == "resetting"
                 and any(c.answer_end == "RST" for c in t.servers[got[0]].connections))
        fail(text.RETURNED_INSTEAD_OF_RAISING.format(value=_shown(t.call.result.value), hint=text.RST_IS_FAILURE_HINT
                                                     if reset else text.MADE_UP_RESULT_HINT), t.timeline)
    error = t.call.result.error
    if _escaped(t):  # a ConnectionRefusedError is a ConnectionError too: not the code's own
        # One explanation per root cause: the same error escaping the first check's list was explained there.
        first = t.others.get("refused_silent") if t.others else None
        told = first is not None and _escaped(first) and first.call.result.error.type == error.type
        hint = (text.ESCAPED_AS_ABOVE_HINT if told else text.OSERROR_ESCAPED_HINT).format(type=error.type)
        fail(text.SERVER_ERROR_ESCAPED.format(type=error.type, message=error.message, hint=hint), t.timeline)
    if not error.is_a("ConnectionError") or error.type in SERVER_CONNECTION_ERRORS:
        # A ConnectionResetError (the list's last server's) raised again is a ConnectionError too, but one server's
        # own, not the code's ConnectionError about the whole list: told as the contract's type missed.
        fail(text.NOT_A_CONNECTIONERROR.format(type=error.type, message=error.message), t.timeline)
    _expect_notes(t, error)
    # A trickling server, given up on at the code's own deadline check (frozen past its deadline): its note
    # too says what went wrong. Judged where it raised a ConnectionError of its own; any other end of it is the
    # trickling check's story (the same server, in the same freeze) or the list above's.
    alone = tried(run)["none_trickling"]
    if (not alone.stopped and alone.call.status == "raised" and alone.call.result.error.is_a("ConnectionError")
            and alone.call.result.error.type not in SERVER_CONNECTION_ERRORS):
        _expect_notes(alone, alone.call.result.error)
    # An empty list: no server replied either. The contract's ConnectionError, not None nor an IndexError.
    # No server, no conversation: its verdicts draw no wire and list no packets (those of the check's other lists
    # are not this call's).
    empty = tried(run)["empty"]
    if not empty.stopped and _is_code_bug(empty):  # an error of the code itself, met only with no server: that call
        error = empty.call.result.error
        lines = [text.EMPTY_LIST_RAISED.format(type=error.type), *text.error_lines(error)]
        hint = text.EMPTY_LIST_RAISED_HINT
        lines.append(lang.Message("  " + hint, None, getattr(hint, "keys", ())))
        raise CheckFailed("\n".join([*lines, *empty.call.printed_report()]), "failed", (), template=lines[0].key,
                          templates=tuple(key for line in lines for key in getattr(line, "keys", ())))
    _finished(empty, text.EXPECTED_CONNECTIONERROR)
    if empty.call.status == "returned":
        fail(text.EMPTY_LIST_RETURNED.format(value=_shown(empty.call.result.value)))
    if not empty.call.result.error.is_a("ConnectionError"):
        fail(text.EMPTY_LIST_NOT_A_CONNECTIONERROR.format(type=empty.call.result.error.type,
                                                          message=empty.call.result.error.message))
def _expect_notes(t: Tried, error) -> None:
    """The ConnectionError the code raised for list `t` (no server replied) names every server tried, host:port, each
    time it was tried, each with words of what went wrong: not "None" alone, not nothing."""
    missing = [_address(s.address) for s in t.servers if _named_at(error.message, _address(s.address)) is None]
    if missing:
        labels = [t.label(i) for i, s in enumerate(t.servers) if _address(s.address) in missing]  # what failed it too
        message = text.ERROR_MISSES_SERVERS.format(message=error.message, missing=text.LIST_SEPARATOR.join(labels))
        if any(address.replace(":", "\uff1a") in error.message for address in missing):  # typed with a Chinese IME
            message = message + "\n  " + text.FULLWIDTH_COLON_HINT
        fail(message, t.timeline)
    addresses = [_address(s.address) for s in t.servers]
    for address in dict.fromkeys(addresses):  # an address listed twice: a note for each time it failed
        named = len(_named_all(error.message, address))
        if named < addresses.count(address):
            labels = [t.label(i) for i, other in enumerate(addresses) if other == address]
            fail(text.ERROR_MISSES_NOTES.format(message=error.message, address=address,
                                                servers=text.LIST_SEPARATOR.join(labels),
                                                named=text.counted(text.TIMES, named),
                                                tried=text.counted(text.TIMES, addresses.count(address))),
                 t.timeline)
    unsaid = _without_reason(error.message, addresses)
    nothing = [(address, note) for address, note in _notes(error.message, addresses) if address in unsaid
               and _NONE.search(note)]
    if nothing:  # "None" where the reason goes: exc.strerror (or errno) of an exception without an error number
        address, note = nothing[0]
        index = addresses.index(address)
        fail(text.ERROR_NOTE_SAYS_NONE.format(server=t.label(index), note=repr(note), message=error.message),
             t.timeline)
    # Nothing at all where the reason goes, after the address and the separator written for it ("host:port: "):
    # str() of an exception raised without words (a bare TimeoutError at the code's own deadline check, the
    # trickling server's). Addresses alone, no separator: no reason was ever meant (ERROR_MISSES_REASONS).
    empty = [(address, note) for address, note in _notes(error.message, addresses) if address in unsaid
             and note[len(address):] and not note[len(address):].strip(_NOTE_SEPARATORS)]
    if empty:
        address, note = empty[0]
        fail(text.ERROR_NOTE_EMPTY.format(server=t.label(addresses.index(address)), note=repr(note),
                                          message=error.message), t.timeline)
    if unsaid:
        fail(text.ERROR_MISSES_REASONS.format(message=error.message, servers=text.LIST_SEPARATOR.join(unsaid)),
             t.timeline)


def _named_at(message: str, address: str) -> re.Match | None:
    """Where the message names host:port (not inside a longer number: 127.0.0.1:4000 is not in ...:40001)."""
    return re.search(rf"(?<![\d.]){re.escape(address)}(?!\d)", message)


def _named_all(message: str, address: str) -> list[re.Match]:
    """Every place the message names host:port (as `_named_at`)."""
    return list(re.finditer(rf"(?<![\d.]){re.escape(address)}(?!\d)", message))


_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more, in any script
# Python's None printed where a reason goes (f"{exc.strerror}" of a timeout): no word of what went wrong.
_NOTE_SEPARATORS = " \t\n:\uff1a-=>,;|/()[]'\""  # what may stand between an address and its reason
_NONE = re.compile(r"(?<![^\W\d_])None(?![^\W\d_])")


def _found(message: str, addresses: list[str]) -> list[tuple[int, int, str]]:
    """Where each server of `addresses` is named, in the message's order: an address listed k times, at its first
    k places (fewer when the message names it fewer times: ERROR_MISSES_NOTES)."""
    return sorted((m.start(), m.end(), address) for address in dict.fromkeys(addresses)
                  for m in _named_all(message, address)[:addresses.count(address)])


def _notes(message: str, addresses: list[str]) -> list[tuple[str, str]]:
    """Each server's note as the message has it, host:port first: its address and the text up to the next
    server's (separators trimmed)."""
    found = _found(message, addresses)
    ends = [start for start, _, _ in found[1:]] + [len(message)]
    return [(address, message[start:end].rstrip(" ;,|/\n\t")) for (start, _, address), end in zip(found, ends,
                                                                                                 strict=True)]


def _without_reason(message: str, addresses: list[str]) -> list[str]:
    """The servers whose part of a ConnectionError's message does not say what went wrong with them.

    Fair to any wording: a server's part is the text between its host:port and the next server's (or the
    message's end), or, where the message puts each reason first ("refused: host:port"), the text between
    the previous server's host:port and its own. It says what went wrong when it holds a word (two letters or
    more, in any language: the exception's text or class name, "refused", "timed out", "reset", "no reply
    within 0.2 s"...), and not the same words as the other servers' parts: the servers failed differently
    (one refused, one silent, one reset), so one text for all says only that each failed; an address listed twice
    (one server, which failed the same way twice) may say the same twice. "None" alone is no word of a reason
    (Python's None printed: exc.strerror of a timeout). Either layout may pass."""
    found = _found(message, addresses)
    if len(found) < len(addresses):
        return []  # a server not named at all (or fewer times than it was tried): ERROR_MISSES_SERVERS, _NOTES
    cuts = [0, *(end for _, end, _ in found)]
    starts = [start for start, _, _ in found] + [len(message)]
    pieces = [message[cuts[i]:starts[i]] for i in range(len(found) + 1)]  # before the first, between, after the last
    def words(piece: str) -> str:
        return " ".join(_WORD.findall(_NONE.sub(" ", piece).lower()))
    def repeated(said: list[str], index: int) -> bool:  # the same words as another server's (not its own again)
        return any(other == said[index] and found[j][2] != found[index][2] for j, other in enumerate(said) if j != index)
    for parts in (pieces[1:], pieces[:-1]):  # each reason after its host:port, or before it
        said = [words(part) for part in parts]
        if all(said) and not any(repeated(said, i) for i in range(len(said))):
            return []
    after = [words(part) for part in pieces[1:]]
    return list(dict.fromkeys(address for i, (_, _, address) in enumerate(found)
                              if not after[i] or repeated(after, i)))


def _expect_some_connection(run: Run) -> None:
    """No pass without a judgement: a first_reply() that connected to no server of any list (it raised at once, or
    returned without trying) gave the order and the sockets' checks nothing to judge, and fails them: with its own
    exception, where it raised one (the root cause), else NEVER_CONNECTED (a trial's class got points for it)."""
    __tracebackhide__ = True
    lists = [t for t in tried(run).values() if t.servers]
    for t in lists:
        _expect_given_host(t)
    if not lists or any(t.connections or t.stopped for t in lists):
        return
    first = lists[0]
    if first.call.status != "returned":  # raised (a stub's NotImplementedError too), died: its own story
        raise first.call.failure(first.timeline.copy())
    fail(text.NEVER_CONNECTED, first.timeline)


def test_first_reply_tries_the_servers_in_order(run: Run) -> None:
    """first_reply() tries the servers in order, each once."""
    _expect_some_connection(run)
    for t in tried(run).values():
        if not t.servers:
            continue  # the empty list: no order to keep (the ConnectionError check judges it)
        _ended_normally(t, as_far_as_it_went=True)
        order = [index for index, _ in t.connections]
        listening = [i for i, server in enumerate(t.servers) if _attempts_seen(server)]
        # In the list's order, each once; and none after a whole reply (its FIN sent before the next connect).
        # Moving on too early is another check's (a reset taken for a reply, a slow server given up on).
        replied = [c.answer_end_at for _, c in t.connections if c.answer_end == "FIN"]
        after_reply = [c for _, c in t.connections if replied and (c.syn_at or c.earliest) > min(replied)]
        # A call that raised went as far as it went (a server's error escaping is the other checks' story).
        if not _in_order(t) or after_reply or (not order and not t.stopped and t.call.status == "returned"):
            want = listening[: listening.index(t.winner) + 1] if t.winner is not None else listening
            fail(text.WRONG_ORDER.format(
                servers=text.LIST_SEPARATOR.join(t.label(i) for i in range(len(t.servers))),
                got=text.LIST_SEPARATOR.join(map(str, order)) or text.ORDER_NONE, want=text.LIST_SEPARATOR.join(map(str, want))), t.timeline)
    # A refused connect() reaches no reference server: only the packets show it (a SYN answered by RST).
    wire = run.wire_facts((LESSON, "first_reply"))
    for t in tried(run).values() if wire is not None else ():
        if t.stopped:
            continue
        for index, server in enumerate(t.servers):
            listed = [i for i, other in enumerate(t.servers) if other is server]  # one address listed twice: twice
            if listed[0] != index:
                continue
            attempts = wire.attempts(server.address, t.played)
            if attempts > len(listed):
                fail(text.CONNECTED_AGAIN.format(server=t.label(index), count=attempts), t.timeline)


def _attempts_seen(server: Server) -> bool:
    """Does the grader see each connection to this server? Not to a refusing one (nothing listens), nor to a deaf
    one where the kernel's table cannot be read (its attempts are seen there only)."""
    return server.kind != "refusing" and (server.kind != "deaf" or kernel.AVAILABLE)


def _in_order(t: Tried) -> bool:
    """The client tried the listening servers in the list's order, each once, as far as it went: judged from
    facts right by construction (`Connection.surely_before`). Where they leave the order of two connections
    open (no capture, and a server's thread that took its connection late), the list's order is given the
    benefit: the code is wrong only if it is wrong in every order the facts allow."""
    conns = t.connections
    listening = [i for i, server in enumerate(t.servers) if _attempts_seen(server)]
    indices = sorted(index for index, _ in conns)
    if indices != listening[: len(indices)]:  # a server tried twice, or one skipped: whatever the order
        return False
    return not any(later.surely_before(earlier) for (i, earlier) in conns for (j, later) in conns if i < j)


def test_first_reply_closes_every_socket(run: Run) -> None:
    """first_reply() closes every socket, whether its server replied or failed.

    Work left running is the cause, told as such: a thread still running when the function returned may hold any
    socket (THREADS_LEFT), and a socket only a child process holds is the child's (SOCKET_HELD_BY_CHILD), not
    "use a with-block"; a child not waited for, or a thread never joined, fails after the sockets."""
    lists = [t for t in tried(run).values() if t.servers]  # the empty list is the ConnectionError check's
    _expect_some_connection(run)
    for t in lists:
        _ended_normally(t, as_far_as_it_went=True)
        if not t.stopped and t.call.status == "returned" and t.call.threads_left:
            t.call.expect_nothing_left(t.timeline)
    for t in lists:
        if t.stopped:
            continue  # stopped past a deadline: reported by the deadline checks; its sockets died with it
        rows = t.call.open_sockets() or []
        unhanded = _never_handed(t)  # made inside a create_connection() that raised: never the code's to close
        # seen by the grader in the call's processes' /proc when its report came
        left = [inode for inode in t.call.open_inodes or [] if inode not in unhanded]
        # Dropped without close(): the runner holds every socket, so the kernel still shows it open; which ones
        # the code had dropped is the student's process's word, and only words the message.
        leaked = [leak for leak in t.call.result.leaked_sockets if (leak.inode in left or not kernel.AVAILABLE)
                  and leak.inode not in unhanded]
        if leaked:
            # Whose socket each was: the server at its other end. The verdict is the kernel's (the socket still
            # open); whose it was only words the message, so the process's own word may tell it too.
            replied = t.call.status == "returned" and (_result(t) or (None,))[0] == t.winner
            owners = {_leaked_from(t, leak, rows) for leak in leaked}
            whose = {owner == t.winner and replied for owner in owners} if None not in owners else {None}
            where = "".join(text.SOCKET_CREATED_AT.format(line=line, file=path.rsplit("/", 1)[-1])
                            for path, line in leaked[0].where[:1])
            if whose == {True}:  # the replying server's socket alone: returned from without close()
                fail(text.REPLIED_SOCKET_GC.format(server=t.label(t.winner), where=where), t.timeline)
            hint = text.FAILED_SOCKET_GC_HINT if whose == {False} else text.EVERY_SOCKET_GC_HINT
            fail(text.FAILED_SOCKETS_GC.format(sockets=text.counted(text.SOCKETS, len(leaked)), where=where, hint=hint),
                 t.timeline)
        if not kernel.AVAILABLE:  # which sockets are still open is the kernel's table
            not_judged(t.timeline)
        if rows and t.call.main_inodes is not None and not {row.inode for row in rows} & t.call.main_inodes:
            row = rows[0]  # held by a child process alone: the function closed its own copies
            fail(text.SOCKET_HELD_BY_CHILD.format(name="first_reply()", what=text.SOCKET_LEFT_OPEN.format(
                state=row.state, local=_address(row.local), remote=_address(row.remote))), t.timeline)
        if left or rows:
            expect_no_open_files(t.call, t.timeline)  # close()d, but a file makefile() made from it still open
            shown = [text.OPEN_ROW.format(state=r.state, remote=_address(r.remote)) for r in rows]
            if len(left) > len(rows):  # open sockets whose connection the kernel's table no longer has
                shown.append(text.OPEN_WITHOUT_ROW.format(count=len(left) - len(rows)))
            fail(text.FAILED_SOCKETS_OPEN.format(sockets=text.counted(text.SOCKETS, max(len(left), len(rows))),
                                                 where="; ".join(shown) or "-"), t.timeline)
    for t in lists:
        if not t.stopped:
            t.call.expect_nothing_left(t.timeline)


def _never_handed(t: Tried) -> set[int]:
    """The inodes of the sockets made inside a socket.create_connection() call that raised ValueError and ended the
    function (a negative timeout: its settimeout() raised before it returned the socket): the code never received
    them, and create_connection() closes its socket on an OSError only. Not the code's leak: the cause, the timeout
    passed to it, is told where the ValueError is (CREATE_CONNECTION_TIMEOUT_HINT). The student's process's word
    (its traceback's last frame, the line each socket was made at), which can only hide a leak."""
    error = t.call.result.error if t.call.status == "raised" and t.call.result is not None else None
    if error is None or not error.is_a("ValueError") or not error.frames:
        return set()
    file, line, _, source = error.frames[-1]
    if "create_connection(" not in (source or ""):
        return set()
    return {leak.inode for leak in t.call.result.leaked_sockets if [file, line] in [list(w) for w in leak.where[:1]]}


def _leaked_from(t: Tried, leak, rows: list) -> int | None:
    """The index of the server a socket dropped without close() was connected to, or None if unknown.

    Its row in the kernel's table, found by its inode, gives its other end. A connection that ended both ways
    (the replying server's: its FIN read, the code's FIN sent) is TIME_WAIT, a row with no inode: then the
    socket's own local address, as the student's process reported it with the warning (its word, used only to
    word the message), is matched with the client address each server saw on accept (the grader's fact). A
    socket whose local address no server saw connected to none that accepted it (a refused server's): -1.
    None: not known (no row, and no address in the warning).
    """
    for row in rows:
        if row.inode == leak.inode:
            return next((i for i, server in enumerate(t.servers) if _address(server.address) == _address(row.remote)),
                        -1)
    if leak.local is None:
        return None
    local = tuple(leak.local)
    return next((i for i, conn in t.connections if conn.client and tuple(conn.client)[:2] == local), -1)


def _expect_deadline(t: Tried, kind: str) -> None:
    """Every connection to a server of this kind was closed by the student's code within its bound."""
    __tracebackhide__ = True
    timed = [i for i, server in enumerate(t.servers) if server.kind == kind]
    if not t.stopped and not any(i in timed for i, _ in t.connections):  # nothing to judge is not a pass
        if _escaped(t):  # an earlier server's error left first_reply(): that is the cause, not the order
            error = t.call.result.error
            fail(text.NOT_REACHED_ESCAPED.format(server=t.label(timed[0]), type=error.type, message=error.message),
                 t.timeline)
        fail(text.NEVER_TRIED.format(server=t.label(timed[0])), t.timeline)
    reached = [conn for index, conn in t.connections if index in timed and (conn.request_end == "FIN" or not conn.handshake)]
    if (not t.stopped and kind in ("trickling", "stalling") and _nonblocking(t)
            and all(not conn.sent for index, conn in t.connections if index in timed)):
        # Closed before its first byte came (a gated server's: by construction), the error a recv() that never waits
        # raises: the FIN, if the server saw one before the close, made no difference.
        fail(text.NEVER_GOT_TO_NONBLOCKING.format(server=t.label(timed[0]), type=t.call.result.error.type),
             t.timeline)
    if not t.stopped and not reached and kind != "silent":
        # Connected, but the request never ended (no shutdown(SHUT_WR)): the server waits for its EOF, so it never
        # trickled (or stalled) in front of the code, and how the code meets that was never seen. (A silent server
        # says nothing either way: the code's give-up is judged there all the same.)
        fail(text.NEVER_GOT_TO.format(server=t.label(timed[0])), t.timeline)
    for index, conn in t.connections:
        if t.servers[index].kind != kind:
            continue
        if conn.request_end != "FIN" and conn.handshake:
            continue  # no complete request: the server never got to be silent or to trickle (other checks)
        bound = t.bound
        slack = f"{bound - t.timeout:.2f}"  # SLACK, and the time a busy machine kept the code from running
        # Abandoned: closed, or left behind for the next server (sockets left open: the check about closing).
        later = [c.connected_at for _, c in t.connections if c.connected_at > conn.connected_at]
        returned = t.call.finished_at if t.call.status in ("returned", "raised") else None
        ends = [at for at in (conn.closed_at, *later[:1], returned) if at]
        if conn is t.stopped_at and t.planned_wait is not None and _carried_over(t, index):
            _fail_carried_over(t, index, slack)  # the kernel's wait, past this server's own deadline: it stands
        if (conn.stopped and t.stopped) or not ends:
            template = {"trickling": text.TRICKLE_NOT_ABANDONED, "stalling": text.STALL_NOT_ABANDONED,
                        "deaf": text.DEAF_NOT_ABANDONED}.get(kind, text.SILENT_NOT_ABANDONED)
            if t.planned_wait is not None and conn is t.stopped_at:  # seen asleep past its deadline, not timed
                template = text.WAITS_PAST_DEADLINE
            elif kind == "trickling" and t.no_timeout and conn is t.stopped_at:  # no timeout at all, not one per recv
                template = text.TRICKLE_NO_TIMEOUT
            wall_line = _wall_clock_line(t.call.run)
            if wall_line is not None:  # the deadline moved with the call's wall clock: that is the story
                template = text.WALL_CLOCK_NOT_ABANDONED
            elif (wall_line := _cpu_clock_line(t.call.run)) is not None:
                template = text.CPU_CLOCK_NOT_ABANDONED  # a deadline on a clock that stands still while the code waits
            lines = [template.format(server=t.label(index), after=bound, timeout=t.timeout, slack=slack,
                                     every=TRICKLE_EVERY, sent=text.counted(text.BYTES, conn.sent), stall=t.stall_at,
                                     planned=t.planned_wait or 0.0, file=f"{LESSON}.py", line=wall_line,
                                     code=_source_line(t.call.run, wall_line),
                                     step=WALL_CLOCK_STEP)]
            if t.call.stuck_at:
                lines += [text.STUCK_AT_NOW, *t.call.stuck_at]
            raise CheckFailed("\n".join(lines), "failed", t.timeline.render(), template=getattr(lines[0], "key", None))
        took = min(ends) - conn.accepted_at
        if took > bound:
            template = {"trickling": text.TRICKLE_LATE, "stalling": text.STALL_LATE, "deaf": text.DEAF_LATE}.get(
                kind, text.SILENT_LATE)
            fail(template.format(server=t.label(index), took=took, timeout=t.timeout, slack=slack, stall=t.stall_at),
                 t.timeline)
        _expect_closed_before_moving_on(t, index, conn)


def _carried_over(t: Tried, index: int) -> bool:
    """A wait seen past a silent server's deadline and slack that one server's unused time explains: the server
    right before it in the list refused the connect at once (no time spent), the wait is no longer than the two
    servers' timeouts together (and the slack), and a silent server with nothing before it was left in time. The verdict is the kernel's (the wait, past this server's own
    deadline, by construction); which mistake it is only words the message."""
    # Where nothing was carried over (a silent server first in its list: `silent_twice`), no wait past its deadline
    # was seen: else the wait is too long for another reason (a margin added to each wait), told as that.
    first = t.others.get("silent_twice") if t.others else None
    return (index > 0 and t.servers[index].kind == "silent" and t.servers[index - 1].kind == "refusing"
            and t.planned_wait is not None and t.planned_wait <= 2 * t.timeout + SLACK
            and (first is None or first.stopped_at is None))


def _fail_carried_over(t: Tried, index: int, slack: str) -> None:
    __tracebackhide__ = True
    fail(text.CARRIED_OVER.format(server=t.label(index), previous=t.label(index - 1), planned=t.planned_wait,
                                  timeout=t.timeout, slack=slack), t.timeline)


def _expect_own_deadline(t: Tried) -> None:
    """The carried list first: a wait the kernel showed past the silent server's own deadline, right after a
    refused server, is told as the refused server's unused time given to it (CARRIED_OVER), whatever other list
    showed what (its clock's verdict there may be forgiven to a busy machine; this wait is not)."""
    __tracebackhide__ = True
    if t.stopped_at is None or t.planned_wait is None:
        return
    for index, conn in t.connections:
        if conn is t.stopped_at and _carried_over(t, index):
            _fail_carried_over(t, index, f"{t.bound - t.timeout:.2f}")


def _nonblocking(t: Tried) -> bool:
    """The call raised an error that a recv() on a non-blocking socket raises at once when nothing has come yet
    (BlockingIOError, [Errno 11] Resource temporarily unavailable), itself or named in its message (the notes of a
    ConnectionError): a timeout of 0 (settimeout(int(left)) with less than a second left). Only the student's
    code's word (its exception's text): it picks the hint, never the verdict."""
    if t.call.status != "raised" or t.call.result is None:
        return False
    error = t.call.result.error
    return error.is_a("BlockingIOError") or bool(NONBLOCKING_WORDS.search(error.message))


def _source_line(run: Run, lineno: int | None) -> str:
    """Line `lineno` of the student's lesson file as it ran, stripped, made safe to print."""
    lines = (run.source(LESSON) or b"").decode("utf-8", errors="replace").splitlines()
    return untrusted.clean(lines[lineno - 1].strip())[:120] if lineno and 1 <= lineno <= len(lines) else ""


def _wall_clock_line(run: Run) -> int | None:
    """The first line of the student's source that reads the wall clock (time.time(), time.time_ns(), or either
    imported by name), read, not run: the hint's word. The verdict is the deadline missed, on the wire."""
    return _clock_line(run, WALL_CLOCK, datetime_too=True)


def _cpu_clock_line(run: Run) -> int | None:
    """The first line of the student's source that reckons with a clock of CPU time (time.process_time(),
    thread_time(), their _ns forms), read, not run: such a clock hardly moves while the code waits, so a deadline
    taken from it never comes. Only the message's word: the verdict is the deadline missed, on the wire."""
    return _clock_line(run, CPU_CLOCK)


def _clock_line(run: Run, clock: set[str], datetime_too: bool = False) -> int | None:
    """The first line of the student's source that reads one of the time module's `clock` functions (or, with
    `datetime_too`, datetime's now()), preferring a reading that takes part in a reckoning."""
    source = run.source(LESSON)
    try:
        tree = ast.parse(source or b"", f"{LESSON}.py")
    except (SyntaxError, ValueError):
        return None
    modules, names = {"time"}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.asname or alias.name for alias in node.names if alias.name == "time"}
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            names |= {alias.asname or alias.name for alias in node.names if alias.name in clock}
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    readings = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Attribute) and node.func.attr in clock
         and isinstance(node.func.value, ast.Name) and node.func.value.id in modules)
        or (isinstance(node.func, ast.Name) and node.func.id in names)
        or (datetime_too and isinstance(node.func, ast.Attribute) and node.func.attr in DATETIME_NOW  # datetime.now(),
            and "datetime" in ast.unparse(node.func.value)))]  # and datetime.datetime.now()

    def reckons(node: ast.AST) -> bool:
        """A reading that takes part in a sum, a difference or a comparison (a deadline, time left), or is kept
        in a name: not one only printed or logged (a trial's report named its print() of the time)."""
        while node in parents and not isinstance(node, ast.stmt):
            node = parents[node]
            if isinstance(node, (ast.BinOp, ast.Compare, ast.AugAssign, ast.Assign, ast.AnnAssign, ast.NamedExpr)):
                return True
            if isinstance(node, ast.Call):
                return False
        return False

    reckoned = [node.lineno for node in readings if reckons(node)]
    return min(reckoned or [node.lineno for node in readings], default=None)


def _expect_closed_before_moving_on(t: Tried, index: int, conn: Connection) -> None:
    """The socket of a server given up on was closed before the code went on: the kernel never showed it open
    after a later server of the list had received the code's whole request (its FIN).

    By construction, not by the clock: code that tries one server after another closes the first socket before
    its next connect (a with-block's exit, a close() in finally, a callback of asyncio's loop run before the
    next request can be written), and the Watch's sight of it open (`open_seen_at`) is taken after that request
    had come. A socket kept in a list and closed when first_reply() returns, or left to a thread or a child
    process still waiting in its recv(), is seen so while the next server's own deadline runs (`silent_twice`:
    two silent servers in a row, each held for a whole timeout)."""
    __tracebackhide__ = True
    if conn.open_seen_at is None or not kernel.AVAILABLE:
        return
    for later_index, later in t.connections:
        if later is conn or later_index == index or later.connected_at < conn.connected_at:
            continue
        if later.request_end == "FIN" and later.request_end_at is not None and conn.open_seen_at > later.request_end_at:
            call = t.call
            held = call.threads_left or call.children_left or (call.result is not None and call.result.threads_unjoined)
            if not held and call.result is not None and call.result.leaked_sockets:
                return  # dropped without close(): the runner keeps such sockets open; the socket check tells it
            if call.threads_left or (call.result is not None and call.result.threads_unjoined):
                hint = text.HELD_BY_THREAD_HINT.format(threads=text.counted(text.MORE_THREADS, max(1, call.threads_left)))
            elif call.children_left:
                hint = text.HELD_BY_CHILD_HINT.format(processes=text.counted(text.CHILD_PROCESSES, call.children_left))
            elif call.result is not None and any(entry.socket_closed for entry in call.result.files_open):
                hint = text.HELD_BY_FILE_HINT  # its close() called, a file of makefile() holds it (the process's word)
            else:
                hint = text.CLOSE_AT_DEADLINE_HINT
            fail(text.HELD_AFTER_MOVING_ON.format(server=t.label(index), next=t.label(later_index),
                                                  moved=later.request_end_at - conn.accepted_at,
                                                  seen=conn.open_seen_at - conn.accepted_at, timeout=t.timeout,
                                                  hint=hint), t.timeline)
