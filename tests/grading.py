"""Run the real grader on a submission, as a student or an instructor would.

Every test of the graders goes through `grade`: a fresh `python -m pytest -p
graders.plugin` process on a target folder, its results read back from the
--json file. Nothing is mocked: the grader starts the submission's code in
its own processes and talks to it over loopback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from graders import course

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
GRADE_TIMEOUT = 300  # a whole grading run; the harness's own limits end any check long before


@dataclass
class Graded:
    """One grading run: its exit status, output, JSON results and how long it took."""

    returncode: int
    output: str
    results: dict
    seconds: float
    tmpdir: Path
    checks: dict = field(default_factory=dict)  # check id -> record

    def __post_init__(self) -> None:
        self.checks = {record["check"]: record for record in self.results.get("checks", [])}


def grade(target: Path, lessons: list[str] | None = None, *, tmpdir: Path | None = None) -> Graded:
    """Grade the modules in `target` (the given lessons, or all) and return the results."""
    chosen = lessons or [lesson.id for lesson in course.lessons()]
    work = Path(tempfile.mkdtemp(prefix="graded-")) if tmpdir is None else tmpdir
    json_path = work / "results.json"
    env = dict(os.environ, TMPDIR=str(work), NO_COLOR="1")
    command = [sys.executable, "-m", "pytest", *course.grading_args(chosen, target, json_path)]
    started = time.monotonic()
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=GRADE_TIMEOUT, stdin=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    results = json.loads(json_path.read_text()) if json_path.exists() else {}
    return Graded(proc.returncode, proc.stdout + proc.stderr, results, seconds, work)


def grade_file(source: Path, lesson: str) -> Graded:
    """Grade one module file as if it were the student's `<lesson>.py`."""
    target = Path(tempfile.mkdtemp(prefix="submission-"))
    shutil.copy(source, target / f"{lesson}.py")
    try:
        return grade(target, [lesson])
    finally:
        shutil.rmtree(target, ignore_errors=True)


def leftovers(graded: Graded) -> list[str]:
    """Processes and sockets of a finished grading run that are still there.

    Student processes are recognised by their command line, which names the
    run's temporary folder (forked children keep it); sockets by the run's
    own loopback host. TIME_WAIT is the kernel's, not a leftover.
    """
    found = []
    marker = str(graded.tmpdir)
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not pid.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in cmdline:
            found.append(f"process {pid}: {cmdline[:200]}")
    host = graded.results.get("host")
    if host:
        from graders import kernel

        for row in kernel.rows():
            if host in (row.local[0], row.remote[0]) and row.state not in ("TIME_WAIT",):
                found.append(f"socket {row.state} {row.local} -> {row.remote}")
    return found


def describe(graded: Graded, check: str | None = None) -> str:
    """What a failing assertion shows: the check's record, or the whole output."""
    if check and check in graded.checks:
        record = graded.checks[check]
        return f"{check}: {record['outcome']}\n{record['message']}\n" + "\n".join(record["timeline"])
    return graded.output[-4000:]
