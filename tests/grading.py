"""Run the real grader on a submission, as a student or an instructor would.

Every test of the graders goes through `grade`: a fresh `python -m pytest -p
graders.plugin` process on a target folder, its results read back from the
--json file. Nothing is mocked: the grader starts the submission's code in
its own processes and talks to it over loopback.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from graders import course

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
GRADE_TIMEOUT = 300  # a whole grading run; the harness's own limits end any check long before
# The limit of a call (COURSE_CALL_LIMIT) where a test expects the student's code to be stopped: a hang is
# forever, so any limit catches it, and the suite need not wait out the course's 3 s at each one. A call
# of honest code takes milliseconds; the checks' own peers and deadlines do not depend on this limit.
HANG_LIMIT = 0.75
# The bytecode of every grading run's graders, out of the course tree (nothing written into it, nor into a
# scratch copy): one folder for this process, made now (a test may point tempfile at a folder of its own later)
# and removed at exit. Without it, each of the suite's ~400 runs compiled the graders anew (PYTHONDONTWRITEBYTECODE,
# as it was): about 70 ms of CPU a run. The student's code is never cached: the runner imports it without bytecode.
PYCACHE = tempfile.mkdtemp(prefix="course-tests-pycache-")
atexit.register(shutil.rmtree, PYCACHE, True)
_COMPILED: set[str] = set()  # the packages of ROOT compiled into PYCACHE by this process
_COMPILE_LOCK = threading.Lock()


def share_bytecode(copy: Path, packages: tuple[str, ...] = ("graders",), user=None) -> None:
    """Give a scratch copy of the course the bytecode of ROOT's `packages`, as if it had been graded before.

    PYCACHE keeps bytecode by the source's full path, so every copy (the
    adversarial tests make one per attack and level) compiled the graders
    anew in its first run: about 0.6 s of CPU each time. Bytecode is checked
    against its source's size and modification time, which `shutil.copytree`
    keeps: the copied files are taken as they are, and a copy whose test
    changed a source compiles that file again. Where the bytecode cannot be
    had, nothing is shared: the run compiles, as before. `user`: the ordinary
    user who grades the copy (its own bytecode folder, `pycache_for`).
    """
    import compileall

    mirror = Path(PYCACHE + str(ROOT))
    for package in packages:
        with _COMPILE_LOCK:
            if package not in _COMPILED:
                previous = sys.pycache_prefix
                sys.pycache_prefix = PYCACHE
                try:
                    compileall.compile_dir(ROOT / package, quiet=2)
                finally:
                    sys.pycache_prefix = previous
                _COMPILED.add(package)
        if (mirror / package).is_dir():
            made = Path(pycache_for(user) + str(copy.resolve())) / package
            shutil.copytree(mirror / package, made, dirs_exist_ok=True)
            if user is not None and user.uid != os.geteuid():
                for folder, _, files in os.walk(made):
                    os.chown(folder, user.uid, user.gid)
                    for name in files:
                        os.chown(os.path.join(folder, name), user.uid, user.gid)


def pycache_for(user) -> str:
    """The bytecode folder of the gradings run as `user` (an OrdinaryUser; None: this process's, PYCACHE).

    An ordinary user can neither read nor write root's PYCACHE: without a
    folder of its own, each of its gradings compiled the graders anew.
    """
    if user is None or user.uid == os.geteuid():
        return PYCACHE
    path = f"{PYCACHE}-{user.name}"
    with _COMPILE_LOCK:
        if not os.path.isdir(path):
            os.mkdir(path, 0o700)
            os.chown(path, user.uid, user.gid)
            atexit.register(shutil.rmtree, path, True)
            made = True
        else:
            made = False
    if made:
        share_bytecode(ROOT, user=user)
    return path


@dataclass
class Graded:
    """One grading run: its exit status, output, JSON results and how long it took."""

    returncode: int
    output: str
    results: dict
    seconds: float
    tmpdir: Path  # the run's TMPDIR (gone once grade() returns, unless the caller gave it)
    checks: dict = field(default_factory=dict)  # check id -> record

    def __post_init__(self) -> None:
        self.checks = {record["check"]: record for record in self.results.get("checks", [])}


def grade(target: Path, lessons: list[str] | None = None, *, tmpdir: Path | None = None, root: Path = ROOT,
          isolation: str | None = None, env: dict | None = None, select: str | None = None,
          checks: list[str] | None = None, lang: str = "en", call_limit: float | None = None,
          extra: list[str] | None = None, grader_errors_expected: bool = False, as_user=None) -> Graded:
    """Grade the modules in `target` (the given lessons, or all) and return the results.

    In the English edition unless `lang` says otherwise, whatever COURSE_LANG
    the tests themselves run with: the tests that match words are written
    for one edition, and tests/test_editions.py grades in the other.

    `root`: the course to grade with (a scratch copy for the adversarial
    tests); `isolation`: force that level (COURSE_ISOLATION); `select`: only
    the checks matching this pytest -k expression; `checks`: only these checks
    (of a single lesson); `call_limit`: a call's limit (COURSE_CALL_LIMIT), e.g. HANG_LIMIT; `extra`: more
    options for the grader (e.g. --report junit:FILE, --packets, --pcap DIR); `as_user`: grade as this ordinary
    user (`tests.ordinary_user.OrdinaryUser`, from root: `runuser`); the target and `root` must be readable by
    that user.

    A check that ended as a grader error fails the test that graded it (`no_grader_error`), whatever
    that test asserts next: a student's mistake is never the grader's, and the grader's own bug is
    never hidden by a test that only looked at another check. Only a test that breaks the grader on
    purpose says `grader_errors_expected`.
    """
    chosen = lessons or [lesson.id for lesson in course.lessons()]
    # The run's own folder (its TMPDIR: the grader's scratch folder goes in it): removed once the results are
    # read, unless the caller gave one, which is then the caller's to look into and remove.
    work = Path(tempfile.mkdtemp(prefix="graded-")) if tmpdir is None else tmpdir
    json_path = work / "results.json"
    # No PYTHONDONTWRITEBYTECODE from this shell: the runs share the bytecode in PYCACHE.
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "TMPDIR": str(work), "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": PYCACHE, "COURSE_LANG": lang,
           **(env or {})}
    if isolation:
        env["COURSE_ISOLATION"] = isolation
    env.pop("COURSE_CALL_LIMIT", None)  # the course's own limit, whatever this shell says, unless asked
    if call_limit is not None:
        env["COURSE_CALL_LIMIT"] = str(call_limit)
    command = [sys.executable, "-m", "pytest", *course.grading_args(chosen, target, json_path, root=root, checks=checks)]
    if select:
        command += ["-k", select]
    command += extra or []
    user = as_user if as_user is not None and as_user.uid != os.geteuid() else None
    if user is not None:
        user.own(work)
        env["PYTHONPYCACHEPREFIX"] = pycache_for(user)
        env = user.env(env)
    started = time.monotonic()
    try:
        returncode, output = _run_pytest(command, root, env, user)
        seconds = time.monotonic() - started
        results = json.loads(json_path.read_text()) if json_path.exists() else {}
    finally:  # a run stopped past its bound too
        if tmpdir is None:
            shutil.rmtree(work, ignore_errors=True)
    graded = Graded(returncode, output, results, seconds, work)
    if not grader_errors_expected:
        no_grader_error(graded)
    return graded


def no_grader_error(graded: Graded) -> None:
    """No check of this run ended as a grader error ("error": the grader's own code raised)."""
    errors = {check: r for check, r in graded.checks.items() if r["outcome"] == "error"}
    assert not errors, "the grader failed (GRADER_ERROR), which a submission must never cause:\n" + "\n\n".join(
        describe(graded, check) for check in errors)


def _run_pytest(command: list[str], cwd: Path, env: dict, user=None) -> tuple[int, str]:
    """Run `python -m pytest ...` in `cwd` with `env`: its exit status and its output (stdout, then stderr).

    `user`: as that ordinary user (`tests.ordinary_user.OrdinaryUser`), from root. Forked from a zygote
    (of that user) that has imported pytest already (tests/zygote.py), unless COURSE_TESTS_NO_ZYGOTE is set:
    then a plain subprocess, as a student's command runs.
    """
    assert command[0] == sys.executable and command[1:3] == ["-m", "pytest"], command
    if os.environ.get("COURSE_TESTS_NO_ZYGOTE") or not hasattr(os, "fork"):
        if user is not None:
            command = user.command(command[1:])
        proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=GRADE_TIMEOUT, stdin=subprocess.DEVNULL)
        return proc.returncode, proc.stdout + proc.stderr
    output = Path(tempfile.mkdtemp(prefix="grading-output-"))
    if user is not None:
        user.own(output)  # the run writes its output there, as that user
    try:
        request = {"args": command[3:], "env": env, "cwd": str(cwd),
                   "stdout": str(output / "stdout"), "stderr": str(output / "stderr")}
        returncode = _ZYGOTES.run(request, GRADE_TIMEOUT, user)  # read when called: a test may shorten it
        text = [(output / name).read_text(errors="replace") if (output / name).exists() else ""
                for name in ("stdout", "stderr")]
        return returncode, "".join(text)
    finally:
        shutil.rmtree(output, ignore_errors=True)


class _Zygotes:
    """Idle zygotes of this process, one per grading at a time (tests grade two at once, from threads), and
    per user: an ordinary user's gradings (the userns level, from root) fork from a zygote run as that user."""

    def __init__(self) -> None:
        self.idle: dict[str | None, list[subprocess.Popen]] = {}
        self.lock = threading.Lock()
        atexit.register(self.close)

    def run(self, request: dict, timeout: float, user=None) -> int:
        key = None if user is None else user.name
        with self.lock:
            idle = self.idle.setdefault(key, [])
            zygote = idle.pop() if idle else None
        if zygote is None or zygote.poll() is not None:
            zygote = self._start(user)
        zygote.stdin.write(json.dumps(request) + "\n")
        zygote.stdin.flush()
        started = zygote.stdout.readline().split()
        if len(started) != 2 or started[0] != "pid":
            zygote.kill()
            raise RuntimeError(f"the zygote did not start the grading run: {started}")
        # A run past its bound is killed, as subprocess.run(timeout=...) would; the zygote then reports it.
        killed: list[int] = []
        timer = threading.Timer(timeout, _kill, (int(started[1]), killed))
        timer.start()
        try:
            ended = zygote.stdout.readline().split()
        finally:
            timer.cancel()
        if len(ended) != 2 or ended[0] != "exit":
            zygote.kill()
            raise RuntimeError(f"the zygote lost the grading run: {ended}")
        with self.lock:
            self.idle[key].append(zygote)  # it serves the next run, this one ended or killed
        if killed:
            raise subprocess.TimeoutExpired(request["args"], timeout)
        return int(ended[1])

    @staticmethod
    def _start(user) -> subprocess.Popen:
        source = Path(__file__).with_name("zygote.py")
        if user is None:
            return subprocess.Popen([sys.executable, str(source)], cwd=ROOT,
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        # Its code as an argument: the user may not be able to read this checkout (root's, in CI).
        return subprocess.Popen(user.command(["-c", source.read_text()]), cwd="/", env=user.env(dict(os.environ)),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def close(self) -> None:
        with self.lock:
            for zygote in (zygote for idle in self.idle.values() for zygote in idle):
                zygote.stdin.close()  # EOF: it exits
                zygote.wait()
            self.idle.clear()


def _kill(pid: int, killed: list[int]) -> None:
    killed.append(pid)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


_ZYGOTES = _Zygotes()


def grade_file(source: Path, lesson: str, checks: list[str] | None = None, call_limit: float | None = None,
               grader_errors_expected: bool = False, env: dict | None = None) -> Graded:
    """Grade one module file as if it were the student's `<lesson>.py` (only `checks`, if given)."""
    target = Path(tempfile.mkdtemp(prefix="submission-"))
    shutil.copy(source, target / f"{lesson}.py")
    try:
        return grade(target, [lesson], checks=checks, call_limit=call_limit, env=env,
                     grader_errors_expected=grader_errors_expected)
    finally:
        shutil.rmtree(target, ignore_errors=True)


LEFTOVER_GRACE = 3.0  # how long processes of a finished run may take to be gone (killed, reaped)


def run_processes(netns: str | None, run_id: str | None) -> list[str]:
    """Every process on this machine that belongs to a grading run, found by its marker.

    Two markers, both inherited by every process the run starts, whatever it
    calls itself or however it detaches (fork, setsid, a new process group):
    the run's private network namespace (`netns`, when it has one: a process
    without privileges cannot leave it), and the environment variable
    COURSE_RUN=<run_id> that the fork server starts with (kept in
    /proc/<pid>/environ, which clearing os.environ does not change).
    """
    found = []
    needle = f"COURSE_RUN={run_id}".encode() if run_id else None
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            mine = netns is not None and os.readlink(f"/proc/{pid}/ns/net") == netns
            if not mine and needle:
                mine = needle in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            if mine:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append(f"process {pid}: {cmdline[:200]}")
        except OSError:
            continue
    return found


def leftovers(graded: Graded) -> list[str]:
    """Processes and sockets of a finished grading run that are still there.

    Processes by the run's markers (see `run_processes`); sockets in the
    run's own network namespace (seen through any process still in it) or,
    without one, on the run's own loopback host. TIME_WAIT is the kernel's,
    not a leftover.
    """
    from graders.engine import kernel

    netns = graded.results.get("netns")
    run_id = graded.results.get("run_id")
    assert netns or run_id, "the results name no marker of the run: the leftover check could see nothing"
    host = graded.results.get("host") if not netns else None

    def still_there() -> list[str]:
        found = run_processes(netns, run_id)
        if host:
            for row in kernel.rows():
                if host in (row.local[0], row.remote[0]) and row.state not in ("TIME_WAIT",):
                    found.append(f"socket {row.state} {row.local} -> {row.remote}")
        return found

    # A process that is exiting has lost its environment (the marker) before its files are closed: its
    # sockets get the same grace as the processes, as both end in the same exit.
    deadline = time.monotonic() + LEFTOVER_GRACE
    while (found := still_there()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def describe(graded: Graded, check: str | None = None) -> str:
    """What a failing assertion shows: the check's record, or the whole output."""
    if check and check in graded.checks:
        record = graded.checks[check]
        return f"{check}: {record['outcome']}\n{record['message']}\n" + "\n".join(record["timeline"])
    return graded.output[-4000:]
