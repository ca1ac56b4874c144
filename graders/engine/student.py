"""A call of student code: one function of the student's module, in its own sandboxed process.

`StudentCall` owns the life of that process, from its fork (by the run's
fork server, see `run.py` and `fork_server.py`) to its kill, and everything the
grader reads back from it: the report on the result pipe (decoded once into
a `verdict.Report`), what it printed, its stack when it hangs, its exit
status; and what the grader observes of it in the kernel: the sockets it
still holds, its threads, the CPU time it used. `failure()` turns a call
that did not return into the check's verdict, naming the cause rather than
the symptom: code still running at import (its line), a print flood, busy
(SLOW) or asleep (HUNG) at the limit, a TypeError about arguments or an
unpacked accept() (messages.diagnosis).

A run remembers two things across calls (`Run.broken_calls`, `Run.stopped`):
a function whose module cannot run it (a stub, a syntax or import error)
reuses its first report without a process, and a function stopped at its
limit fails its later checks at once, in a line pointing at the first.
The end of a connection seen by the peer is the grader's doing when it
killed the process first or closed the socket it had given
(`ended_by_grader`): the timeline never draws that as the student's.

Over 500 lines: one class, `StudentCall`, the life of one process of student code from fork to kill.
"""

from __future__ import annotations

import ast
import os
import re
import select
import signal
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from graders.engine import deadlock, kernel, sandbox, untrusted, wire
from graders.engine.timeline import Timeline
from graders.engine.verdict import BROKEN, PRINTED_FRAME, PRINTED_THREAD_DIED, CheckFailed, Report, decode_report
from graders.text import lang, messages

if TYPE_CHECKING:
    from graders.engine.run_view import RunForCall

# Named time limits, each with what it is for.
DEFAULT_CALL_LIMIT = 3.0
CALL_LIMIT_RANGE = (0.5, 600.0)


def call_limit(value: str | None = None) -> float:
    """A call's limit: COURSE_CALL_LIMIT (seconds) if it is set and sensible, else DEFAULT_CALL_LIMIT.

    Raises ValueError for a value that is not a number in CALL_LIMIT_RANGE
    (the plugin turns it into a usage error; here the default stands).
    """
    value = os.environ.get("COURSE_CALL_LIMIT", "") if value is None else value
    if not value.strip():
        return DEFAULT_CALL_LIMIT
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(value) from None
    if not CALL_LIMIT_RANGE[0] <= seconds <= CALL_LIMIT_RANGE[1]:
        raise ValueError(value)
    return seconds


try:  # a call of student code, from start to its last observable effect (an instructor may set it)
    CALL_LIMIT = call_limit()
except ValueError:
    CALL_LIMIT = DEFAULT_CALL_LIMIT  # the plugin refuses the run with a message
# faulthandler writes a stack in ASCII: every other letter of a name as \xHH, \uHHHH or \UHHHHHHHH.
FAULTHANDLER_ESCAPE = re.compile(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})")
DUMP_WAIT = 0.5  # how long a hung process gets to write its stack dump before SIGKILL
LIFETIME_MARGIN = 10.0  # a student process outlives its limit by at most this, grader or not
KILL_WAIT = 2.0  # how long a killed process may take to be gone
CLOSE_WAIT = 2.0  # how long a process asked for the caller's close of its given socket may take to say it did
CLOSE_GIVEN = signal.SIGUSR2  # that request (fork_server.CLOSE_GIVEN: the runner's handler, set after the call)
OUTPUT_CAP = sandbox.LIMITS["output"]  # what a student's process may print (fork_server.py: RLIMIT_FSIZE, from the config)
REPORT_CAP = 8 << 20  # bytes of a call's report: far more than any honest one (big values travel as digests)
PRINTED_PART = 1500  # bytes of its output's beginning, and of its end, shown in a report
PRINTED_LINES = 20  # lines of its output shown in a report: the first and the last half of them
PRINTED_WIDTH = 160  # characters of one printed line shown
DUMP_CAP = 64 << 10  # bytes of a stack dump read back
CPU_LOOK = 0.02  # how often a call with a CPU budget has its CPU time read
THREAD_EXIT_WAIT = 0.5  # how long a thread its code joined may take to leave the kernel's list of threads
# A call stopped at its limit that had used at least this share of the time on the CPU was busy
# (too slow, or a loop that never ends): SLOW. One that slept, waiting for something, was stuck: HUNG.
BUSY_SHARE = 0.1


# Processes a library starts for itself and keeps for the whole run, which no code of the student's waits for:
# multiprocessing's resource tracker and fork server (its "spawn" and "forkserver" start methods).
LIBRARY_HELPERS = (b"multiprocessing.resource_tracker", b"multiprocessing.forkserver")


def _library_helper(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            command = f.read()
    except OSError:
        return False
    return any(helper in command for helper in LIBRARY_HELPERS)


def _unescaped(name: str) -> str:
    """A name as faulthandler writes it, ASCII only (a function named 处理 as \\u5904\\u7406), in its own letters."""
    return FAULTHANDLER_ESCAPE.sub(lambda found: chr(int(found.group(1)[1:], 16)), name)


def _source_tree(source: bytes | None) -> ast.Module | None:
    """The student's source parsed (read, never run), for a hint's choice; None if empty or not Python."""
    if not source:
        return None
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def writes_unflushed(source: bytes | None) -> bool:
    """The student's source (read, not run) writes through a buffered file made by makefile() ("w" in its mode,
    buffering not 0) and never calls flush(): what it wrote may still sit in that file's buffer, never sent, while
    it waits for a reply (a hint for a hang, never a verdict)."""
    tree = _source_tree(source)
    if tree is None:
        return False
    if any(isinstance(node, ast.Attribute) and node.attr == "flush" for node in ast.walk(tree)):
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "makefile":
            modes = [arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant)]
            modes += [kw.value.value for kw in node.keywords if kw.arg == "mode" and isinstance(kw.value, ast.Constant)]
            unbuffered = any(kw.arg == "buffering" and isinstance(kw.value, ast.Constant) and kw.value.value == 0
                             for kw in node.keywords) or any(
                isinstance(arg, ast.Constant) and arg.value == 0 for arg in node.args[1:2])
            if any(isinstance(mode, str) and "w" in mode for mode in modes) and not unbuffered:
                return True
    return False


