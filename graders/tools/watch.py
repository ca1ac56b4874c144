"""Watch mode: re-grade a lesson every time its file is saved.

    python -m graders.tools.watch client_flow              watch exercises/client_flow.py
    python -m graders.tools.watch                          watch every lesson's file
    python -m graders.tools.watch client_flow --target DIR watch DIR/client_flow.py instead
    python -m graders.tools.watch --interval 1.0           poll once a second (default 0.3 s)

(`nox -s watch -- ...` runs this.) It grades once at start (the lesson, or
without LESSON every lesson), then polls the watched files and re-grades a
lesson whenever its file changed, showing the grader's report followed by one
status line:

    [12:00:01] client_flow: 3/4 passed (0.6 s). Waiting for your next save...

How it notices a save: polling, not file events, so it also works on mounted
drives and under WSL2, where events do not arrive. Every --interval it stats
each file; only when the file's (mtime_ns, size) changed does it read the
file, and only when the content's hash changed too does it re-grade. Saving an
unchanged file, or a drive that reports odd mtimes, costs no grading. A save
during a grading run is graded once that run has finished.

Each grading is the same command as `nox -s grade -- LESSON`, run as a
subprocess in its own process group, with its output going straight to the
terminal; the counts come from its --json file. The screen is cleared before
each run, and the status coloured, only when stdout is a terminal and
NO_COLOR is not set. Ctrl-C (or SIGTERM, SIGHUP) ends the running grading
(SIGTERM to its process group, SIGKILL after 2 s; its student processes die
with it), prints "Stopped watching." and exits with status 0.

Standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graders import course
from graders.text import messages

DEFAULT_INTERVAL = 0.3  # seconds between two polls of the watched files
KILL_GRACE = 2.0  # seconds between SIGTERM and SIGKILL for a grading run being stopped
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
CLEAR_SCREEN = "\033[2J\033[H"
GREEN, RED, RESET = "\033[32m", "\033[31m", "\033[0m"


# --------------------------------------------------------------------------- command line


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """LESSON (optional), --target DIR, --interval SECONDS; exits with status 2 when wrong."""
    parser = argparse.ArgumentParser(prog="python -m graders.tools.watch", description=messages.HELP_WATCH)
    parser.add_argument("lesson", nargs="?", help=messages.HELP_WATCH_LESSON)
    parser.add_argument("--target", default=str(course.EXERCISES), help=messages.HELP_WATCH_TARGET)
    parser.add_argument("--interval", type=float, default=DEFAULT_INTERVAL,
                        help=messages.HELP_INTERVAL.format(interval=DEFAULT_INTERVAL))
    args = parser.parse_args(argv)
    known = [lesson.id for lesson in course.lessons()]
    if args.lesson is not None and args.lesson not in known:
        parser.error(messages.UNKNOWN_LESSON.format(name=args.lesson, known=messages.LIST_SEPARATOR.join(known)))
    if not Path(args.target).is_dir():
        parser.error(messages.NO_SUCH_FOLDER.format(path=args.target))
    if not args.interval > 0:
        parser.error(messages.WATCH_BAD_INTERVAL)
    args.target = Path(args.target).resolve()
    args.lessons = [args.lesson] if args.lesson else known
    return args


# --------------------------------------------------------------------------- noticing a save


@dataclass
class Seen:
    """What a watched file looked like last time: its (mtime_ns, size) and its content's hash."""

    stamp: tuple[int, int] | None
    digest: str | None


