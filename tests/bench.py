"""Benchmark: how long grading takes, as a student and an instructor see it.

    nox -s bench                 # the floor, then 5 rounds of each figure beside it
    nox -s bench -- --rounds 5
    nox -s bench -- --class 60   # grade-class on 60 four-lesson submissions: how many a minute
    nox -s bench -- --class 40 --lessons 8 --kind mixed   # the instructor's class of 40 (issue 18, item 3)
    nox -s bench -- --soak 20    # the solutions graded two at a time, 20 rounds: no flake, nothing left
    nox -s bench -- --class 60 --lessons 8   # ... of the whole course
    nox -s bench -- --packets 7  # the packet capture's cost: gradings with it on and off, in turn, 7 rounds

Prints first the floor: a bare `python -m pytest --co` on an empty folder,
in the same venv. Then each figure, as `nox -s grade` runs it once its venv
exists (`python -m pytest -p graders.plugin ...`, a plain process, the
graders' bytecode cached as on a student's machine), and as a ratio to the
floor: each round runs the floor and the figure in turn, and the ratio is the
median of the rounds' ratios, so that a busy or slow machine still gives a
comparable number. The figures: lessons 1-4 on the reference solutions, the
whole course on them, recv_loop, timeouts and framing alone, the whole
`nox -s solutions` command (nox's own start included), the untouched stubs,
and a lesson whose student code hangs. Targets (COURSE.md, "Speed"; issue
18), with the floor at about 0.16 s on a quiet 2-core machine: lessons 1-4
0.6 s (under 4x the floor), the whole course 1.0 s, a single lesson 0.3 s,
`nox -s solutions` 1.3 s, the stubs 0.5 s, a hang costing its limit once per
function; grade-class at 60 four-lesson submissions a minute on 2 cores (a
mixed class, and a class of correct submissions, where every check runs in
full). The load average is printed with each figure. Figures are printed,
never asserted: a benchmark informs, a test decides.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graders import course  # noqa: E402
from graders.engine.harness import CALL_LIMIT  # noqa: E402
from tests.grading import ROOT, SUBMISSIONS, grade  # noqa: E402

FLOOR_SECONDS = 0.16  # the floor on the quiet 2-core machine the targets were set on
TARGETS = {"lessons 1-4": 0.6, "whole course": 1.0, "recv_loop": 0.3, "timeouts": 0.3, "framing": 0.3,
           "nox -s solutions": 1.3, "stubs": 0.5}  # seconds there: ratios to the floor are what compare


def _env() -> dict:
    """A student's environment: bytecode written and read (PYTHONDONTWRITEBYTECODE, which the tests set, would make
    every run compile the graders anew), colours off."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("COURSE_CALL_LIMIT", None)
    return env


def _timed(command: list[str]) -> tuple[float, int]:
    started = time.monotonic()
    code = subprocess.run(command, cwd=ROOT, env=_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, check=False).returncode
    return time.monotonic() - started, code