def sends_with_sendall_only(source: bytes | None) -> bool:
    """The student's source (read, not run) sends with sendall() and never calls send(), sendmsg(), sendfile()
    or a file's write(): bytes that stop part-way were never given to it (a hint's choice, never a verdict)."""
    tree = _source_tree(source)
    if tree is None:
        return False
    called = {node.func.attr for node in ast.walk(tree)
              if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
    return "sendall" in called and not called & {"send", "sendmsg", "sendfile", "write", "writelines"}


NOT_WAITING = {"settimeout": (0,), "setblocking": (False,)}  # calls whose argument makes a socket's recv() not wait


def drain_does_not_wait(source: bytes | None, call: StudentCall, function: str) -> bool:
    """Does `function`'s drain (lesson 4's reject_and_drain()) stop at the first moment nothing is queued? Its call
    raised BlockingIOError, or its source (read, not run) names MSG_DONTWAIT or calls settimeout(0) or
    setblocking(False) in that function. Only the hint's word: the verdict is the RST, from the wire."""
    error = call.result.error if call.result is not None else None
    if call.status == "raised" and error is not None and error.is_a("BlockingIOError"):
        return True
    tree = _source_tree(source)
    if tree is None:
        return False
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == function]
    for node in (inner for found in functions for inner in ast.walk(found)):
        if isinstance(node, (ast.Attribute, ast.Name)) and (getattr(node, "attr", None) or getattr(node, "id", None)) \
                == "MSG_DONTWAIT":
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and len(node.args) == 1 \
                and isinstance(node.args[0], ast.Constant) and node.args[0].value in NOT_WAITING.get(node.func.attr, ()):
            return True
    return False


def shuts_reading(source: bytes | None, function: str) -> bool:
    """Does `function`'s source (read, not run) shut its reading side: SHUT_RD or SHUT_RDWR named, or shutdown(0) or
    shutdown(2)? Then its recv() returns b"" as soon as what had come is read. Only a hint's word."""
    tree = _source_tree(source)
    if tree is None:
        return False
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == function]
    for node in (inner for found in functions for inner in ast.walk(found)):
        if (getattr(node, "attr", None) or getattr(node, "id", None)) in ("SHUT_RD", "SHUT_RDWR"):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "shutdown" \
                and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in (0, 2):
            return True
    return False


def _empty_buffer(node: ast.AST, empty: set[str]) -> bool:
    """Is `node` a buffer of 0 bytes: bytearray(), bytearray(0), b"", memoryview() of one, or a name bound to one?"""
    if isinstance(node, ast.Name):
        return node.id in empty
    if isinstance(node, ast.Constant):
        return node.value == b""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        if node.func.id == "bytearray":
            return not node.args or (len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
                                     and node.args[0].value in (0, b""))
        if node.func.id == "memoryview" and len(node.args) == 1:
            return _empty_buffer(node.args[0], empty)
    return False


def reads_nothing(source: bytes | None, function: str) -> bool:
    """Does `function`'s source (read, not run) read 0 bytes at a time: recv(0), or recv_into() a buffer of 0 bytes
    (bytearray(), or a name bound to one in that function) or with nbytes 0? Such a read returns 0 (b"") at once,
    whatever is queued, and a loop that takes it for EOF stops there. Only a hint's word."""
    tree = _source_tree(source)
    if tree is None:
        return False
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == function]
    nodes = [inner for found in functions for inner in ast.walk(found)]
    empty: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Assign) and _empty_buffer(node.value, empty):
            empty.update(target.id for target in node.targets if isinstance(target, ast.Name))
    for node in nodes:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        sizes = list(node.args[1:2]) + [word.value for word in node.keywords if word.arg == "nbytes"]
        if node.func.attr == "recv" and isinstance(node.args[0], ast.Constant) and node.args[0].value == 0:
            return True
        if node.func.attr in ("recv_into", "recvfrom_into") and (
                _empty_buffer(node.args[0], empty)
                or any(isinstance(size, ast.Constant) and size.value == 0 for size in sizes)):
            return True
    return False


def except_as_name(source: bytes | None, error) -> str | None:
    """The name a NameError (UnboundLocalError) is about, if an `except ... as NAME:` of the function it was raised in
    binds it (the student's source, read, not run): Python deletes that name when the except block ends. None if not.
    Only the hint's word: the verdict is the exception."""
    if not source or error is None or not error.is_a("NameError") or not error.frames:
        return None
    found = re.search(r"'([A-Za-z_][A-Za-z0-9_]*)'", error.message or "")
    if found is None:
        return None
    name, line = found.group(1), error.frames[-1][1]
    tree = _source_tree(source)
    if tree is None:
        return None
    functions = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                 and node.lineno <= line <= (node.end_lineno or node.lineno)]
    if not functions:
        return None
    innermost = max(functions, key=lambda node: node.lineno)
    handlers = (node for node in ast.walk(innermost) if isinstance(node, ast.ExceptHandler) and node.name == name)
    return name if next(handlers, None) is not None else None


