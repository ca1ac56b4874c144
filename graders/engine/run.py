"""One grading run: its isolation, its copy of the lesson files, its fork servers, its host.

`Run` is what every check gets (the `run` fixture): it starts calls of
student code (`Run.call`, a `student.StudentCall`), gives the reference
peers their listening sockets on the run's own loopback address, holds each
lesson's conversation once for all the checks that judge it (`Run.once`),
and ends every process of the run at the end. The fork servers that start
the calls are started here, sandboxed as `sandbox.py` decides: one for the
student's code and one, unsandboxed, for the reference solutions (the speed
checks' yardstick), both from copies made when the run starts.
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
from pathlib import Path

from graders import course
from graders.engine import container, deadlock, sandbox
from graders.engine.student import CALL_LIMIT, StudentCall
from graders.engine.verdict import CheckFailed
from graders.text import messages

RUNNER = Path(__file__).with_name("fork_server.py")
SANDBOX_SCRATCH = "/scratch"  # the student's scratch tmpfs inside bubblewrap (full and userns levels)
SOURCE_LIMIT = sandbox.LIMITS["source"]  # bytes of a lesson file (the runner has it in its config's limits)
FORKSERVER_TIMEOUT = 10.0  # starting the fork server, or one fork: far more than it ever takes
FAULT_WAIT = 1.0  # the grader's code failed: how long a call of the student's still running may take to end

__all__ = ["CALL_LIMIT", "Run"]


class ForkServer:
    """The process that forks student calls (fork_server.py --serve): one per run, sandboxed.

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
            wait_exit(self.proc, FORKSERVER_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def wait_exit(proc: subprocess.Popen, timeout: float) -> int:
    """`proc.wait(timeout)`, woken by the kernel the moment the process exits (a pidfd, Linux 5.3 and later):
    Popen.wait with a timeout polls with sleeps growing to 50 ms, each exit then seen up to that late."""
    if proc.returncode is None and hasattr(os, "pidfd_open"):
        try:
            fd = os.pidfd_open(proc.pid)
        except OSError:  # gone already (ESRCH), or no pidfd here: the plain wait below
            pass
        else:
            try:
                if not select.select([fd], [], [], timeout)[0]:
                    raise subprocess.TimeoutExpired(proc.args, timeout)
            finally:
                os.close(fd)
    return proc.wait(timeout=timeout)


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


def copy_lessons(source: Path, dest: Path, modules: list[str]) -> tuple[dict, dict, dict, dict]:
    """Copy the lesson files of a submission, and nothing else: (copies, file names, refused, sources).

    Only `<lesson>.py` files that are regular files (not symlinks, read
    without following one, nor blocking on a FIFO) are taken, each at most
    SOURCE_LIMIT bytes; no `.pyc`, no `conftest.py`, no other module. The
    student's code is compiled from these copies but shown under its own
    file names. `sources` keeps each copy's bytes, read once, now: the
    grader shows source lines from them and never opens a path again (a
    file name in a stack dump is the student's process's word). A refused
    file is not remembered under its name: no frame of it is ever shown.
    """
    dest.mkdir(mode=0o755, parents=True, exist_ok=True)
    os.chmod(dest, 0o755)
    copies, files, refused, sources = {}, {}, {}, {}
    for module in modules:
        original = source / f"{module}.py"
        try:
            fd = os.open(original, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError as exc:
            if os.path.islink(original):
                refused[module] = messages.SYMLINK_REFUSED.format(path=original)
            elif exc.errno != errno.ENOENT:
                refused[module] = messages.FILE_REFUSED.format(path=original, why=exc.strerror)
            else:
                files[module] = str(original)  # missing: its name is what the student is told to create
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
        files[module] = str(original)
        sources[module] = data
    return copies, files, refused, sources


def _a_consequence(call: StudentCall, exc: BaseException) -> bool:
    """The student's call raised what a peer's socket closing on it raises (EOF, a reset, a broken pipe) while the
    grader's own code failed with an error of its own (not a socket's: an IndexError in a reference peer, say).
    The grader's failure then closed that socket: its error is the cause, and the student's only followed it."""
    if isinstance(exc, OSError) or call.status != "raised" or call.result is None or call.result.error is None:
        return False
    return any(call.result.error.is_a(name) for name in ("EOFError", "ConnectionResetError", "BrokenPipeError"))


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
        # The student's calls the check running now used, those of the conversations it judged included:
        # what they printed is shown with the first failing check that used them (once per call).
        self.check_calls: list[StudentCall] = []
        self._conversation_calls: dict[tuple, list[StudentCall]] = {}
        self.reference_times: dict[tuple, float] = {}  # speed checks: measured once per run
        # The (lesson, check) pairs this run grades (the plugin sets it once they are collected); None: all.
        self.selected: set[tuple[str, str]] | None = None
        # Conversations played at once with another, for a later check, which holds them under their own key.
        self.played_along: dict[tuple, object] = {}
        # Functions of the student's that raised (a stub, a crash): a speed check
        # then skips measuring the reference, since there is nothing to compare.
        self.broken: set[tuple[str, str]] = set()
        self.broken_calls: dict = {}  # ... and the first call that said so: later calls reuse its report
        # Functions stopped at their limit, with the check that stopped them and whether they were busy:
        # a later check of the same function says so in a line instead of waiting out the limit again.
        self.stopped: dict[tuple[str, str | None], tuple[str, bool]] = {}  # (module, None): its import hung
        self.stopped_calls: dict[tuple[str, str | None], StudentCall] = {}  # ... and the call that was stopped
        # Stops whose check passed all the same (it judged what happened before): no report has said so yet.
        self.stopped_untold: set[tuple[str, str | None]] = set()
        self.check_title = ""  # the check running now (the plugin sets it)
        self.counter = itertools.count(1)
        self._forkservers: dict[bool, ForkServer] = {}
        self._conversations: dict[tuple, tuple] = {}
        self.tap = None  # the packets of the run's loopback (graders/engine/packets.py), where they can be captured
        self._windows: dict[tuple, tuple[float, float]] = {}  # when each conversation was held (time.time())
        self.on_listen = None  # called once with (host, port) when a student's server next listens
        # How the student's uid reaches the standard library (uid level): "readable", "made-readable", "preloaded".
        self.stdlib = "readable"
        modules = modules if modules is not None else [lesson.id for lesson in course.lessons()]
        os.chmod(self.tmp, 0o711)
        # The submission's lesson files, copied now: what is graded cannot change during the run.
        self._copies, self._files, self.refused, self._sources = copy_lessons(self.target, self.tmp / "submission",
                                                                               modules)
        # The reference solutions too, so that no one can change the reference times mid-run.
        self._ref_copies, self._ref_files, _, self._ref_sources = copy_lessons(course.SOLUTIONS,
                                                                               self.tmp / "reference", modules)

    def copies(self, reference: bool = False) -> tuple[dict, dict]:
        return (self._ref_copies, self._ref_files) if reference else (self._copies, self._files)

    def source(self, module: str, reference: bool = False) -> bytes | None:
        """A lesson file's bytes as copied when the run started (None if it was not taken)."""
        return (self._ref_sources if reference else self._sources).get(module)

    def source_line(self, filename: str, lineno: int, reference: bool = False) -> str:
        """Line `lineno` of the copied lesson file shown as `filename`, or ''.

        `filename` comes from the student's process (a stack dump): it is only
        a name to look up among the run's copies, never a path to open.
        """
        files = self._ref_files if reference else self._files
        sources = self._ref_sources if reference else self._sources
        for module, name in files.items():
            if name == filename and module in sources:
                lines = sources[module].decode("utf-8", errors="replace").splitlines()
                return lines[lineno - 1].strip() if 1 <= lineno <= len(lines) else ""
        return ""

    def scratch_dir(self) -> Path:
        """The grader's own scratch folder (recreated if something deleted it)."""
        self.tmp.mkdir(mode=0o711, parents=True, exist_ok=True)
        return self.tmp

    def call_scratch(self, number: int, reference: bool) -> str:
        """The folder a call runs in: inside the sandbox's own tmpfs at the full and userns levels."""
        if self.isolation.bwrap and not reference:
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
            mark = len(self.check_calls)
            started = time.time()
            try:
                self._conversations[key] = (conversation(), None)
            except CheckFailed as failure:
                self._conversations[key] = (None, failure)
            except Exception as exc:  # the grader's own code failed: the student's, if their code failed first
                fault = self.student_fault(exc)
                self._conversations[key] = (None, exc if fault is None else fault)  # one report: not played again
            self._conversation_calls[key] = self.check_calls[mark:]
            self._windows[key] = (started, time.time())
        else:
            self.check_calls.extend(c for c in self._conversation_calls.get(key, ()) if c not in self.check_calls)
        if self.tap is not None:  # a later check judging it shows the same packets
            self.tap.touched.append(self._windows[key])
        talk, failure = self._conversations[key]
        if isinstance(failure, CheckFailed):
            fresh = CheckFailed(failure.message, failure.outcome, failure.timeline, failure.template, failure.templates)
            fresh.__dict__.update({name: value for name, value in failure.__dict__.items() if name not in fresh.__dict__})
            raise fresh  # (with what the conversation attached to it: `listened`, say)
        if failure is not None:
            raise failure
        return talk

    def student_fault(self, exc: BaseException) -> CheckFailed | None:
        """The student's failure behind an error of the grader's own code, if there is one.

        A safety net under every conversation and check (the plugin asks it
        too): when the grader's code raised while a call of the student's
        code of this check had ended otherwise than by returning (it raised,
        exited, died, was stopped, or its module does not load), that call
        is the root cause, and its own failure is the verdict, with the
        student's traceback. A call that returned counts only when what
        broke is the grader's socket (OSError): the student's side of the
        wire was gone. A call still running is given FAULT_WAIT to end.
        """
        until = time.monotonic() + FAULT_WAIT
        for call in list(self.calls):
            if call.reference or call.module not in self._files:  # the reference's, or a probe of the harness
                continue
            if not call.finished:
                call.wait(until=until, hang=False)
            if not call.finished:
                continue
            if _a_consequence(call, exc):
                continue
            if call.status != "returned" or isinstance(exc, OSError):
                return call.failure()
        return None

    def wire_facts(self, key: tuple):
        """What the packets say of the conversation held under `key` (packets.WireFacts), or None where the run
        captures no packets (no private network namespace): a check then judges without them."""
        if self.tap is None or key not in self._windows:
            return None
        return self.tap.facts(self._windows[key])

    def _start_forkserver(self, reference: bool) -> ForkServer:
        # COURSE_RUN marks every process of the run (it stays in /proc/<pid>/environ of every fork).
        # MALLOC_ARENA_MAX: RLIMIT_AS counts address space reserved, not used, and glibc reserves 64 MiB for each
        # new thread's malloc arena (up to 8 a CPU): under the calls' 1 GiB about 20 threads start, fewer than
        # lesson 7's 91 clients. Two arenas leave room for them (their stacks: fork_server.THREAD_STACK); read once, as
        # the fork server starts, every call forked from it keeps it.
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "COURSE_RUN": self.run_id, "MALLOC_ARENA_MAX": "2"}
        runner = sandbox.compiled_runner(RUNNER)
        if reference:  # the reference solutions are the course's own code: no sandbox, same limits
            command = sandbox.forkserver_command(sandbox.Isolation("basic"), runner, [], "", env)
            config = {"uid": None, "pidns": False, "limits": sandbox.LIMITS}
        else:
            command = sandbox.forkserver_command(self.isolation, runner, [self.tmp / "submission"], SANDBOX_SCRATCH,
                                                 env)
            config = {"uid": self.isolation.uid, "pidns": self.isolation.pidns, "limits": sandbox.LIMITS,
                      "drop_capabilities": self.isolation.level == "userns"}
            if self.isolation.level == "userns" and not self.isolation.bwrap:  # the runner makes the sandbox
                work = self.scratch_dir() / "work"
                work.mkdir(mode=0o711, exist_ok=True)
                config["own_sandbox"] = sandbox.own_sandbox_setup([self.tmp / "submission"], [str(work)])
            if self.isolation.level == "uid":  # private temporary folders and IPC, a readable stdlib (container.py)
                extra, self.stdlib = container.uid_level_config(self.isolation.uid, str(self.scratch_dir() / "work"),
                                                                [str(self.tmp / "submission")])
                config.update(extra)
        config["interrupt_signal"] = int(deadlock.INTERRUPT_SIGNAL)  # handled, and ignored: `deadlock.interrupt_sends`
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
            call.kill(wait=False)  # every process signalled first: they die together
        for call in self.calls:
            call.kill()
        self.calls.clear()
        self.check_calls = []

    def shutdown(self) -> None:
        """End the run: every student process, then the fork servers (again: a no-op).

        At the uid level, then, whatever the run's uid left in the host's shared
        temporary folders and SysV IPC is removed (none where the kernel gave the
        run private ones): the next submission's run finds nothing of this one.
        """
        self.close()
        for server in self._forkservers.values():
            server.stop()
        self._forkservers.clear()
        if self.isolation.level == "uid" and self.isolation.uid is not None:
            container.sweep_uid(self.isolation.uid)


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