class Floor:
    """A bare pytest start (`pytest --co` on an empty folder, same venv): the yardstick of every figure."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="bench-floor-")
        self.command = [sys.executable, "-m", "pytest", "--co", "-q", "-p", "no:cacheprovider", self.folder]
        self.times: list[float] = []

    def __call__(self) -> float:
        seconds, _ = _timed(self.command)
        self.times.append(seconds)
        return seconds


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def figure(label: str, rounds: int, command: list[str], floor: Floor, target: float | None = None,
           expect: int | None = 0) -> None:
    """`command`, `rounds` times, each round beside a floor run: median seconds and median ratio to the floor."""
    times, ratios, codes = [], [], set()
    load = _load()
    _timed(command)  # a warm-up, not counted: the page cache and the bytecode
    for _ in range(rounds):
        base = floor()
        seconds, code = _timed(command)
        times.append(seconds)
        ratios.append(seconds / base)
        codes.add(code)
    aim = f"target {target:.2f} s = {target / FLOOR_SECONDS:4.1f}x" if target else ""
    bad = f"   EXIT {sorted(codes)}" if expect is not None and codes != {expect} else ""
    print(f"{label:<46} median {statistics.median(times):5.2f} s  min {min(times):5.2f}  max {max(times):5.2f}  "
          f"{statistics.median(ratios):5.2f}x floor   {aim:<22} load {load}{bad}", flush=True)


def grading_command(target: Path, lessons: list[str] | None = None) -> list[str]:
    chosen = lessons or [lesson.id for lesson in course.lessons()]
    return [sys.executable, "-m", "pytest", *course.grading_args(chosen, target)]


def nox_command() -> list[str] | None:
    nox = shutil.which("nox")
    return None if nox is None else [nox, "-s", "solutions"]


BUGS = {"client_flow": "returns_text", "server_flow": "no_reuseaddr", "recv_loop": "recv_exactly_one_recv",
        "graceful_close": "client_no_shut_wr", "framing": "recv_frame_header_one_recv", "timeouts": "no_shutdown",
        "threaded_server": "never_closes_connections", "event_loop": "never_closes_connections"}


MIXED = ("solutions", "half", "buggy", "stubs", "hangs", "floods")  # a mixed class: these kinds in turn

# A hanging submission, made from each lesson's stub: every function waits on the conversation the way a
# student's code stuck in it does (a recv() or an accept() while the reference peer waits for it: the
# deadlocks the kernel shows), and if that ever ends, on an event nobody sets.
HANG_BODIES = {
    "sock": "    while sock.recv(65536):\n        pass\n    socket.create_server(('127.0.0.1', 0)).accept()\n",
    "host": ("    s = socket.create_connection((host, port))\n    s.recv(65536)\n"),
    "servers": ("    for address in servers:\n        try:\n            s = socket.create_connection(address)\n"
                "        except OSError:\n            continue\n        s.recv(65536)\n"),
    "port": ("    server = socket.create_server((host, port))\n    clients = []\n    while True:\n"
             "        clients.append(server.accept())\n"),
}
FLOOD_BODY = "    while True:\n        print('spam ' * 100)\n"  # prints without end (the output's cap ends it)


def _every_function(stub: str, body: str | dict) -> str:
    """A module with the stub's functions, each with this body (by its first parameter, for a dict)."""
    import ast

    lines = ["import socket", "import threading", ""]
    for node in ast.parse(stub).body:
        if isinstance(node, ast.FunctionDef):
            first = node.args.args[0].arg if node.args.args else ""
            text = body.get(first, "") if isinstance(body, dict) else body
            lines += [f"def {node.name}({ast.unparse(node.args)}):", text + "    threading.Event().wait()", ""]
    return "\n".join(lines)