def stamp_of(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def digest_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def look(path: Path) -> Seen:
    return Seen(stamp_of(path), digest_of(path))


def changed(path: Path, seen: Seen) -> bool:
    """Has the file's content changed since `seen`? Updates `seen`; reads the file only when stat differs."""
    stamp = stamp_of(path)
    if stamp == seen.stamp:
        return False
    digest = digest_of(path)
    seen.stamp = stamp
    if digest == seen.digest:
        return False
    seen.digest = digest
    return True


# --------------------------------------------------------------------------- output


def fancy() -> bool:
    """Escapes (clearing, colour) only on a terminal, and never when NO_COLOR is set."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def say(text: str) -> None:
    print(text, flush=True)  # flushed: the grader writes to the same stdout right after


def shown(path: Path) -> str:
    """A path as the student knows it: relative to the course when inside it."""
    try:
        return str(path.relative_to(course.ROOT))
    except ValueError:
        return str(path)


def header(args: argparse.Namespace) -> str:
    if args.lesson:
        return messages.WATCH_ONE.format(path=shown(args.target / f"{args.lesson}.py"))
    return messages.WATCH_ALL.format(path=f"{shown(args.target)}{os.sep}", count=len(args.lessons))


def status(label: str, results: dict | None, returncode: int) -> str:
    """The line after each run: passed/total, or that the grader itself did not finish. No duration: the
    report's own last line, right above, says how long the grading took (one run, one time)."""
    when = time.strftime("%H:%M:%S")
    if results is None:
        outcome = messages.WATCH_GRADER_FAILED.format(code=returncode)
    else:
        outcome = messages.WATCH_PASSED.format(passed=results["passed"], total=results["total"])
    line = messages.WATCH_STATUS.format(when=when, label=label, outcome=outcome)
    if not fancy():
        return line
    all_passed = results is not None and results["total"] and results["passed"] == results["total"]
    return f"{GREEN if all_passed else RED}{line}{RESET}"


# --------------------------------------------------------------------------- grading


@contextlib.contextmanager
def signals_deferred():
    """Hold Ctrl-C (and SIGTERM, SIGHUP) until the block is done, then raise KeyboardInterrupt.

    So that a grading process is never started without being stopped, nor
    left half-stopped by a second Ctrl-C.
    """
    caught: list[int] = []
    previous = {number: signal.signal(number, lambda signum, _frame: caught.append(signum))
                for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            raise KeyboardInterrupt


def stop(proc: subprocess.Popen) -> None:
    """End a grading run that is still going: its whole process group, SIGTERM then SIGKILL."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=KILL_GRACE)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def pytest_command(lessons: list[str], target: Path, json_path: Path) -> list[str]:
    """The command `nox -s grade -- LESSON ... --target DIR --json FILE` runs."""
    command = [sys.executable, "-m", "pytest", *course.grading_args(lessons, target, json_path)]
    if not fancy():
        command.append("--color=no")
    return command


def run(command: list[str], workdir: Path) -> int:
    """Run the grader with its output on our terminal; stop it if we are interrupted."""
    env = dict(os.environ, TMPDIR=str(workdir))  # its temporary files go where we clean up
    proc = None
    try:
        with signals_deferred():
            proc = subprocess.Popen(command, cwd=course.ROOT, env=env, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
        return proc.wait()
    finally:
        if proc is not None:
            with signals_deferred():
                stop(proc)


def read_results(json_path: Path) -> dict | None:
    try:
        results = json.loads(json_path.read_text())
        return {"passed": int(results["passed"]), "total": int(results["total"])}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def grade(args: argparse.Namespace, lessons: list[str], workdir: Path) -> None:
    """One grading run of `lessons`: clear, header, the grader's report, the status line."""
    json_path = workdir / "results.json"
    json_path.unlink(missing_ok=True)
    if fancy():
        sys.stdout.write(CLEAR_SCREEN)
    say(header(args))
    returncode = run(pytest_command(lessons, args.target, json_path), workdir)
    label = messages.LIST_SEPARATOR.join(lessons) if args.lesson or len(lessons) < len(args.lessons) else messages.LESSON_ALL
    say(status(label, read_results(json_path), returncode))


# --------------------------------------------------------------------------- the loop


def watch(args: argparse.Namespace, workdir: Path) -> None:
    """Grade once, then poll forever and re-grade the lessons whose file changed."""
    files = {lesson: args.target / f"{lesson}.py" for lesson in args.lessons}
    seen = {lesson: look(path) for lesson, path in files.items()}  # before grading: saves meanwhile count
    grade(args, args.lessons, workdir)
    while True:
        time.sleep(args.interval)
        due = [lesson for lesson, path in files.items() if changed(path, seen[lesson])]
        if due:
            grade(args, due, workdir)


def _interrupt(_signum: int, _frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for number in (signal.SIGTERM, signal.SIGHUP):  # stopped from outside: clean up as for Ctrl-C
        signal.signal(number, _interrupt)
    workdir = Path(tempfile.mkdtemp(prefix="watch-"))
    try:
        watch(args, workdir)
    except KeyboardInterrupt:
        pass
    finally:
        for number in STOP_SIGNALS:  # a second Ctrl-C must not interrupt the clean-up
            signal.signal(number, signal.SIG_IGN)
        shutil.rmtree(workdir, ignore_errors=True)
    with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
        say("\n" + messages.WATCH_STOPPED if sys.stdout.isatty() else messages.WATCH_STOPPED)
    return 0


if __name__ == "__main__":
    sys.exit(main())
