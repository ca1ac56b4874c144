"""Benchmark: how long grading takes, as a student and an instructor see it.

    nox -s bench                 # 3 rounds of each figure
    nox -s bench -- --rounds 5

Prints the wall time of `python -m pytest -p graders.plugin ...` (what
`nox -s grade` runs once its venv exists) for: the whole course on the
reference solutions, the whole course on the untouched stubs, one lesson
on the solutions, the whole `nox -s solutions` command (nox's own start
included), and a lesson whose student code hangs. Targets (COURSE.md,
"Speed"): the course within 1.0 s of pytest wall time on 2 cores and 1.5 s
for the whole command, one lesson within 0.4 s, the stubs within 0.5 s, a
hang costing its limit once per function. On a shared machine, read the
minimum. Figures are printed, never asserted: a benchmark informs,
a test decides.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graders import course  # noqa: E402
from graders.harness import CALL_LIMIT  # noqa: E402
from tests.grading import ROOT, SUBMISSIONS, grade, grade_file  # noqa: E402


def measure(label: str, rounds: int, job) -> None:
    times, passed, total = [], 0, 0
    for _ in range(rounds):
        graded = job()
        times.append(graded.seconds)
        passed = graded.results.get("passed", 0)
        total = graded.results.get("total", 0)
    print(f"{label:<44} median {statistics.median(times):6.2f} s   min {min(times):6.2f} s   "
          f"max {max(times):6.2f} s   ({passed}/{total} checks passed)", flush=True)


def measure_nox(rounds: int) -> None:
    """The whole command a student types, nox's own start and venv check included."""
    nox = shutil.which("nox")
    if nox is None:
        print("nox -s solutions: skipped (no nox on PATH)")
        return
    times = []
    for _ in range(rounds):
        started = time.monotonic()
        subprocess.run([nox, "-s", "solutions"], cwd=ROOT, capture_output=True, check=False)
        times.append(time.monotonic() - started)
    print(f"{'nox -s solutions (venv reused), whole command':<44} median {statistics.median(times):6.2f} s   "
          f"min {min(times):6.2f} s   max {max(times):6.2f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {args.rounds} rounds each; "
          f"each figure includes pytest's own start (about 0.2 s)", flush=True)
    first = course.lessons()[0].id
    measure("whole course, reference solutions", args.rounds, lambda: grade(course.SOLUTIONS))
    measure("whole course, untouched stubs", args.rounds, lambda: grade(course.STUBS))
    measure(f"one lesson ({first}), reference solutions", args.rounds, lambda: grade(course.SOLUTIONS, [first]))
    measure_nox(args.rounds)
    hang = SUBMISSIONS / "pathological" / "hangs_forever.py"
    with tempfile.TemporaryDirectory():
        measure(f"one lesson ({first}), code that hangs (limit {CALL_LIMIT:.0f} s, once)", 1,
                lambda: grade_file(hang, first))


if __name__ == "__main__":
    main()