def class_member(kind: str, index: int, folder: Path, lessons: list) -> None:
    """One submission: `solutions` (every check runs in full), or for `mixed` a class of six kinds in turn:
    all correct, half done (first half correct, the rest untouched stubs), one known bug per lesson,
    untouched, every function hanging (HANG_BODIES), every function printing without end."""
    folder.mkdir()
    turn = "solutions" if kind == "solutions" else MIXED[index % len(MIXED)]
    for number, lesson in enumerate(lessons):
        stub = (course.STUBS / f"{lesson.id}.py").read_text()
        if turn == "solutions" or (turn == "half" and number < len(lessons) // 2):
            text = (course.SOLUTIONS / f"{lesson.id}.py").read_text()
        elif turn == "buggy":
            text = (SUBMISSIONS / lesson.id / f"{BUGS[lesson.id]}.py").read_text()
        elif turn in ("hangs", "floods"):
            text = _every_function(stub, HANG_BODIES if turn == "hangs" else FLOOD_BODY)
        else:
            text = stub
        (folder / f"{lesson.id}.py").write_text(text + f"\n# student {index}\n")


def measure_class(count: int, jobs: int, kind: str, lessons: list) -> None:
    """grade-class on `count` submissions: the whole command's rate, and the CPU one submission costs."""
    with tempfile.TemporaryDirectory(prefix="bench-class-") as work:
        folders = []
        for index in range(count):
            folder = Path(work) / f"student{index:03d}"
            class_member(kind, index, folder, lessons)
            folders.append(str(folder))
        chosen = [arg for lesson in lessons for arg in ("--lesson", lesson.id)]
        chosen += ["--jobs", str(jobs)] if jobs else []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "graders.platforms.grade_class", *folders, "--out", f"{work}/out",
                               "--allow-unisolated", *chosen], cwd=ROOT, capture_output=True,
                              text=True)
        seconds = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr)
            return
        cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) / count
        with open(Path(work) / "out" / "grades.csv") as f:
            points = sum(int(row["points"]) for row in csv.DictReader(f))
        cores = os.cpu_count() or 1
        at_once = jobs or 2 * (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())
        print(f"grade-class, {count} {len(lessons)}-lesson submissions ({kind}), {at_once} at a time: {seconds:.1f} s, "
              f"{count / seconds * 60:.0f} a minute; {cpu:.2f} CPU-s each, so at most "
              f"{cores * 60 / cpu:.0f} a minute on {cores} idle cores; {points} points in all; load "
              f"{_load()}", flush=True)
        with open(Path(work) / "out" / "grades.csv") as f:
            rows = list(csv.DictReader(f))
        if kind == "mixed":  # the slowest kind sets the pace: each kind's points, and the class's slowest member
            for turn in MIXED:
                mine = [int(row["points"]) for row in rows if MIXED[int(row["id"].removeprefix("student")) % len(MIXED)]
                        == turn]
                print(f"  {turn:<10} {len(mine):>3} submissions, points {sorted(set(mine))}", flush=True)


def soak(rounds: int) -> None:
    """The solutions, graded two at a time, `rounds` times: every check passes, and nothing is left behind."""
    import threading

    from tests.grading import leftovers

    failed = left = 0
    started = time.monotonic()
    for number in range(rounds):
        box: dict = {}
        runs = [threading.Thread(target=lambda k=k, box=box: box.__setitem__(k, grade(course.SOLUTIONS)))
                for k in (0, 1)]
        for run in runs:
            run.start()
        for run in runs:
            run.join()
        for graded in box.values():
            bad = [check for check, record in graded.checks.items() if record["outcome"] != "passed"]
            if bad or graded.returncode != 0:
                failed += 1
                print(f"round {number + 1}: {', '.join(bad) or 'exit ' + str(graded.returncode)}", flush=True)
            if leftovers(graded):
                left += 1
    print(f"soak: {rounds} rounds of two gradings at once: {2 * rounds - failed}/{2 * rounds} passed every check, "
          f"{left} left a process behind, {time.monotonic() - started:.0f} s", flush=True)