class StudentCall:
    """One function of the student's module running in a sandboxed child process.

    The grader keeps its own descriptors of everything it reads back: the
    result pipe, the output file, the stack-dump file, the exit-status pipe.
    None of them has a name the student's code could swap for a symlink.
    """

    def __init__(self, run: RunForCall, module: str, function: str, args: list, *,
                 limit: float = CALL_LIMIT, sock: dict | None = None, target: Path | None = None,
                 remember_stop: bool = True, cpu_cap: float | None = None, wall_clock_step: float = 0.0,
                 prelude: list[dict] | None = None):
        self.run = run
        self.reference = target is not None and Path(target).resolve() != run.target
        self.started_wall = time.time()  # when it started, as the packet capture stamps time
        self.target = Path(target).resolve() if target else run.target
        self.module = module
        self.function = function
        self.limit = limit
        self.result: Report | None = None  # the runner's report, once complete
        self.died: str | None = None  # how the process ended, if it ended without a report
        self.timed_out = False
        self.busy = False  # stopped at its limit while running on the CPU (SLOW), not asleep waiting (HUNG)
        self.cpu_used: float | None = None  # seconds of CPU when it was stopped
        self.stuck_at: list[str] = []
        self.stuck_frames: list[tuple[str, int, str]] = []  # (file, line, function) of stuck_at, outermost first
        # The thread that called the function (its main thread), when the stack was taken: its student's frames as
        # stuck_at, and the library calls it waited in below them (.../threading.py, join; innermost first).
        self.main_stuck_at: list[str] = []
        self.main_waits_in: list[tuple[str, str]] = []  # (path, function)
        self.flooded = False  # it printed up to the output cap
        # A check of its own judges the join() of every thread (lesson 7's "waits for every thread"): the others
        # then judge what they observe, not that (`expect_joined`).
        self.joins_judged_apart = False
        # Threads of the call seen to outlive a short timer of their own (deadlock.hold_past_timers): not held again
        self.timers_outlived: set = set()
        self.long_held = False  # a long hold (deadlock.hold_past_long_timer) held it once already: not again
        self.silence_timer: float | None = None  # a timer of its own that ended it in a peer's silence (long hold)
        # Which call this is, in the student's terms, where a check makes several at once (lesson 6's lists): the
        # heading of its own prints, when more than one of them printed (plugin.py).
        self.label = ""
        self.output_shown = False  # what it printed is in a report already (shown with one check only)
        self.listened_on: tuple | None = None  # a server on every interface (0.0.0.0): (its address, the one asked)
        # It made UDP sockets and no TCP one: its process's word when it ended (the report), the kernel's
        # (its sockets in /proc/net/udp, none in the TCP table) when it was stopped at its limit. Words a hint.
        self.udp = False
        self.killed = False
        self.killed_at = 0.0  # when the grader killed the process (its sockets then close: the grader's doing)
        self.closes_given = bool(sock and sock.get("close"))  # the runner closes the given socket after the call
        self.finished_at = 0.0
        self._open_rows: list[kernel.Row] | None = None
        self._open_inodes: list[int] | None = None
        self.main_inodes: set[int] | None = None  # the sockets the called process itself held (not a child)
        self.threads_left = 0
        self.children_left = 0  # processes of the call besides its own when the report arrived (alive or zombie)
        self.given: tuple | None = None  # (local, remote) of the socket the function was given, if any
        self.first_peer = None  # a prelude call's reference peer (lessons 3, 5): its socket kept open until this call is over
        # ...and its inode, as the kernel showed it when the reference peer accepted (0: not looked up): still the
        # given socket once its function shut it down, when its connection's row is gone or a TIME_WAIT's
        self.given_inode = 0
        self.given_copies = 0  # copies of it the code made (dup(), fromfd()) and held once its report arrived
        self.copied_inode = 0  # ...of this inode
        self.accepted_at = 0.0  # when the reference peer's side of the connection was established
        self.cpu_accepted: float | None = None  # the student's process's CPU time then (Linux)
        self.cpu_finished: float | None = None  # ... and when its report arrived
        self.own_cpu_accepted: float | None = None  # the same, of the called process alone (no child's)
        self.own_cpu_finished: float | None = None
        # A budget of CPU time: past it, the call is stopped as slow at once (speed checks, Linux).
        self.cpu_cap = cpu_cap
        self.cpu_capped = False  # it was stopped for that
        # Stopped at once, before its limit: the kernel showed it and the peer waiting for each other (deadlock.py).
        self.deadlocked = False
        self.deadlock_at_eof = False  # ...with a socket waited on at its EOF (CLOSE_WAIT: an edge reported once)
        self._deadlock_look: tuple | None = None  # the last look that found it so
        self._deadlock_next = 0.0  # when the next look is due
        self._cpu_next = 0.0
        self._exit_code: int | None = None
        self._buffer = bytearray()
        self._fd = -1
        self._status_fd = -1
        self.pid = 0
        refused = run.refused.get(module) if not self.reference else None
        if refused:
            raise CheckFailed(refused)
        # remember_stop=False: a check that stops the call on purpose at its own limit (a speed check), and
        # may run it again with a longer one, neither skips it nor makes later checks skip it.
        self.remember_stop = remember_stop and not self.reference
        before = stopped_before(run, module, function) if self.remember_stop else None
        if before is not None:  # one hang costs its limit once per run: the first report says it all
            raise before
        known = run.broken_calls.get((module, function)) if not self.reference else None
        if known is not None:
            # A stub, a syntax error, a module that fails on import: the copied file cannot change during
            # the run, so every call ends the same way. Its report is reused, with no process to start.
            self.result, self.output, self.dump = known.result, known.output, known.dump
            self.started = self.finished_at = time.monotonic()
            self.deadline = self.started + limit
            return
        self.output = tempfile.TemporaryFile(dir=run.scratch_dir())  # what the student's code prints
        self.dump = tempfile.TemporaryFile(dir=run.scratch_dir())  # faulthandler's stack dump on a hang
        copies, files = run.copies(self.reference)
        call_number = next(run.counter)
        spec = {
            "module": module, "function": function, "args": args, "socket": sock,
            "copies": copies, "files": files, "lifetime": limit + LIFETIME_MARGIN,
            "scratch": run.call_scratch(call_number, self.reference),
            # Seconds the call's wall clock is set back between two readings of it (fork_server.step_wall_clock).
            "wall_clock_step": wall_clock_step,
            # Calls of the same function made first, in the same process, their outcome not reported
            # (`fork_server.run_prelude`): the call judged is then a second call, as in a program that calls it again.
            "prelude": prelude or [],
        }
        result_r, result_w = os.pipe()
        status_r, status_w = os.pipe()
        try:
            self.pid = run.forkserver(self.reference).start(wire.dumps(spec), result_w, self.output.fileno(),
                                                           self.dump.fileno(), status_w)
        finally:
            os.close(result_w)
            os.close(status_w)
        os.set_blocking(result_r, False)
        os.set_blocking(status_r, False)
        self._fd = result_r
        self._status_fd = status_r
        self.started = time.monotonic()
        self.deadline = self.started + limit
        run.calls.append(self)
        if not self.reference:
            run.check_calls.append(self)

    # ---- watching

    def fileno(self) -> int:
        return self._fd

    @property
    def finished(self) -> bool:
        """True once the function returned or raised, or the process died."""
        return self.result is not None or self.died is not None or self.killed

    def pump(self) -> None:
        """Read whatever the student's process has reported so far.

        The report is the student's process's word: bounded in size, decoded
        without ever becoming an object of the grader, and checked for shape.
        Anything else (too big, malformed) is that call's failure.
        """
        while self._fd >= 0 and not self.finished:
            try:
                chunk = os.read(self._fd, 1 << 20)
            except BlockingIOError:
                return
            if not chunk:
                self._on_eof()
                return
            self._buffer += chunk
            try:
                total = wire.message_length(self._buffer)
            except ValueError:
                total = None
            if total is not None and total > REPORT_CAP:
                self._bad_report(messages.REPORT_TOO_BIG.format(size=total, cap=REPORT_CAP >> 20))
                return
            if total is not None and len(self._buffer) >= total:
                try:
                    self.result = decode_report(wire.loads(bytes(self._buffer[:total])))
                    self.flooded = self._output_size() >= OUTPUT_CAP
                except (ValueError, TypeError, KeyError, RecursionError, UnicodeDecodeError):
                    self._bad_report(messages.REPORT_MALFORMED)
                    return
                self._buffer = bytearray()
                self.finished_at = time.monotonic()
                self.udp = self.result.udp_only
                self.cpu_finished = kernel.cpu_time(self.pid) if kernel.AVAILABLE else None
                self.own_cpu_finished = kernel.own_cpu_time(self.pid) if kernel.AVAILABLE else None
                if kernel.AVAILABLE:  # seen by the grader in /proc, not reported by the student's process
                    # Held by any process of the call: a child it forked (setsid() or not) holds its copies.
                    inodes = kernel.call_socket_inodes(self.pid)
                    # ...but not a library helper's own (multiprocessing's fork server listens on a Unix socket)
                    processes = kernel.call_processes(self.pid)
                    helpers = {pid for pid in processes if _library_helper(pid)}
                    if helpers:
                        theirs = set().union(*(kernel.socket_inodes(pid) for pid in helpers))
                        ours = set().union(*(kernel.socket_inodes(pid) for pid in processes - helpers))
                        inodes -= theirs - ours
                    given = kernel.connection(*self.given) if self.given else None
                    if given is not None:  # the socket the grader gave the function is not the function's own
                        inodes.discard(given.inode)
                    inodes.discard(self.given_inode)  # (its row gone or a TIME_WAIT's once the function shut it down)
                    inode = given.inode if given is not None else self.given_inode
                    if inode:  # a copy of it the code made (dup(), fromfd()) is the code's own: more descriptors
                        # of it than the runner's own one, in any process of the call
                        copies = sum(kernel.socket_fds(pid, inode) for pid in processes - helpers)
                        self.given_copies = max(0, copies - (0 if self.closes_given else 1))
                        self.copied_inode = inode
                    self._open_inodes = sorted(inodes)
                    self.main_inodes = kernel.socket_inodes(self.pid)  # ...of which its own process holds these
                # Threads still running once the function returned (the runner itself has none). Without the
                # kernel's view, the process's own count: its word, which can only hide a thread, never invent one.
                self.threads_left = (self._threads_left() if kernel.AVAILABLE
                                     else max(0, self.result.threads_running - 1))
                # Children it started and did not wait for: still running, or ended and never reaped (a zombie
                # stays in the process table until its parent waits): the kernel's view, whatever the timing.
                self.children_left = (len([pid for pid in kernel.call_processes(self.pid) - {self.pid}
                                           if not _library_helper(pid)])
                                      if kernel.AVAILABLE and self.result.status in ("returned", "raised") else 0)
                if self.result.status in BROKEN and not self.reference:
                    self.run.broken.add((self.module, self.function))
                    self.run.broken_calls.setdefault((self.module, self.function), self)

    def _threads_left(self) -> int:
        """The process's threads besides its main one, from the kernel, when the report arrived.

        join() returns once a thread's Python code is done; its kernel thread
        ends a moment later, and on a busy machine that moment can be long. So
        when the process says no thread of Python is still running, the count
        is taken again for up to THREAD_EXIT_WAIT: a joined thread leaves, a
        running one stays. When the process says a thread still runs, the
        count stands as first seen.
        """
        left = max(0, (kernel.thread_count(self.pid) or 1) - 1)
        if left and self.result.threads_running <= 1:
            deadline = time.monotonic() + THREAD_EXIT_WAIT
            while left and time.monotonic() < deadline:
                time.sleep(0.002)
                left = max(0, (kernel.thread_count(self.pid) or 1) - 1)
        return left

    def _bad_report(self, why: str) -> None:
        self.died = why
        self.kill()

    def _on_eof(self) -> None:
        code = self._exit_status(timeout=1.0)
        if code is None:
            self.died = messages.HOW_CLOSED_CHANNEL
        elif code == -signal.SIGKILL:  # not the grader's kill (that sets `killed` first): the kernel's
            self.died = messages.HOW_KILLED
        elif code < 0:
            self.died = messages.HOW_SIGNAL.format(signal=signal_name(-code))
        else:
            self.died = messages.HOW_EXIT.format(code=code)
        self.finished_at = time.monotonic()

    def _exit_status(self, timeout: float) -> int | None:
        """The process's exit status, written by its reaper once it ended."""
        if self._exit_code is not None or self._status_fd < 0:
            return self._exit_code
        end = time.monotonic() + timeout
        data = b""
        while True:
            try:
                chunk = os.read(self._status_fd, 64)
            except BlockingIOError:
                chunk = None
            if chunk:
                data += chunk
                continue
            if chunk == b"":  # the reaper wrote it and closed the pipe
                break
            left = end - time.monotonic()
            if left <= 0:
                return None
            select.select([self._status_fd], [], [], left)
        try:  # the first line: the student's process's own status (a reaper's status may follow it)
            self._exit_code = int(data.decode().split("\n", 1)[0])
        except ValueError:
            self._exit_code = None
        return self._exit_code

    def wait(self, until: float | None = None, hang: bool = True) -> None:
        """Wait for the function to finish; past `until` (the deadline), end it as hung.

        With hang=False, just return at `until`, the call still running. A
        call with a CPU budget (`cpu_cap`) is stopped as soon as it spends it.
        """
        until = self.deadline if until is None else until
        # Only this wait ending at the limit with a hang is the grader waiting for the call and nothing else.
        watch = hang and until >= self.deadline and deadlock.AVAILABLE
        while not self.finished:
            if self.over_cpu() or (watch and self.deadlock_seen()):
                self.hang()
                return
            left = until - time.monotonic()
            if left <= 0:
                if hang:
                    self.hang()
                return
            wait = left if self.cpu_cap is None else min(left, CPU_LOOK)
            select.select([self], [], [], min(wait, deadlock.LOOK_EVERY) if watch else wait)
            self.pump()

    def deadlock_seen(self) -> bool:
        """Asked by a wait of the grader's that will do nothing until the call acts or its limit passes: has the
        kernel shown the call deadlocked (deadlock.look) twice in a row, LOOK_EVERY apart, nothing run between?

        Then waiting for the limit cannot change anything: the call is to be stopped as hung now.
        """
        if self.finished or self.reference or not deadlock.AVAILABLE:
            return False
        now = time.monotonic()
        if now < self._deadlock_next:
            return False
        self._deadlock_next = now + deadlock.LOOK_EVERY
        seen, last = deadlock.look(self.pid), self._deadlock_look
        self._deadlock_look = seen
        if seen is not None and seen == last:
            self.deadlocked = True
            self.deadlock_at_eof = deadlock.at_eof(seen[1])
            return True
        return False

    def over_cpu(self) -> bool:
        """Has the call spent more CPU time than its `cpu_cap` since the peer's connection? (Linux.)

        A busy machine stretches wall time, not CPU time: a call is stopped on
        this only for what it did, never for waiting its turn.
        """
        if self.cpu_cap is None or self.finished or not kernel.AVAILABLE or self.cpu_accepted is None:
            return False
        now = time.monotonic()
        if now < self._cpu_next:
            return False
        self._cpu_next = now + CPU_LOOK
        used = kernel.cpu_time(self.pid)
        if used is not None and used - self.cpu_accepted > self.cpu_cap:
            self.cpu_capped = True
            return True
        return False

    def hang(self) -> None:
        """The call ran past its limit: take its stack, then kill it."""
        if self.finished:
            return
        self.timed_out = True
        if kernel.AVAILABLE:
            self.cpu_used = kernel.cpu_time(self.pid)
            elapsed = time.monotonic() - self.started
            # Deadlocked: the kernel saw every thread asleep, whatever its start-up cost in CPU time.
            self.busy = not self.deadlocked and self.cpu_used is not None and self.cpu_used >= BUSY_SHARE * elapsed
        if self.remember_stop:
            self.run.stopped.setdefault((self.module, self.function), (self.run.check_title, self.busy))
            self.run.stopped_calls.setdefault((self.module, self.function), self)
        if kernel.AVAILABLE:
            inodes = kernel.call_socket_inodes(self.pid)
            self.udp = bool(inodes & kernel.udp_inodes()) and not kernel.by_inode(sorted(inodes))
        self.take_stack()
        if self.remember_stop and self.at_import() is not None:  # every function of the module would hang alike
            self.run.stopped.setdefault((self.module, None), (self.run.check_title, self.busy))
            self.run.stopped_calls.setdefault((self.module, None), self)
        self.kill()

    def take_stack(self) -> None:
        """Ask the process for its stack (faulthandler, on SIGUSR1) and keep the student's frames."""
        self.stuck_at = self._read_stack(self._dump_stack())

    def _dump_stack(self) -> int:
        """Signal the process to dump its stack; wait until the dump stops growing. Returns where it began."""
        start = os.fstat(self.dump.fileno()).st_size
        try:
            os.kill(self.pid, signal.SIGUSR1)
        except (ProcessLookupError, PermissionError):
            pass
        end = time.monotonic() + DUMP_WAIT
        size = -1
        while time.monotonic() < end:
            time.sleep(0.01)
            new_size = os.fstat(self.dump.fileno()).st_size
            if new_size > start and new_size == size:
                break
            size = new_size
        return start

    def sample_stacks(self, count: int) -> list[str]:
        """The innermost line of the student's code, in `count` stacks taken one after another while it runs on
        (faulthandler, on SIGUSR1: it goes on after each dump). What a loop that spins keeps doing shows in them."""
        lines = []
        for _ in range(count):
            if self.finished:
                break
            frames = self._read_stack(self._dump_stack())
            if frames:
                lines.append(frames[-1])
        self.stuck_frames = []
        return lines

    def at_import(self) -> tuple[int, str] | None:
        """(line, source) of the module's top-level line that was running when the stack was taken, if any.

        The function the grader calls is only called once its module is
        imported: a stack whose outermost frame of the student's is the
        module itself was still importing, running a call written at its
        top level.
        """
        if self.stuck_frames and self.stuck_frames[0][2] == "<module>":
            path, line, _ = self.stuck_frames[0]
            return line, self.run.source_line(path, line, self.reference)
        return None

    def _read_stack(self, start: int = 0) -> list[str]:
        """The student's frames in the faulthandler dump (the one written from `start` on), innermost last."""
        text = os.pread(self.dump.fileno(), DUMP_CAP, start).decode(errors="replace")
        copies, names = self.run.copies(self.reference)
        files = {names[module] for module in copies}  # the lesson files taken: never a refused or missing one
        threads: list[list[tuple[str, int, str]]] = []  # each thread's frames, every file's, innermost first
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("File ") and line.count('"') >= 2:
                # File "/path/x.py", line 12 in request
                path = line.split('"')[1]
                try:
                    lineno = int(line.split("line ")[1].split()[0])
                except (IndexError, ValueError):
                    continue
                if not threads:
                    threads.append([])
                threads[-1].append((path, lineno, _unescaped(line.rsplit(" in ", 1)[-1])))
            elif line.startswith("Thread ") or line.startswith("Current thread"):
                threads.append([])
        own = [[frame for frame in frames if frame[0] in files] for frames in threads]
        # The first thread listed with frames of the student's (faulthandler lists the newest thread first).
        frames = next((frames for frames in own if frames), [])
        # faulthandler lists the innermost frame first.
        self.stuck_frames = list(reversed(frames[:50]))
        # The thread that called the function: not one that threading started (its outermost frames are
        # threading.py's _bootstrap); what it waited in is the library's frames inside the student's innermost one.
        self.main_stuck_at, self.main_waits_in = [], []
        for every, frames in zip(threads, own, strict=True):
            if frames and not any(path.endswith("threading.py") and func == "_bootstrap" for path, _, func in every):
                inner = every[: every.index(frames[0])]
                self.main_waits_in = [(path.replace("\\", "/"), func) for path, _, func in inner]
                self.main_stuck_at = self._frame_lines(list(reversed(frames[:50])))
                break
        return self._frame_lines(self.stuck_frames)

    def _frame_lines(self, frames: list[tuple[str, int, str]]) -> list[str]:
        return [messages.frame_line(p, n, f, self.run.source_line(p, n, self.reference)) for p, n, f in frames]

    def kill(self, wait: bool = True) -> None:
        """End the student's process and everything it started.

        `wait=False`: only send the signal (Run.close signals every call first, then waits for each: they
        die together); a later kill() waits for it to be gone.
        """
        if not self.killed:
            self.killed = True
            self.killed_at = time.monotonic()
            if self.reference and getattr(self.run, "tap", None) is not None:  # its packets are not the student's
                self.run.tap.reference_ran(self.started_wall)
            elif getattr(self.run, "tap", None) is not None:  # what its sockets send from now on is the kill's
                self.run.tap.killed(self.started_wall, time.time())
            self.finished_at = self.finished_at or self.killed_at
            if self.pid:
                for kill in (os.killpg, os.kill):  # its group (no PID namespace), or PID 1 of its namespace
                    try:
                        kill(self.pid, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass
        if not wait or self._fd < 0 and self._status_fd < 0:
            return
        if self.pid:
            self.run.sweep(self.reference)
            self._exit_status(timeout=KILL_WAIT)  # gone (and reaped) before the check goes on
        for fd in (self._fd, self._status_fd):
            if fd >= 0:
                os.close(fd)
        self._fd = self._status_fd = -1

    @property
    def printed_to_cap(self) -> bool:
        """It has printed up to the output cap by now: its next print() fails (File too large)."""
        return self._output_size() >= OUTPUT_CAP

    def _output_size(self) -> int:
        try:
            return os.fstat(self.output.fileno()).st_size
        except (OSError, ValueError):
            return 0

    def printed(self, limit: int = 2000) -> str:
        """What the student's code printed (the first `limit` characters)."""
        try:
            data = os.pread(self.output.fileno(), limit + 1, 0)
        except (OSError, ValueError):
            return ""
        text = data[:limit].decode(errors="replace")
        return untrusted.Untrusted(text + ("\n" + messages.OUTPUT_CUT if len(data) > limit else ""))

    def printed_lines(self, quoted: str = "") -> list[str]:
        """What the student's code printed, its threads included, as report lines: its beginning and its
        end (a thread's traceback is often last), the middle cut when it is long, and said so. A thread's
        traceback that `quoted` (the check's message) quotes already is left out (`_unquoted`)."""
        size = self._output_size()
        try:
            if size <= 2 * PRINTED_PART:
                head, tail = os.pread(self.output.fileno(), size, 0), b""
            else:
                head = os.pread(self.output.fileno(), PRINTED_PART, 0)
                tail = os.pread(self.output.fileno(), PRINTED_PART, size - PRINTED_PART)
        except (OSError, ValueError):
            return []
        first = _unquoted(head.decode(errors="replace"), quoted).rstrip("\n").splitlines()
        last = _unquoted(tail.decode(errors="replace"), quoted).rstrip("\n").splitlines()
        if tail:  # the lines cut in two at the seams are dropped
            first, last = first[:-1], last[1:]
        if not tail and len(first) > PRINTED_LINES:
            first, last = first[:PRINTED_LINES // 2], first[-(PRINTED_LINES // 2):]
            tail = b"cut"
        else:
            first, last = first[:PRINTED_LINES // 2] if tail else first, last[-(PRINTED_LINES // 2):]
        if not any(line.strip() for line in first + last):
            return []
        lines = [self._printed_line(line) for line in first]
        if tail:
            lines.append("    " + messages.PRINTED_CUT.format(size=size))
            lines.extend(self._printed_line(line) for line in last)
        return lines

    @staticmethod
    def _printed_line(line: str) -> str:
        return "    " + (line[:PRINTED_WIDTH] + " ..." if len(line) > PRINTED_WIDTH else line)

    def printed_report(self, quoted: str = "") -> list[str]:
        """What it printed, under its heading, the first time it is asked: shown with one check only, whose
        message is `quoted` (a thread's exception it quotes is not printed again)."""
        if self.output_shown:
            return []
        printed = self.printed_lines(quoted)
        self.output_shown = True
        return [messages.PRINTED, *printed] if printed else []

    def ended_by_grader(self, seen: float, local: tuple, remote: tuple) -> str | None:
        """Why the end of the connection (local, remote), seen at `seen`, was the grader's doing, or None.

        The grader kills a process after a verdict (a hang, a wrong
        address): its sockets close then, not by the student's code. And
        the runner closes the socket it gave the function once the function
        is done, unless the function had closed it itself.
        """
        if self.killed_at and seen >= self.killed_at:
            return messages.TL_END_KILLED
        given = self.given is not None and (tuple(self.given[0]), tuple(self.given[1])) == (tuple(local), tuple(remote))
        if given and self.closes_given and self.result is not None and not self.result.given_closed:
            return messages.TL_END_GIVEN.format(name=f"{self.function}()", end="{end}")
        return None

    def close_given(self) -> bool:
        """Close the socket the grader gave the function, as its caller would (socket.close()), in the student's
        process, once the function ended and the grader has looked at that socket (fork_server.close_on_request).

        True once the process says it has closed it (a byte on the result pipe): then its descriptors are what
        that close() left, for the kernel to show. False when it does not say so in time (its handler replaced,
        the signal blocked): the kernel's view is the verdict all the same, whatever the process says. A process
        that ended instead (its result pipe closed) leaves nothing for the kernel to show: RuntimeError, the
        grader's failure, never a pass.
        """
        if self.killed or self._fd < 0 or not self.pid or self.result is None or self.closes_given:
            return False
        try:
            os.kill(self.pid, CLOSE_GIVEN)
        except (ProcessLookupError, PermissionError):
            return False
        end = time.monotonic() + CLOSE_WAIT
        while True:
            try:
                chunk = os.read(self._fd, 64)
            except BlockingIOError:
                chunk = None
            if chunk:
                return True
            if chunk == b"":
                raise RuntimeError(f"the call of {self.function}() ended when asked to close the socket it was given")
            left = end - time.monotonic()
            if left <= 0:
                return False
            select.select([self._fd], [], [], left)

    def threads(self) -> int | None:
        """How many threads the student's process has now (None where /proc is missing)."""
        return kernel.thread_count(self.pid) if kernel.AVAILABLE else None

    # ---- verdicts

    @property
    def status(self) -> str:
        """How the call ended: a report's status, "flood" (it printed up to the cap, and failed), "slow",
        "timeout" or "died"."""
        if self.flooded and self.result is not None and self.result.status not in ("returned",) + BROKEN:
            return "flood"
        if self.result is not None:
            return self.result.status
        if self.timed_out:
            return "slow" if self.busy else "timeout"
        return "died"

    def returned(self, timeline: Timeline | None = None, expected: str = "", leftovers: bool = True) -> Report:
        """Wait for the call; return its result if the function returned normally.

        Anything else (not implemented, an exception, an exit, a crash, a
        hang) becomes the matching `CheckFailed`; so does work it left
        running (`expect_nothing_left`), unless `leftovers` is False: a
        check with an observation of its own (its sockets, its speed) judges
        that first, and the leftovers after it.
        """
        self.wait()
        if self.result is not None and self.result.status == "returned":
            if leftovers:
                self.expect_nothing_left(timeline)
            return self.result
        raise self.failure(timeline, expected)

    def expect_nothing_left(self, timeline: Timeline | None = None) -> None:
        """A function that returned (or raised) left no thread running, no child process unwaited for (the
        kernel's view), and no thread of its code's own unjoined (its process's word: the start/join record)."""
        if self.result is not None and self.result.status in ("returned", "raised"):
            rendered = timeline.render() if timeline else []
            error = self.result.error
            ended = (messages.ENDED_RAISED.format(type=error.type) if self.result.status == "raised" and error
                     else messages.ENDED_RETURNED)
            if self.threads_left:
                threads = messages.counted(messages.MORE_THREADS, self.threads_left)
                raise CheckFailed(messages.THREADS_LEFT.format(name=f"{self.function}()", ended=ended, threads=threads),
                                  timeline=rendered)
            if self.children_left:
                processes = messages.counted(messages.CHILD_PROCESSES, self.children_left)
                raise CheckFailed(messages.CHILDREN_LEFT.format(name=f"{self.function}()", ended=ended,
                                                                  processes=processes),
                                  timeline=rendered)
            if not self.joins_judged_apart:
                self.expect_joined(timeline)

    def expect_joined(self, timeline: Timeline | None = None) -> None:
        """No thread its code started went unjoined (its process's word: the start/join record)."""
        if self.result is None or not self.result.threads_unjoined:
            return
        error = self.result.error
        ended = (messages.ENDED_RAISED.format(type=error.type) if self.result.status == "raised" and error
                 else messages.ENDED_RETURNED)
        where = messages.LIST_SEPARATOR.join(messages.LINE_OF_FILE.format(line=line, file=file)
                                             for file, line in self.result.threads_unjoined)
        raise CheckFailed(messages.THREADS_UNJOINED.format(name=f"{self.function}()", ended=ended, where=where),
                          timeline=timeline.render() if timeline else [])

    def failure(self, timeline: Timeline | None = None, expected: str = "") -> CheckFailed:
        """The CheckFailed that describes how this call went wrong."""
        name = f"{self.function}()"
        lines = []
        outcome = "failed"
        template = None
        importing = self.at_import()
        if importing is not None:  # a call at the module's top level, not the function, was running
            if self.timed_out:
                outcome = "slow" if self.busy else "timeout"
            lines.append(messages.IMPORT_RUNNING.format(module=self.module, line=importing[0], source=importing[1],
                                                       name=name))
            if timeline is not None and self.timed_out:
                timeline.note(self._stopped_note(self.stuck_at[-1].strip()))
            lines.append(messages.STUCK_AT if self.timed_out and not self.busy else messages.STOPPED_AT)
            lines.extend(self.stuck_at)
        elif self.timed_out:
            outcome = "slow" if self.busy else "timeout"
            if self.busy:
                sending = bool(self.stuck_at) and ".send" in self.stuck_at[-1]  # its own send loop, not a receive's
                lines.append((messages.SLOW_SEND if sending else messages.SLOW).format(
                    name=name, limit=self.limit, cpu=self.cpu_used or 0.0))
            else:
                ran = self.ran_for  # stopped at once (a deadlock seen): in hundredths, never "0.0 s"
                lines.append(messages.HUNG.format(name=name, limit=f"{ran:.2f}" if ran < 1 else f"{ran:.1f}"))
                if self.deadlocked and self.stuck_at and ".accept(" in self.stuck_at[-1]:
                    lines.append(messages.DEADLOCK_SEEN_ACCEPT.format(limit=self.limit))  # a client never to come
                elif self.deadlocked and self.deadlock_at_eof:  # asleep on a socket whose EOF it never read
                    lines.append(messages.DEADLOCK_SEEN_EOF.format(limit=self.limit))
                elif self.deadlocked:
                    lines.append(messages.DEADLOCK_SEEN.format(limit=self.limit))
            if timeline is not None:
                timeline.note(self._stopped_note(self.stuck_at[-1].strip() if self.stuck_at else "?"))
            if self.stuck_at:
                lines.append(messages.STOPPED_AT if self.busy else messages.STUCK_AT)
                lines.extend(self.stuck_at)
                if self.main_stuck_at and self.main_stuck_at != self.stuck_at:  # another thread's stack was shown:
                    lines.append(messages.MAIN_STUCK_AT)  # the function's own thread, where it waited (a join?)
                    lines.extend(self.main_stuck_at)
            if expected:
                lines.append(messages.MEANWHILE.format(expected=expected))
            if self.udp:
                lines.append(messages.udp_hint())
            elif not self.busy and writes_unflushed(self.run.source(self.module)):
                hint = messages.MAKEFILE_UNFLUSHED_HINT
                lines.append(lang.Message("  " + hint, None, getattr(hint, "keys", ())))
        elif self.status == "flood":
            error = self.result.error
            lines.append(messages.FLOODED.format(name=name, cap=OUTPUT_CAP >> 20,
                                                 error=f"{error.type}: {error.message}" if error else "?"))
        elif self.died is not None:
            lines.append(messages.DIED.format(name=name, how=self.died))
            if self.died == messages.HOW_KILLED:
                lines.append(messages.KILLED_HINT.format(memory=sandbox.LIMITS["memory"] >> 20))
        else:
            status = self.result.status
            error = self.result.error
            if status == "not-implemented":
                outcome = "not-implemented"
                lines.append(messages.NOT_IMPLEMENTED.format(name=name, module=self.module))
            elif status == "missing-module":  # nothing of that lesson submitted: not started, like a stub
                outcome = "not-implemented"
                lines.append(messages.MISSING_MODULE.format(path=self.result.path))
            elif status == "syntax-error":
                lines.append(messages.SYNTAX_ERROR.format(module=self.module))
                lines.extend(messages.error_lines(error))
            elif status == "import-error":
                lines.append(messages.IMPORT_ERROR.format(module=self.module))
                lines.extend(messages.error_lines(error))
                if error and len(error.frames) > 1 and error.frames[0][2] == "<module>":
                    lines.append(messages.IMPORT_CALL_HINT.format(line=error.frames[0][1]))
            elif status == "missing-function":
                lines.append(messages.MISSING_FUNCTION.format(
                    name=name, module=self.module, names=messages.LIST_SEPARATOR.join(self.result.names) or messages.NO_NAMES))
            elif status == "exit":
                lines.append(messages.EXITED.format(name=name, code=self.result.code))
                lines.extend(messages.error_lines(error))
            elif status == "raised":
                lines.append(messages.RAISED.format(name=name, type=error.type))
                lines.extend(messages.error_lines(error))
                hint = messages.udp_hint() if self.udp else messages.hint_for_error(error)
                cleared = except_as_name(self.run.source(self.module), error)
                if cleared is not None:  # `except ... as NAME` deletes NAME when its block ends: not a misspelling
                    hint = messages.EXCEPT_AS_CLEARED_HINT.format(name=cleared)
                    hint = lang.Message("  " + hint, None, getattr(hint, "keys", ()))
                if error.type == "BrokenPipeError" and timeline is not None and timeline.own_fin_first():
                    # The wire shows its own FIN first, the peer still there: not "the other side has closed".
                    hint = lang.Message("  " + messages.OWN_SHUT_WR_HINT, None, ("OWN_SHUT_WR_HINT",))
                if hint:
                    lines.append(hint)
                named = messages.diagnosis(error)
                if named is not None:  # the cause the message names is the diagnosis the verdict records
                    template = named.key
            else:  # returned: the caller wanted something else to have happened first
                lines.append(messages.RETURNED_EARLY.format(name=name, expected=expected))
        if self.status == "flood":  # the first lines: where the flood starts, and what it prints
            lines.append(messages.PRINTED_FIRST)
            lines.extend(self._printed_line(line) for line in self.printed().splitlines()[:10])
            self.output_shown = True
        else:
            if self._output_size() >= OUTPUT_CAP:
                lines.append(messages.OUTPUT_FLOOD.format(cap=OUTPUT_CAP >> 20))
            if outcome != "not-implemented":
                lines.extend(self.printed_report())
        return CheckFailed("\n".join(lines), outcome, timeline.render() if timeline else [],
                           template=template or getattr(lines[0], "key", None),
                           templates=tuple(key for line in lines for key in getattr(line, "keys", ())))

    @property
    def ran_for(self) -> float:
        """How long the call ran before it was stopped: its limit, or less when it was seen deadlocked."""
        if self.deadlocked and self.killed_at:
            return min(self.limit, self.killed_at - self.started)
        return self.limit

    def _stopped_note(self, where: str) -> str:
        if self.deadlocked:
            return messages.TIMELINE_DEADLOCK.format(seconds=self.ran_for, where=where)
        return messages.TIMELINE_STOPPED.format(limit=self.limit, where=where)

    def settle(self) -> None:
        """Wait for the function to end and record the sockets it left open.

        The kernel's rows are read now, while the process still holds them,
        so that checks can judge them after the process is gone.
        """
        self.wait()
        if self._open_rows is None:
            self._open_rows = self._read_open_rows()

    def open_sockets(self) -> list[kernel.Row] | None:
        """The TCP sockets the student's code still held open after its function ended."""
        return self._open_rows if self._open_rows is not None else self._read_open_rows()

    @property
    def open_inodes(self) -> list[int] | None:
        """Inodes of the sockets the process held when its report arrived (seen in /proc by the grader)."""
        return self._open_inodes

    def _read_open_rows(self) -> list[kernel.Row] | None:
        inodes = self._open_inodes
        if inodes is None or not kernel.AVAILABLE:
            return None
        return kernel.by_inode(inodes)


def stopped_before(run: RunForCall, module: str, function: str) -> CheckFailed | None:
    """The verdict for calling a function again that an earlier check of this run stopped at its limit."""
    for key in ((module, None), (module, function)):
        if key in run.stopped_untold:  # the check that stopped it passed, so no report said so: this one does
            run.stopped_untold.discard(key)
            run.stopped[key] = (run.check_title, run.stopped[key][1])
            return run.stopped_calls[key].failure()
    importing = run.stopped.get((module, None))
    if importing is not None:  # its module hung at import: no function of it can be called
        # Not run: FAIL, not HUNG or SLOW (it did not hang itself; its line names the check that did).
        return CheckFailed(messages.IMPORT_HUNG_BEFORE.format(module=module, title=importing[0]), "failed",
                           mark=messages.NOT_RUN_IMPORT.format(module=module))
    stopped = run.stopped.get((module, function))
    if stopped is None:
        return None
    if stopped[0] == run.check_title and (module, function) in run.stopped_calls:
        # Stopped in this very check (a second call of it): its own report, not "already hung in" itself.
        return run.stopped_calls[(module, function)].failure()
    template = messages.SLOW_BEFORE if stopped[1] else messages.HUNG_BEFORE
    mark = messages.NOT_RUN_SLOW if stopped[1] else messages.NOT_RUN_HUNG
    # Its line in the report's list says it was not run (`mark`); it counts as failed all the same.
    return CheckFailed(template.format(name=f"{function}()", title=stopped[0]), "failed",
                       mark=mark.format(name=f"{function}()"))


def signal_name(number: int) -> str:
    """SIGTERM for 15; a number the signal module has no name for (a realtime signal) as the number itself."""
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def _unquoted(printed: str, quoted: str) -> str:
    """`printed` without each traceback of a thread's exception that `quoted` (a check's message) quotes
    already, as messages.error_lines writes it (its exception line and its last frame's line): one
    explanation per root cause, the message's, in the student's terms."""
    if not quoted:
        return printed
    said = {line.strip() for line in quoted.splitlines()}

    def told(match) -> bool:
        frames = PRINTED_FRAME.findall(match.group(1))
        error = f"{match.group(2)}: {match.group(3)}" if match.group(3) else match.group(2)
        return error in said and bool(frames) and messages.frame_line(
            frames[-1][0], int(frames[-1][1]), frames[-1][2], (frames[-1][3] or "").strip()).strip() in said

    kept, at = [], 0
    for match in PRINTED_THREAD_DIED.finditer(printed):
        if told(match):
            kept.append(printed[at:match.start()])
            at = match.end() + printed.startswith("\n", match.end())  # its line's end goes with it
    return "".join(kept) + printed[at:]
