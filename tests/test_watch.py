"""Watch mode (graders/tools/watch.py), run for real: a subprocess, a file saved, Ctrl-C.

The watcher is started as a student would (``python -m graders.tools.watch``) on a
copy of the stubs, with its stdout piped; its output is read with select()
and bounded timeouts, never by sleeping and hoping. Every process it started
(the grader, the fork server, the student's calls) carries a marker in its
environment, so that "nothing is left behind" can be checked precisely even
while other grading runs share the machine.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from graders import course
from graders.tools import watch

ROOT = course.ROOT
SUBMISSIONS = ROOT / "tests" / "submissions"
LESSON = "client_flow"
GRADE_TIMEOUT = 60.0  # one grading run of one lesson takes about a second; room for a loaded machine
EXIT_TIMEOUT = 15.0  # Ctrl-C: the grader gets SIGTERM, then SIGKILL after 2 s
GONE_TIMEOUT = 2.5  # the fork server ends its calls and itself as soon as the grader is gone


class Output:
    """The watcher's stdout, read as it comes, with a deadline for every wait."""

    def __init__(self, proc: subprocess.Popen):
        self.proc = proc
        self.text = ""
        self.position = 0  # what earlier waits have already matched

    def wait_for(self, words: str, timeout: float) -> str:
        """Block until `words` appears after the previous match; return the output up to it."""
        deadline = time.monotonic() + timeout
        while words not in self.text[self.position:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {words!r} within {timeout} s; output:\n{self.text[-4000:]}")
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    raise AssertionError(f"the watcher ended before {words!r}; output:\n{self.text[-4000:]}")
                self.text += chunk.decode(errors="replace")
        end = self.text.index(words, self.position) + len(words)
        self.position = end
        return self.text[:end]


def leftovers(target: Path, marker: str) -> list[str]:
    """Live processes that name `target` on their command line or carry `marker` in their environment."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and (str(target) in cmdline or marker.encode() in environ):
            found.append(f"{pid}: {cmdline[:200]}")
    return found


def wait_until_gone(target: Path, marker: str) -> list[str]:
    deadline = time.monotonic() + GONE_TIMEOUT
    while (found := leftovers(target, marker)) and time.monotonic() < deadline:
        time.sleep(0.05)  # polling the process table: there is nothing to wait on
    return found


def stop(proc: subprocess.Popen) -> None:
    """Whatever happened in the test: the watcher ends (Ctrl-C first, then for good)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=EXIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    proc.stdout.close()


def wait_for_process(marker: str, words: str) -> None:
    """Block until a process carrying `marker` runs a command line containing `words`."""
    deadline = time.monotonic() + GRADE_TIMEOUT
    while not any(words in line for line in leftovers(Path("/nonexistent"), marker)):
        assert time.monotonic() < deadline, f"no process running {words!r} within {GRADE_TIMEOUT} s"
        time.sleep(0.05)  # polling the process table: there is nothing to wait on


def start_watch(target: Path, marker: str) -> subprocess.Popen:
    """`python -m graders.tools.watch LESSON --target TARGET`, stdout piped, every process marked."""
    # The watcher and its graders inherit WATCH_TEST_MARKER; the graders' sandboxed processes get a clean
    # environment, except the run marker COURSE_RUN, which COURSE_RUN_ID sets to the same value.
    env = dict(os.environ, NO_COLOR="1", WATCH_TEST_MARKER=marker, COURSE_RUN_ID=marker)
    return subprocess.Popen(
        [sys.executable, "-m", "graders.tools.watch", LESSON, "--target", str(target), "--interval", "0.1"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
        # A background job of a shell (a suite run with &) inherits SIGINT ignored; the Ctrl-C tests need it live.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def copy_of_stubs(tmp_path: Path) -> Path:
    target = tmp_path / "submission"
    shutil.copytree(course.EXERCISES, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc"), reason="looks for leftover processes in /proc")


@needs_proc
def test_watch_regrades_on_save_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    target = copy_of_stubs(tmp_path)
    marker = f"watch-test-{uuid.uuid4().hex}"
    proc = start_watch(target, marker)
    output = Output(proc)
    try:
        first = output.wait_for(f"] {LESSON}: 0/4 passed. ", GRADE_TIMEOUT)
        assert f"Watching {target / LESSON}.py: save it to re-grade. Ctrl-C to stop." in first
        output.wait_for("Waiting for your next save...", GRADE_TIMEOUT)

        shutil.copy(course.SOLUTIONS / f"{LESSON}.py", target / f"{LESSON}.py")
        output.wait_for(f"] {LESSON}: 4/4 passed. ", GRADE_TIMEOUT)

        proc.send_signal(signal.SIGINT)
        whole = output.wait_for("Stopped watching.", EXIT_TIMEOUT)
        assert proc.wait(timeout=EXIT_TIMEOUT) == 0
        assert "Traceback" not in whole
        assert "\033" not in whole, "escape sequences on a pipe"
    finally:
        stop(proc)
    assert wait_until_gone(target, marker) == []


@needs_proc
def test_ctrl_c_during_a_grading_run_ends_the_grader_and_the_students_code(tmp_path: Path) -> None:
    target = copy_of_stubs(tmp_path)
    shutil.copy(SUBMISSIONS / "pathological" / "hangs_forever.py", target / f"{LESSON}.py")
    marker = f"watch-test-{uuid.uuid4().hex}"
    proc = start_watch(target, marker)
    output = Output(proc)
    try:
        output.wait_for("Watching", GRADE_TIMEOUT)
        wait_for_process(marker, "fork_server.py")  # the student's code is running (and hanging) now
        proc.send_signal(signal.SIGINT)
        whole = output.wait_for("Stopped watching.", EXIT_TIMEOUT)
        assert proc.wait(timeout=EXIT_TIMEOUT) == 0
        assert "Traceback" not in whole
        assert "passed. " not in whole, "the run was stopped, not finished"
        graders = [line for line in leftovers(target, marker) if "pytest" in line]
        assert graders == [], "the watcher exited before its grading run had ended"
    finally:
        stop(proc)
    assert wait_until_gone(target, marker) == []


def test_a_save_counts_only_when_the_content_changes(tmp_path: Path) -> None:
    path = tmp_path / f"{LESSON}.py"
    path.write_text("x = 1\n")
    seen = watch.look(path)
    assert not watch.changed(path, seen), "nothing happened"

    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))
    assert not watch.changed(path, seen), "saved without changes: a new mtime, the same content"

    path.write_text("x = 10\n")
    os.utime(path, ns=(later, later))
    assert watch.changed(path, seen), "an mtime that did not move: the size and the hash still tell"
    assert not watch.changed(path, seen), "one change is seen once"

    path.write_text("x = 20\n")
    os.utime(path, ns=(later + 1_000_000_000, later + 1_000_000_000))
    assert watch.changed(path, seen), "the same size, a new mtime and new content"

    path.unlink()
    assert watch.changed(path, seen), "a deleted file is a change"


def test_an_unknown_lesson_is_refused() -> None:
    proc = subprocess.run([sys.executable, "-m", "graders.tools.watch", "no_such_lesson"], cwd=ROOT,
                          capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert "There is no lesson 'no_such_lesson'" in proc.stderr


def test_the_status_line_gives_no_second_duration(monkeypatch) -> None:
    """Each run ended "3 passed, 1 failed in 0.79s" (the report's last line, pytest's clock) and then "[..]
    client_flow: 3/4 passed (1.2 s)" (the watcher's, startup included): one run, two times. The status line
    says what passed; the duration is the report's."""
    from graders.text import messages

    monkeypatch.setenv("COURSE_LANG", "en")
    monkeypatch.setattr(watch, "fancy", lambda: False)
    line = watch.status(LESSON, {"passed": 3, "total": 4}, 1)
    outcome = messages.WATCH_PASSED.format(passed=3, total=4)
    assert line.endswith(messages.WATCH_STATUS.format(when="", label=LESSON, outcome=outcome)[2:]), line
    for texts in (messages, messages.texts("zh")):
        assert "seconds" not in texts.WATCH_STATUS, texts.WATCH_STATUS