def packets_cost(rounds: int) -> None:
    """The capture's cost (COURSE.md, "Seeing the packets": a few percent at most): each grading with the capture
    on and with it off (COURSE_PACKETS=off), in turn, so that the machine's moods fall on both alike."""
    from graders.engine import packets

    reason = packets.unavailable_reason()
    if reason is not None:
        print(f"packet capture: not possible here ({reason})")
        return
    print(f"{os.cpu_count()} CPUs, {rounds} rounds, on and off in turn; load average {os.getloadavg()[0]:.2f}",
          flush=True)
    os.environ["COURSE_TESTS_NO_ZYGOTE"] = "1"  # each grading a child of ours: its CPU time is ours to read

    def timed(lessons, **options) -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = grade(course.SOLUTIONS, lessons, **options).seconds
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    for label, lessons, extra in (("whole course, reference solutions", None, []),
                                  ("whole course, --packets (every view drawn)", None, ["--packets"]),
                                  ("recv_loop (16 MiB each way)", ["recv_loop"], []),
                                  ("client_flow", ["client_flow"], [])):
        on, off = [], []
        for _ in range(rounds):
            on.append(timed(lessons, extra=extra))
            off.append(timed(lessons, env={"COURSE_PACKETS": "off"}))
        wall_on, wall_off = (statistics.median(t[0] for t in runs) for runs in (on, off))
        cpu_on, cpu_off = (statistics.median(t[1] for t in runs) for runs in (on, off))
        print(f"{label:<44} wall on {wall_on:5.2f} s, off {wall_off:5.2f} s: {wall_on / wall_off:5.3f}   "
              f"CPU (grader and code) on {cpu_on:5.2f} s, off {cpu_off:5.2f} s: {cpu_on / cpu_off:5.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--class", dest="class_size", type=int, metavar="N",
                        help="only time grade-class on N submissions")
    parser.add_argument("--jobs", type=int, default=None,
                        help="for --class: submissions at once (default: grade-class's own, twice the cores)")
    parser.add_argument("--kind", choices=("both", "mixed", "solutions"), default="both",
                        help="for --class: a mixed class (correct, half done, buggy, stubs, hangs, floods), "
                             "a class of correct submissions, or both")
    parser.add_argument("--lessons", type=int, default=4,
                        help="for --class: the first N lessons make a submission (default 4, the target's)")
    parser.add_argument("--soak", type=int, metavar="N",
                        help="only grade the solutions two at a time, N rounds: passes, failures, leftovers")
    parser.add_argument("--packets", type=int, metavar="N",
                        help="only the packet capture's cost: gradings with it on and off, in turn, N rounds")
    args = parser.parse_args()
    if args.packets:
        packets_cost(args.packets)
        return
    if args.soak:
        soak(args.soak)
        return
    if args.class_size:
        lessons = course.lessons()[: args.lessons]
        print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; target: 60 four-lesson submissions a "
              f"minute on 2 cores; load average {os.getloadavg()[0]:.2f} (other work on the machine slows the "
              f"rate, not the CPU-s)", flush=True)
        for kind in ("mixed", "solutions"):
            if args.kind in ("both", kind):
                measure_class(args.class_size, args.jobs, kind, lessons)
        return
    floor = Floor()
    ids = [lesson.id for lesson in course.lessons()]
    floor()
    for _ in range(args.rounds):
        floor()
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {args.rounds} rounds each (medians); load "
          f"{_load()}\nfloor (bare `pytest --co` on nothing): median {statistics.median(floor.times):.3f} s "
          f"(targets were set with it at {FLOOR_SECONDS} s); each figure's ratio is to the floor run beside it",
          flush=True)
    figure("lessons 1-4, reference solutions", args.rounds, grading_command(course.SOLUTIONS, ids[:4]), floor,
           TARGETS["lessons 1-4"])
    figure("whole course, reference solutions", args.rounds, grading_command(course.SOLUTIONS), floor,
           TARGETS["whole course"])
    for lesson in ("recv_loop", "timeouts", "framing"):
        figure(f"{lesson} alone, reference solutions", args.rounds, grading_command(course.SOLUTIONS, [lesson]),
               floor, TARGETS[lesson])
    command = nox_command()
    if command is None:
        print("nox -s solutions: skipped (no nox on PATH)")
    else:
        figure("nox -s solutions, whole command", args.rounds, command, floor, TARGETS["nox -s solutions"])
    figure("whole course, untouched stubs", args.rounds, grading_command(course.STUBS), floor, TARGETS["stubs"],
           expect=None)
    hang = SUBMISSIONS / "pathological" / "hangs_forever.py"
    first = ids[0]
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(hang, Path(folder) / f"{first}.py")
        figure(f"one lesson ({first}), code that hangs (limit {CALL_LIMIT:.0f} s, once)", 1,
               grading_command(Path(folder), [first]), floor, expect=None)
    shutil.rmtree(floor.folder, ignore_errors=True)


if __name__ == "__main__":
    main()
