"""The grading harness: student code in its own process, reference peers on real sockets.

A check does three things with this module:

* `Run.call(...)` starts one function of the student's module in a child
  process (see `runner.py`) and returns a `StudentCall`;
* the check plays the reference peer itself, on real loopback sockets,
  through `Peer`, whose every wait also watches the student's process: if
  the student's code finishes, crashes or runs past its limit, the wait ends
  at once with the right verdict instead of hanging;
* the check judges what it observed and raises `CheckFailed` (through
  `fail`) with a message for the student and the conversation's timeline.

Every student process is killed with its whole process group when its call
ends; `Run.close` kills whatever is left. Nothing here trusts an object from
the student's process: results are plain data decoded by `wire.loads`.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import random
import select
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from graders import course, kernel, lang, messages, sandbox, wire

RUNNER = Path(__file__).with_name("runner.py")
SANDBOX_SCRATCH = "/scratch"  # the student's scratch tmpfs inside bubblewrap (full level)
REPORT_CAP = 8 << 20  # bytes of a call's report: far more than any honest one (big values travel as digests)
DUMP_CAP = 64 << 10  # bytes of a stack dump read back
SOURCE_LIMIT = 1 << 20  # bytes of a lesson file (runner.SOURCE_LIMIT)

# Named time limits, each with what it is for.
CALL_LIMIT = 3.0  # a call of student code, from start to its last observable effect
DUMP_WAIT = 0.5  # how long a hung process gets to write its stack dump before SIGKILL
TIMELINE_BYTES = 20  # how much of each payload the timeline shows (about twice as many characters)
SETTLE = 0.05  # after the student's function returned: packets still on loopback arrive
POLL = 0.0005  # the step of loops that watch /proc (fragmentation, LISTEN)
ASLEEP_WAIT = 0.2  # fragmentation: how long to wait for a reader that never sleeps (non-blocking polling)
LIFETIME_MARGIN = 10.0  # a student process outlives its limit by at most this, grader or not
FORKSERVER_TIMEOUT = 10.0  # starting the fork server, or one fork: far more than it ever takes
KILL_WAIT = 2.0  # how long a killed process may take to be gone
OUTPUT_CAP = 1 << 20  # what a student's process may print (runner.py enforces it with RLIMIT_FSIZE)


# A function in one of these states fails every check at once, whatever the check does.
BROKEN = ("not-implemented", "missing-module", "missing-function", "syntax-error", "import-error")


class CheckFailed(Exception):
    """A check's verdict on the student's code (not a bug of the grader).

    `outcome` is one of "failed", "timeout", "not-implemented"; `message`
    is for the student; `timeline` is the conversation as the peer saw it.
    """

    def __init__(self, message: str, outcome: str = "failed", timeline: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.outcome = outcome
        self.timeline = timeline or []


STATUSES = ("returned", "raised", "exit", "not-implemented", "missing-module", "missing-function",
            "syntax-error", "import-error")


def checked_report(report: object) -> dict:
    """A call's report, checked for shape: every field the grader reads has the type it expects.

    The report comes from the student's process, whose code could have
    written anything on the result pipe; a report of the wrong shape is a
    ValueError (that call's failure), never a crash of the grader later.
    """

    def need(ok: bool) -> None:
        if not ok:
            raise ValueError("malformed report")

    def is_text(value: object) -> bool:
        return isinstance(value, str) and len(value) <= 4096

    need(isinstance(report, dict) and report.get("status") in STATUSES)
    value = report.get("value")
    if value is not None or report["status"] == "returned":
        need(isinstance(value, dict) and is_text(value.get("type")))
        need("value" not in value or isinstance(value["value"], (bytes, str)))
        need(all(isinstance(value.get(key, 0), int) for key in ("length",)))
        need(all(is_text(value.get(key, "")) for key in ("sha256", "repr")))
    error = report.get("error")
    if error is not None:
        need(isinstance(error, dict) and is_text(error.get("type")) and is_text(error.get("message", "")))
        need(isinstance(error.get("bases", []), list) and all(is_text(b) for b in error.get("bases", [])))
        frames = error.get("frames", [])
        need(isinstance(frames, list) and len(frames) <= 100)
        for frame in frames:
            need(isinstance(frame, list) and len(frame) == 4 and isinstance(frame[1], int)
                 and is_text(frame[0]) and is_text(frame[2]) and is_text(frame[3]))
    for key in ("path", "code"):
        need(is_text(report.get(key, "")))
    need(isinstance(report.get("names", []), list) and all(is_text(n) for n in report.get("names", [])))
    need(isinstance(report.get("sendall_calls", 0), int))
    need(isinstance(report.get("send_options_changed", False), bool))
    warnings = report.get("resource_warnings", [])
    need(isinstance(warnings, list) and len(warnings) <= 100)
    for warning in warnings:
        need(isinstance(warning, dict) and is_text(warning.get("message")) and isinstance(warning.get("where"), list))
        for where in warning["where"]:
            need(isinstance(where, list) and len(where) == 2 and is_text(where[0]) and isinstance(where[1], int))
    return report


# --------------------------------------------------------------------------- timeline


@dataclass
class Timeline:
    """What happened on the wire, in order, as the reference peer saw it.

    `student` lines are things the student's code did (as seen from the
    peer), `peer` lines are what the reference peer did, `note` lines are
    observations (kernel state, the function's return).
    """

    peer_name: str = messages.PEER_REFERENCE
    events: list[tuple[str, str]] = field(default_factory=list)

    def student(self, text: str, wire: bool = True) -> None:
        """Something the student's code did: on the wire (an arrow) or only locally (wire=False)."""
        self.events.append(("student" if wire else "student-local", text))

    def peer(self, text: str, wire: bool = True) -> None:
        """Something the reference peer did: on the wire (an arrow) or only locally (wire=False)."""
        self.events.append(("peer" if wire else "peer-local", text))

    def note(self, text: str) -> None:
        self.events.append(("note", text))

    def copy(self) -> Timeline:
        """A copy a check can add its own observations to (conversations are shared by checks)."""
        return Timeline(self.peer_name, list(self.events))

    def render(self) -> list[str]:
        """The conversation as a two-column sequence diagram (plain text)."""
        if not self.events:
            return []
        width = 36  # the left column, where the arrows meet the peer's side (in terminal columns)
        you, peer = messages.TL_YOUR_CODE, self.peer_name
        lines = [f"{lang.ljust(you, width)} {peer}",
                 f"{lang.ljust('─' * lang.display_width(you), width)} {'─' * lang.display_width(peer)}"]
        for side, text in self.events:
            if side == "student":
                if lang.display_width(text) > width - 6:
                    lines.append(text)
                    text = ""
                lines.append(f"{text} {'─' * (width - lang.display_width(text) - 3)}▶" if text
                             else f"{'─' * (width - 1)}▶")
            elif side == "peer":
                lines.append(f"◀{'─' * (width - 1)} {text}")
            elif side == "student-local":
                lines.append(text)
            elif side == "peer-local":
                lines.append(f"{'':<{width}} {text}")
            else:
                lines.append(f"· {text}")
        return lines


def show(data: bytes, limit: int = 40) -> str:
    """A short repr of bytes for messages: b'abc'... (N bytes), at most about 2*limit characters."""
    text = repr(data)
    if len(text) > 2 * limit:
        cut = text[: 2 * limit]
        escape = cut.rfind("\\")
        if escape >= len(cut) - 3:  # never cut an escape such as \xe6 in two
            cut = cut[:escape]
        text = cut + "'..."
    return messages.BYTES_SHOWN.format(data=text, count=len(data))


# --------------------------------------------------------------------------- student process


class StudentCall:
    """One function of the student's module running in a sandboxed child process.

    The grader keeps its own descriptors of everything it reads back: the
    result pipe, the output file, the stack-dump file, the exit-status pipe.
    None of them has a name the student's code could swap for a symlink.
    """

    def __init__(self, run: Run, module: str, function: str, args: list, *,
                 limit: float = CALL_LIMIT, sock: dict | None = None, target: Path | None = None):
        self.run = run
        self.reference = target is not None and Path(target).resolve() != run.target
        self.target = Path(target).resolve() if target else run.target
        self.module = module
        self.function = function
        self.limit = limit
        self.result: dict | None = None  # the runner's report, once complete
        self.died: str | None = None  # how the process ended, if it ended without a report
        self.timed_out = False
        self.stuck_at: list[str] = []
        self.killed = False
        self.finished_at = 0.0
        self._open_rows: list[kernel.Row] | None = None
        self._open_inodes: list[int] | None = None
        self.threads_left = 0
        self.given: tuple | None = None  # (local, remote) of the socket the function was given, if any
        self.accepted_at = 0.0  # when the reference peer's side of the connection was established
        self.cpu_accepted: float | None = None  # the student's process's CPU time then (Linux)
        self.cpu_finished: float | None = None  # ... and when its report arrived
        self._exit_code: int | None = None
        self._buffer = bytearray()
        self._fd = -1
        self._status_fd = -1
        self.pid = 0
        refused = run.refused.get(module) if not self.reference else None
        if refused:
            raise CheckFailed(refused)
        self.output = tempfile.TemporaryFile(dir=run.scratch_dir())  # what the student's code prints
        self.dump = tempfile.TemporaryFile(dir=run.scratch_dir())  # faulthandler's stack dump on a hang
        copies, files = run.copies(self.reference)
        call_number = next(run.counter)
        spec = {
            "module": module, "function": function, "args": args, "socket": sock,
            "copies": copies, "files": files, "lifetime": limit + LIFETIME_MARGIN,
            "scratch": run.call_scratch(call_number, self.reference),
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
                    self.result = checked_report(wire.loads(bytes(self._buffer[:total])))
                except (ValueError, TypeError, KeyError, RecursionError, UnicodeDecodeError):
                    self._bad_report(messages.REPORT_MALFORMED)
                    return
                self._buffer = bytearray()
                self.finished_at = time.monotonic()
                self.cpu_finished = kernel.cpu_time(self.pid) if kernel.AVAILABLE else None
                if kernel.AVAILABLE:  # seen by the grader in /proc, not reported by the student's process
                    inodes = kernel.socket_inodes(self.pid)
                    given = kernel.connection(*self.given) if self.given else None
                    if given is not None:  # the socket the grader gave the function is not the function's own
                        inodes.discard(given.inode)
                    self._open_inodes = sorted(inodes)
                self.result["open_sockets"] = self._open_inodes
                # Threads still running once the function returned (the runner itself has none).
                self.threads_left = max(0, (kernel.thread_count(self.pid) or 1) - 1) if kernel.AVAILABLE else 0
                if self.result["status"] in BROKEN and not self.reference:
                    self.run.broken.add((self.module, self.function))

    def _bad_report(self, why: str) -> None:
        self.died = why
        self.kill()

    def _on_eof(self) -> None:
        code = self._exit_status(timeout=1.0)
        if code is None:
            self.died = messages.HOW_CLOSED_CHANNEL
        elif code < 0:
            self.died = messages.HOW_SIGNAL.format(signal=signal.Signals(-code).name)
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
        try:
            self._exit_code = int(data.decode())
        except ValueError:
            self._exit_code = None
        return self._exit_code

    def wait(self, until: float | None = None, hang: bool = True) -> None:
        """Wait for the function to finish; past `until` (the deadline), end it as hung.

        With hang=False, just return at `until`, the call still running.
        """
        until = self.deadline if until is None else until
        while not self.finished:
            left = until - time.monotonic()
            if left <= 0:
                if hang:
                    self.hang()
                return
            select.select([self], [], [], left)
            self.pump()

    def hang(self) -> None:
        """The call ran past its limit: take its stack, then kill it."""
        if self.finished:
            return
        self.timed_out = True
        try:
            os.kill(self.pid, signal.SIGUSR1)
        except (ProcessLookupError, PermissionError):
            pass
        end = time.monotonic() + DUMP_WAIT
        size = -1
        while time.monotonic() < end:
            time.sleep(0.01)
            new_size = os.fstat(self.dump.fileno()).st_size
            if new_size > 0 and new_size == size:
                break
            size = new_size
        self.stuck_at = self._read_stack()
        self.kill()

    def _read_stack(self) -> list[str]:
        """The student's frames in the faulthandler dump, innermost last."""
        text = os.pread(self.dump.fileno(), DUMP_CAP, 0).decode(errors="replace")
        files = set(self.run.copies(self.reference)[1].values())
        frames = []
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("File ") and line.count('"') >= 2 and line.split('"')[1] in files:
                # File "/path/x.py", line 12 in request
                path = line.split('"')[1]
                try:
                    lineno = int(line.split("line ")[1].split()[0])
                except (IndexError, ValueError):
                    continue
                func = line.rsplit(" in ", 1)[-1]
                frames.append((path, lineno, func))
            elif line.startswith("Thread ") or line.startswith("Current thread"):
                if frames:
                    break  # the first (main) thread is the one we called
        # faulthandler lists the innermost frame first.
        return [messages.frame_line(p, n, f, _source_line(p, n)) for p, n, f in reversed(frames[:50])]

    def kill(self) -> None:
        """End the student's process and everything it started."""
        if self.killed:
            return
        self.killed = True
        self.finished_at = self.finished_at or time.monotonic()
        if self.pid:
            for kill in (os.killpg, os.kill):  # its group (no PID namespace), or PID 1 of its namespace
                try:
                    kill(self.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            self.run.sweep(self.reference)
            self._exit_status(timeout=KILL_WAIT)  # gone (and reaped) before the check goes on
        for fd in (self._fd, self._status_fd):
            if fd >= 0:
                os.close(fd)
        self._fd = self._status_fd = -1

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
        return text + ("\n" + messages.OUTPUT_CUT if len(data) > limit else "")

    def threads(self) -> int | None:
        """How many threads the student's process has now (None where /proc is missing)."""
        return kernel.thread_count(self.pid) if kernel.AVAILABLE else None

    # ---- verdicts

    @property
    def status(self) -> str:
        if self.result is not None:
            return self.result["status"]
        if self.timed_out:
            return "timeout"
        return "died"

    def returned(self, timeline: Timeline | None = None, expected: str = "") -> dict:
        """Wait for the call; return its result if the function returned normally.

        Anything else (not implemented, an exception, an exit, a crash, a
        hang) becomes the matching `CheckFailed`.
        """
        self.wait()
        if self.result is not None and self.result["status"] == "returned":
            if self.threads_left:
                raise CheckFailed(messages.THREADS_LEFT.format(name=f"{self.function}()", count=self.threads_left),
                                  timeline=timeline.render() if timeline else [])
            return self.result
        raise self.failure(timeline, expected)

    def failure(self, timeline: Timeline | None = None, expected: str = "") -> CheckFailed:
        """The CheckFailed that describes how this call went wrong."""
        name = f"{self.function}()"
        lines = []
        outcome = "failed"
        if self.timed_out:
            outcome = "timeout"
            lines.append(messages.HUNG.format(name=name, limit=self.limit))
            if timeline is not None:
                where = self.stuck_at[-1].strip() if self.stuck_at else "?"
                timeline.note(messages.TIMELINE_STOPPED.format(limit=self.limit, where=where))
            if self.stuck_at:
                lines.append(messages.STUCK_AT)
                lines.extend(self.stuck_at)
            if expected:
                lines.append(messages.MEANWHILE.format(expected=expected))
        elif self.died is not None:
            lines.append(messages.DIED.format(name=name, how=self.died))
        else:
            status = self.result["status"]
            error = self.result.get("error")
            if status == "not-implemented":
                outcome = "not-implemented"
                lines.append(messages.NOT_IMPLEMENTED.format(name=name, module=self.module))
            elif status == "missing-module":
                lines.append(messages.MISSING_MODULE.format(path=self.result["path"]))
            elif status == "syntax-error":
                lines.append(messages.SYNTAX_ERROR.format(module=self.module))
                lines.extend(messages.error_lines(error))
            elif status == "import-error":
                lines.append(messages.IMPORT_ERROR.format(module=self.module))
                lines.extend(messages.error_lines(error))
            elif status == "missing-function":
                lines.append(messages.MISSING_FUNCTION.format(
                    name=name, module=self.module, names=", ".join(self.result["names"]) or messages.NO_NAMES))
            elif status == "exit":
                lines.append(messages.EXITED.format(name=name, code=self.result["code"]))
                lines.extend(messages.error_lines(error))
            elif status == "raised":
                lines.append(messages.RAISED.format(name=name, type=error["type"]))
                lines.extend(messages.error_lines(error))
                hint = messages.hint_for_error(error)
                if hint:
                    lines.append(hint)
            else:  # returned: the caller wanted something else to have happened first
                lines.append(messages.RETURNED_EARLY.format(name=name, expected=expected))
        output = self.printed()
        if self._output_size() >= OUTPUT_CAP:
            lines.append(messages.OUTPUT_FLOOD.format(cap=OUTPUT_CAP >> 20))
        if output.strip() and outcome != "not-implemented":
            lines.append(messages.PRINTED)
            lines.extend("    " + line for line in output.rstrip().splitlines()[-15:])
        return CheckFailed("\n".join(lines), outcome, timeline.render() if timeline else [])

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

    def _read_open_rows(self) -> list[kernel.Row] | None:
        inodes = self._open_inodes
        if inodes is None or not kernel.AVAILABLE:
            return None
        return kernel.by_inode(inodes)


def _source_line(path: str, lineno: int) -> str:
    try:
        with open(path, errors="replace") as f:
            for number, line in enumerate(f, 1):
                if number == lineno:
                    return line.strip()
    except OSError:
        pass
    return ""


# --------------------------------------------------------------------------- the run


class ForkServer:
    """The process that forks student calls (runner.py --serve): one per run, sandboxed.

    It is started once, imports what every call needs, and forks per call,
    which saves a Python start-up per call. It runs in its own session (in
    bubblewrap at the full isolation level), and exits by itself when this
    process goes away (its socket closes).
    """

    def __init__(self, command: list[str], config: dict, env: dict[str, str]) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [*command, "--serve", str(theirs.fileno()), json.dumps(config)],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, env=env,
            pass_fds=(theirs.fileno(),), start_new_session=True,
        )
        theirs.close()
        self.sock = ours
        self.sock.settimeout(FORKSERVER_TIMEOUT)

    def _ask(self, message: bytes, fds: list[int]) -> bytes:
        socket.send_fds(self.sock, [message], fds)
        reply = b""
        while len(reply) < 4:
            chunk = self.sock.recv(4 - len(reply))
            if not chunk:
                raise ConnectionError("the fork server ended")
            reply += chunk
        return reply

    def start(self, spec: bytes, result_fd: int, output_fd: int, dump_fd: int, status_fd: int) -> int:
        """Fork one call; return the pid of the student's process."""
        with tempfile.TemporaryFile() as spec_file:
            spec_file.write(spec)
            spec_file.seek(0)
            pid = int.from_bytes(self._ask(b"start", [spec_file.fileno(), result_fd, output_fd, dump_fd,
                                                      status_fd]), "big")
        if pid == 0:
            raise ConnectionError("the fork server could not start the call")
        return pid

    def sweep(self) -> None:
        """Kill what escaped the calls that have ended (only needed without a PID namespace)."""
        self._ask(b"sweep", [])

    def alive(self) -> bool:
        return self.proc.poll() is None

    def failure_log(self) -> str:
        self.log.seek(0)
        return self.log.read()[-2000:].decode(errors="replace")

    def stop(self) -> None:
        self.sock.close()
        try:
            self.proc.wait(timeout=FORKSERVER_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def _pick_host() -> str:
    """A loopback address for this run alone (Linux answers on all of 127.0.0.0/8).

    With a private network namespace no other run can see this one's
    sockets anyway; without one, two grade runs at once still never meet on a
    port. macOS only answers on 127.0.0.1, so there the kernel's choice of
    port is what keeps runs apart.
    """
    if sys.platform.startswith("linux"):
        rng = random.SystemRandom()
        return f"127.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"
    return "127.0.0.1"


def copy_lessons(source: Path, dest: Path, modules: list[str]) -> tuple[dict, dict, dict]:
    """Copy the lesson files of a submission, and nothing else: (copies, file names, refused).

    Only `<lesson>.py` files that are regular files (not symlinks, read
    without following one) are taken, each at most SOURCE_LIMIT bytes; no
    `.pyc`, no `conftest.py`, no other module. The student's code is
    compiled from these copies but shown under its own file names.
    """
    dest.mkdir(mode=0o755, parents=True, exist_ok=True)
    os.chmod(dest, 0o755)
    copies, files, refused = {}, {}, {}
    for module in modules:
        original = source / f"{module}.py"
        files[module] = str(original)
        try:
            fd = os.open(original, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError as exc:
            if os.path.islink(original):
                refused[module] = messages.SYMLINK_REFUSED.format(path=original)
            elif exc.errno != errno.ENOENT:
                refused[module] = messages.FILE_REFUSED.format(path=original, why=exc.strerror)
            continue
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                refused[module] = messages.FILE_REFUSED.format(path=original, why="not a regular file")
                continue
            data = f.read(SOURCE_LIMIT + 1)
        if len(data) > SOURCE_LIMIT:
            refused[module] = messages.FILE_REFUSED.format(path=original, why=f"larger than {SOURCE_LIMIT >> 10} KiB")
            continue
        copy = dest / f"{module}.py"
        copy.write_bytes(data)
        os.chmod(copy, 0o644)
        copies[module] = str(copy)
    return copies, files, refused


class Run:
    """One grading run: the isolation, the copied lessons, the host, the live processes."""

    def __init__(self, target: Path, tmp: Path, isolation: sandbox.Isolation | None = None,
                 modules: list[str] | None = None):
        self.target = Path(target).resolve()
        self.tmp = Path(tmp)
        self.isolation = isolation or sandbox.Isolation("basic")
        self.host = _pick_host()
        # The run's marker (COURSE_RUN in every process's environment); a caller may choose it (the tests do).
        self.run_id = os.environ.get("COURSE_RUN_ID") or uuid.uuid4().hex
        self.calls: list[StudentCall] = []
        self.reference_times: dict[tuple, float] = {}  # speed checks: measured once per run
        # Functions of the student's that raised (a stub, a crash): a speed check
        # then skips measuring the reference, since there is nothing to compare.
        self.broken: set[tuple[str, str]] = set()
        self.counter = itertools.count(1)
        self._forkservers: dict[bool, ForkServer] = {}
        self._conversations: dict[tuple, tuple] = {}
        self.on_listen = None  # called once with (host, port) when a student's server next listens
        modules = modules if modules is not None else [lesson.id for lesson in course.lessons()]
        os.chmod(self.tmp, 0o711)
        # The submission's lesson files, copied now: what is graded cannot change during the run.
        self._copies, self._files, self.refused = copy_lessons(self.target, self.tmp / "submission", modules)
        # The reference solutions too, so that no one can change the reference times mid-run.
        self._ref_copies, self._ref_files, _ = copy_lessons(course.SOLUTIONS, self.tmp / "reference", modules)

    def copies(self, reference: bool = False) -> tuple[dict, dict]:
        return (self._ref_copies, self._ref_files) if reference else (self._copies, self._files)

    def scratch_dir(self) -> Path:
        """The grader's own scratch folder (recreated if something deleted it)."""
        self.tmp.mkdir(mode=0o711, parents=True, exist_ok=True)
        return self.tmp

    def call_scratch(self, number: int, reference: bool) -> str:
        """The folder a call runs in: inside the sandbox's own tmpfs at the full level."""
        if self.isolation.level == "full" and not reference:
            return f"{SANDBOX_SCRATCH}/call-{number}"
        folder = self.scratch_dir() / "work"
        folder.mkdir(mode=0o711, exist_ok=True)
        return str(folder / f"call-{number}")

    def once(self, key: tuple, conversation):
        """Hold one conversation once per run, however many checks judge it.

        Each check judges one behaviour of the same observed conversation
        (the bytes, the close, the sockets left open), so the student's code
        runs once, not once per check. A failure is kept and raised again,
        as a fresh exception, for every check that asks.
        """
        if key not in self._conversations:
            try:
                self._conversations[key] = (conversation(), None)
            except CheckFailed as failure:
                self._conversations[key] = (None, failure)
        talk, failure = self._conversations[key]
        if failure is not None:
            raise CheckFailed(failure.message, failure.outcome, failure.timeline)
        return talk

    def _start_forkserver(self, reference: bool) -> ForkServer:
        # COURSE_RUN marks every process of the run (it stays in /proc/<pid>/environ of every fork).
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "COURSE_RUN": self.run_id}
        if reference:  # the reference solutions are the course's own code: no sandbox, same limits
            command = sandbox.forkserver_command(sandbox.Isolation("basic"), RUNNER, [], "", env)
            config = {"uid": None, "pidns": False, "limits": sandbox.LIMITS}
        else:
            command = sandbox.forkserver_command(self.isolation, RUNNER, [self.tmp / "submission"], SANDBOX_SCRATCH,
                                                 env)
            config = {"uid": self.isolation.uid, "pidns": self.isolation.pidns, "limits": sandbox.LIMITS}
            if self.isolation.level == "uid" and self.isolation.pidns:  # namespaces work, only bwrap is missing
                config["private_tmp"] = sorted({"/tmp", str(self.scratch_dir() / "work")})
                config["keep"] = [str(self.tmp / "submission")]
        return ForkServer(command, config, env)

    def warm_up(self) -> None:
        """Start the student's fork server now: it imports what calls need while the grader gets ready."""
        self._forkservers[False] = self._start_forkserver(False)

    def forkserver(self, reference: bool = False) -> ForkServer:
        server = self._forkservers.get(reference)
        if server is None or not server.alive():
            if server is not None:
                server.stop()
            server = self._forkservers[reference] = self._start_forkserver(reference)
        return _Restarting(self, reference)

    def sweep(self, reference: bool) -> None:
        server = self._forkservers.get(reference)
        if server is None or self.isolation.pidns and not reference:
            return  # a PID namespace per call: the kernel has already killed every descendant
        try:
            server.sweep()
        except OSError:
            pass

    def second_server_binds(self, host: str, port: int) -> bool:
        """Can another server bind (host, port) with SO_REUSEPORT while the student's listens there?

        Only if the student's listening socket has SO_REUSEPORT too: the
        kernel then lets a second server share (steal) the port. The second
        socket must belong to the same uid as the student's, so it is made in
        a fork of the grader that takes the student's uid first.
        """
        pid = os.fork()
        if pid == 0:
            code = 2
            try:
                if self.isolation.uid is not None:
                    os.setgroups([])
                    os.setgid(self.isolation.uid)
                    os.setuid(self.isolation.uid)
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as rival:
                    rival.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
                    try:
                        rival.bind((host, port))
                        code = 0
                    except OSError:
                        code = 1
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    def call(self, module: str, function: str, *args, **options) -> StudentCall:
        return StudentCall(self, module, function, list(args), **options)

    def free_port(self) -> int:
        """A port that is free on this run's host right now (the kernel's choice)."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind((self.host, 0))
            return probe.getsockname()[1]

    def listen(self, rcvbuf: int | None = None) -> socket.socket:
        """A reference peer's listening socket on this run's host."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        listener.bind((self.host, 0))
        listener.listen(8)
        listener.setblocking(False)
        return listener

    def close(self) -> None:
        """Kill every student process of this run (the fork server stays for the next check)."""
        for call in self.calls:
            call.kill()
        self.calls.clear()

    def shutdown(self) -> None:
        """End the run: every student process, then the fork servers (again: a no-op)."""
        self.close()
        for server in self._forkservers.values():
            server.stop()
        self._forkservers.clear()


class _Restarting:
    """Starts a call on the run's fork server; if that server was killed or stopped, on a new one.

    Only the student's code can have harmed it (at the basic level it runs
    as the same user): a second failure is that submission's failure.
    """

    def __init__(self, run: Run, reference: bool):
        self.run = run
        self.reference = reference

    def start(self, *args) -> int:
        for attempt in range(2):
            server = self.run._forkservers[self.reference]
            try:
                return server.start(*args)
            except OSError as exc:
                log = server.failure_log()
                try:
                    os.killpg(server.proc.pid, signal.SIGKILL)
                except OSError:
                    pass
                server.stop()
                self.run._forkservers[self.reference] = self.run._start_forkserver(self.reference)
                if attempt == 1 or self.reference:
                    raise CheckFailed(messages.FORKSERVER_GONE.format(why=f"{exc} {log}".strip()[-300:])) from None
        raise AssertionError("unreachable")


# --------------------------------------------------------------------------- the reference peer


class Peer:
    """The reference peer's end of one connection, driven step by step by a check.

    Every blocking step is a select() loop that also watches the student's
    process, so a student's function that finishes, crashes or hangs ends
    the step at once (with `ended` set) instead of stalling the check.
    """

    def __init__(self, sock: socket.socket, call: StudentCall, timeline: Timeline):
        sock.setblocking(False)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = sock
        self.call = call
        self.timeline = timeline
        self.local = sock.getsockname()[:2]
        self.remote = sock.getpeername()[:2]
        self.received = bytearray()
        self.end: str | None = None  # "FIN" or "RST" once the student's side ended
        # What the peer is waiting for, in the student's words: shown if it never comes.
        self.expecting = messages.EXPECTED_READ_ALL
        self.pieces_read = 0  # pieces of a send() the student's code read before the next was sent
        self.fin_sent = False

    # ---- setting up

    @classmethod
    def accept(cls, listener: socket.socket, call: StudentCall, timeline: Timeline,
               expected: str = "", quiet: bool = False) -> Peer:
        """Wait for the student's code to connect to `listener`."""
        while True:
            try:
                sock, _ = listener.accept()
            except BlockingIOError:
                pass
            else:
                peer = cls(sock, call, timeline)
                call.accepted_at = time.monotonic()
                call.cpu_accepted = kernel.cpu_time(call.pid) if kernel.AVAILABLE else None
                if not quiet:
                    timeline.student(messages.TL_CONNECT_FROM.format(port=peer.remote[1]))
                    timeline.peer(messages.TL_ACCEPT, wire=False)
                return peer
            if not _step(call, [listener]):
                raise _ended(call, timeline, expected or messages.EXPECTED_CONNECT)

    @classmethod
    def connect(cls, host: str, port: int, call: StudentCall, timeline: Timeline,
                rcvbuf: int | None = None) -> Peer:
        """Connect to the student's server once it listens on (host, port).

        On Linux, wait for its LISTEN socket in /proc/net/tcp, held by the
        student's process, then connect once: a server that accepts a single
        client gets no throwaway probe. Elsewhere, retry the connect until
        it is accepted, and that connection is the conversation.
        """
        while True:
            if kernel.AVAILABLE:
                ready = _student_listens(call, host, port, timeline)
            else:
                ready = True
            if ready:
                probe, call.run.on_listen = call.run.on_listen, None  # set by a check that looks at the listener
                if probe is not None:
                    probe(host, port)
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                if rcvbuf:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
                sock.settimeout(max(0.1, call.deadline - time.monotonic()))
                try:
                    sock.connect((host, port))
                except ConnectionRefusedError:
                    sock.close()
                    if kernel.AVAILABLE:
                        raise
                except OSError:
                    sock.close()
                    raise
                else:
                    peer = cls(sock, call, timeline)
                    timeline.peer(messages.TL_CONNECT_TO.format(host=host, port=port))
                    timeline.student(messages.TL_ACCEPT_HANDSHAKE, wire=False)
                    return peer
            if not _step(call, [], timeout=0.005 if not kernel.AVAILABLE else POLL):
                raise _ended(call, timeline, messages.EXPECTED_LISTEN.format(host=host, port=port))

    # ---- sending

    def send(self, data: bytes, pieces: list[int] | None = None) -> bool:
        """Send data; with `pieces`, in pieces of those sizes, each read before the next.

        Between pieces, wait until the student's kernel has acknowledged the
        piece and the student's code has read every byte of it (rx_queue 0):
        one recv() can then never return two pieces together, however loaded
        the machine. (Waiting for the ACK matters: without it, an empty
        rx_queue could also mean "not arrived yet". So does waiting until every
        thread of the student's process sleeps: a recv() that has copied the
        last byte but not yet returned still holds the socket, and would
        pick up a piece sent at that moment; asleep, it holds nothing. Only
        code that polls a non-blocking socket never sleeps; for it, the
        pieces go on after ASLEEP_WAIT.)

        Returns False if sending stopped early because the student's function
        had returned (or its side was gone): what it got is then for the
        check to judge. If the function raised, crashed or hung instead,
        that is the verdict (CheckFailed).
        """
        sizes = pieces or [len(data)]
        assert sum(sizes) == len(data), "pieces must add up to the data"
        offset = 0
        for number, size in enumerate(sizes):
            piece = data[offset : offset + size]
            offset += size
            label = messages.TL_SEND.format(data=show(piece, TIMELINE_BYTES))
            if len(sizes) > 1:
                label = messages.TL_PIECE.format(number=number + 1, count=len(sizes), label=label)
            if not self._send_piece(piece):
                self.timeline.note(messages.PEER_STOPPED.format(left=len(data) - offset + size, total=len(data)))
                return False
            self.timeline.peer(label)
            if number < len(sizes) - 1:
                if not self.wait_consumed():
                    self.timeline.note(messages.PEER_STOPPED.format(left=len(data) - offset, total=len(data)))
                    return False
                self.pieces_read += 1
        return True

    def _stop(self) -> bool:
        """The student's side stopped taking data: its function's outcome decides what that means."""
        self.call.wait()
        if self.call.status != "returned":
            raise self.call.failure(self.timeline, self.expecting)
        return False

    def _send_piece(self, piece: bytes) -> bool:
        view = memoryview(piece)
        while view:
            try:
                sent = self.sock.send(view)
                view = view[sent:]
                continue
            except BlockingIOError:
                pass
            except (BrokenPipeError, ConnectionResetError):
                # EPIPE too means RST here: this peer never shuts down before it is done sending.
                if self.end != "RST":
                    self.end = "RST"
                    self.timeline.student(messages.END_NAME["RST"])
                return self._stop()
            if not _step(self.call, [], [self.sock]):
                return self._stop()
        return True

    def wait_consumed(self) -> bool:
        """Wait until everything sent has arrived and the student's code has read it."""
        if not kernel.AVAILABLE:
            return _step(self.call, [], timeout=0.05) or self._stop()  # best effort without /proc
        read_at = None
        while True:
            if kernel.unsent(self.sock) == 0:
                row = kernel.connection(self.remote, self.local)
                if row is None:  # the student's socket is gone
                    return self._stop()
                if row.rx_queue == 0:
                    read_at = read_at or time.monotonic()
                    # Code that polls a non-blocking socket never sleeps: after a while, go on.
                    if kernel.sleeping(self.call.pid) or time.monotonic() - read_at > ASLEEP_WAIT:
                        return True
            if not _step(self.call, [], timeout=POLL):
                return self._stop()

    def stall(self, seconds: float) -> None:
        """Read nothing until the student's code waits (asleep) on a full buffer, then `seconds` more."""
        while not self.call.finished and not kernel.sleeping(self.call.pid):
            if not _step(self.call, [], timeout=POLL):
                return
        end = time.monotonic() + seconds
        while time.monotonic() < end and _step(self.call, [], timeout=end - time.monotonic()):
            pass

    def unread_by_student(self, wait: float = 1.0) -> int | None:
        """Bytes the student's side of this connection holds unread, once all we sent has arrived.

        From the kernel (rx_queue), not from the student's process. None where
        /proc is missing or the student's socket is gone.
        """
        if not kernel.AVAILABLE:
            return None
        end = time.monotonic() + wait
        while kernel.unsent(self.sock) and time.monotonic() < end:
            time.sleep(POLL)
        row = kernel.connection(self.remote, self.local)
        if row is None:
            return None
        # Our FIN counts as one byte in rx_queue until the student's code reads it (recv() == b""),
        # which it can do only after every byte before it: unread data means an unread FIN.
        return row.rx_queue - 1 if self.fin_sent and row.rx_queue else row.rx_queue

    def delivered_and_read(self) -> bool:
        """Has the student's code read every byte sent so far? (False where /proc is missing.)"""
        if not kernel.AVAILABLE or kernel.unsent(self.sock):
            return False
        row = kernel.connection(self.remote, self.local)
        return row is not None and row.rx_queue == 0

    def wait_delivered(self) -> bool:
        """Wait until everything sent sits in the student's kernel (acknowledged)."""
        if not kernel.AVAILABLE:
            return _step(self.call, [], timeout=0.05) or self._stop()  # best effort without TIOCOUTQ
        while kernel.unsent(self.sock):
            if not _step(self.call, [], timeout=POLL):
                return self._stop()
        return True

    def shutdown_write(self) -> None:
        """Send FIN; if the student's side already reset the connection, note it instead."""
        try:
            self.sock.shutdown(socket.SHUT_WR)
        except OSError as exc:  # ENOTCONN, ECONNRESET, EPIPE: an RST arrived first
            if exc.errno not in (errno.ENOTCONN, errno.ECONNRESET, errno.EPIPE):
                raise
            if self.end is None:
                self._note_end("RST")
                self.timeline.student(messages.END_NAME["RST"])
            return
        self.fin_sent = True
        self.timeline.peer(messages.TL_FIN_SHUTDOWN)

    def close(self) -> None:
        if self.sock.fileno() >= 0:
            self.sock.close()

    # ---- receiving

    def read_some(self, until: float | None = None) -> bytes:
        """Whatever arrives next (b"" at FIN); CheckFailed via _ended if nothing does."""
        while True:
            try:
                data = self.sock.recv(1 << 16)
            except BlockingIOError:
                pass
            except ConnectionResetError:
                self._note_end("RST")
                return b""
            else:
                if not data:
                    self._note_end("FIN")
                return data
            if not _step(self.call, [self.sock], until=until, more=self._more_coming):
                return None

    def read(self, count: int | None = None, until: float | None = None) -> bytes:
        """Read until `count` more bytes arrived (None: until the student's side ends).

        Stops early at FIN or RST, or when the student's function has
        returned and nothing more arrives, and returns what this call
        received (a recv() may bring more than `count`: it is kept). If the
        student's code hangs, raises or crashes first, that is the verdict.
        """
        start = len(self.received)
        ended_before = self.end
        while self.end is None and (count is None or len(self.received) - start < count):
            data = self.read_some(until)
            if data is None:
                if self.call.timed_out or (self.call.finished and self.call.status != "returned"):
                    self._log_read(start, ended_before)
                    raise _ended(self.call, self.timeline, self.expecting)
                break
            self.received += data
        self._log_read(start, ended_before)
        return bytes(self.received[start:])

    def _log_read(self, start: int, ended_before: str | None) -> None:
        new = bytes(self.received[start:])
        if new:
            self.timeline.student(messages.TL_SEND.format(data=show(new, TIMELINE_BYTES)))
        if self.end and not ended_before:
            self.timeline.student(messages.END_NAME[self.end])

    def wait_end(self, until: float | None = None) -> str | None:
        """Wait for the student's side to end the connection: "FIN", "RST" or None."""
        self.read(None, until)
        return self.end

    def _more_coming(self) -> bool:
        """Is the student's FIN or RST still on its way? (Its socket was closed, we saw no end yet.)"""
        if self.end is not None or not kernel.AVAILABLE:
            return False
        row = kernel.connection(self.remote, self.local)
        return row is None or row.inode == 0  # closed by the student's code: its end is on the wire

    def _note_end(self, how: str) -> None:
        if self.end is None:
            self.end = how


def _step(call: StudentCall, readable: list, writable: list = (), timeout: float | None = None,
          until: float | None = None, more=None) -> bool:
    """One wait of a peer loop; False when waiting longer is pointless.

    That is when the student's call has ended (its function returned, and
    nothing more can come: `more()` says so from the kernel's view, or else
    a short settle passed; or it crashed or was killed), or its limit passed
    (the call is then ended as hung, with its stack taken).
    """
    until = call.deadline if until is None else min(until, call.deadline)
    if call.finished:
        # Returned normally: what the student's code sent before returning may
        # still be on its way (a busy machine defers loopback delivery), and
        # the kernel says whether something is. Raised, crashed or killed:
        # that is the verdict, whatever comes.
        settle_end = call.finished_at + SETTLE if call.status == "returned" else 0.0
        if call.status == "returned" and more is not None and more():
            settle_end = until
            timeout = POLL * 10 if timeout is None else timeout
        if time.monotonic() >= settle_end:
            r, w, _ = select.select(readable, writable, [], 0)
            return bool(r or w)
        until = min(until, settle_end)
    left = until - time.monotonic()
    if left <= 0:
        if until >= call.deadline:
            call.hang()
        return False
    wait = left if timeout is None else min(left, timeout)
    watch = list(readable) + ([call] if not call.finished else [])
    select.select(watch, list(writable), [], wait)
    call.pump()
    return True


def _ended(call: StudentCall, timeline: Timeline, expected: str) -> CheckFailed:
    """The failure for a peer step that could not complete."""
    if call.finished and call.result is not None and call.result["status"] == "returned":
        return call.failure(timeline, expected)
    if not call.finished:
        call.hang()
    return call.failure(timeline, expected)


def _student_listens(call: StudentCall, host: str, port: int, timeline: Timeline) -> bool:
    """True once the student's process holds a LISTEN socket on (host, port).

    A LISTEN socket of the student's process on another address or port is
    reported at once: it is the wrong address, and no client will ever come.
    """
    mine = kernel.socket_inodes(call.pid)
    if not mine:
        return False
    for row in kernel.by_inode(list(mine)):
        if row.state != "LISTEN":
            continue
        if row.local == (host, port):
            return True
        timeline.note(messages.TL_LISTENS_ON.format(address=f"{row.local[0]}:{row.local[1]}"))
        call.kill()
        template = messages.WRONG_ADDRESS_ALL if row.local[0] in ("0.0.0.0", "::") else messages.WRONG_ADDRESS
        raise CheckFailed(template.format(got=f"{row.local[0]}:{row.local[1]}", want=f"{host}:{port}"),
                          timeline=timeline.render())
    return False
