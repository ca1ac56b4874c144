"""No PASS that was not judged: a system without Linux's kernel view (macOS) says "not judged on this system".

Simulated on Linux with COURSE_KERNEL_VIEW=off (graders/engine/kernel.py: `AVAILABLE`
False) at isolation `basic`, as a Mac grades: the checks whose observation is
the kernel's (a socket left open, bytes left unread, threads, memory) must
not show a buggy submission as PASS. Each is either failed by what the
system can still see, or "not-judged": counted apart, in the report, the
progress and the JSON, with the way to the full verdict.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from graders import course
from graders.platforms import reports
from graders.text import messages
from graders.tools import progress_store
from tests.grading import ROOT, SUBMISSIONS, describe, grade

NO_KERNEL = {"COURSE_KERNEL_VIEW": "off"}

# (lesson, submission, the check its bug is about): each passed on a system without the kernel's view.
BLIND_SPOTS = [
    ("server_flow", "never_closes_listener", "test_server_closes_every_socket"),
    # On every interface, given a host or by its default: the client reaches it on the address it asked for.
    ("server_flow", "binds_all_interfaces", "test_listens_on_the_given_host_and_port"),
    ("server_flow", "default_host_every_interface", "test_listens_on_the_given_host_and_port"),
    ("threaded_server", "binds_every_interface", "test_threads_listen_on_a_port_in_time_wait"),
    ("event_loop", "binds_every_interface", "test_loop_listens_on_a_port_in_time_wait"),
    ("threaded_server", "listener_left_open", "test_threads_close_the_listener_after_the_last_accept"),
    ("event_loop", "listener_left_open", "test_loop_closes_the_listener_after_the_last_accept"),
    ("recv_loop", "recv_exactly_reads_past_n", "test_recv_exactly_leaves_the_next_message_unread"),
    ("event_loop", "uses_threads", "test_loop_never_starts_a_second_thread"),
    ("event_loop", "unbounded_buffer", "test_loop_bounds_what_it_buffers_for_a_client_that_does_not_read"),
    # A busy wait is the kernel's account of CPU time while every client is idle.
    ("threaded_server", "busy_waits_on_a_nonblocking_socket", "test_threads_sleep_while_every_client_is_idle"),
    ("event_loop", "select_timeout_zero_spins", "test_loop_sleeps_while_every_client_is_idle"),
    # Judged from the wire all the same: the second bind() during the TIME_WAIT fails.
    ("server_flow", "no_reuseaddr", "test_restarts_on_the_same_port_during_time_wait"),
]


def grade_blind(source: Path, lesson: str, checks: list[str] | None = None):
    """Grade one file as the student's `<lesson>.py`, with the kernel's view switched off, at isolation basic."""
    target = Path(tempfile.mkdtemp(prefix="submission-"))
    shutil.copy(source, target / f"{lesson}.py")
    try:
        return grade(target, [lesson], checks=checks, isolation="basic", env=NO_KERNEL)
    finally:
        shutil.rmtree(target, ignore_errors=True)


@pytest.mark.parametrize(("lesson", "name", "check"), BLIND_SPOTS, ids=[f"{a}-{b}" for a, b, _ in BLIND_SPOTS])
def test_a_bug_only_the_kernel_shows_is_never_a_pass(lesson: str, name: str, check: str) -> None:
    graded = grade_blind(SUBMISSIONS / lesson / f"{name}.py", lesson, checks=[check])
    record = graded.checks[check]
    assert record["outcome"] in ("not-judged", "failed"), describe(graded, check)
    if record["outcome"] == "not-judged":
        assert record["template"] == "NOT_JUDGED", describe(graded, check)
        assert graded.results["not_judged"] == 1, graded.results
    assert graded.returncode != 0


def test_the_solution_is_not_judged_where_only_the_kernel_can_say_and_passes_the_rest() -> None:
    """The reference solution of lesson 2, blind: its address, close and restart checks are not judged (never PASS), the
    others pass; the report counts them apart and says how to get the full verdict."""
    graded = grade_blind(Path(__file__).resolve().parent.parent / "solutions" / "server_flow.py", "server_flow")
    outcomes = {check: record["outcome"] for check, record in graded.checks.items()}
    assert outcomes.pop("test_listens_on_the_given_host_and_port") == "not-judged", describe(graded)
    assert outcomes.pop("test_server_closes_every_socket") == "not-judged", describe(graded)
    assert outcomes.pop("test_restarts_on_the_same_port_during_time_wait") == "not-judged", describe(graded)
    assert set(outcomes.values()) == {"passed"}, describe(graded)
    assert graded.results["not_judged"] == 3 and graded.results["passed"] == len(outcomes)
    # The report: the check's own line, apart from the failures, and the way to the full verdict.
    assert messages.OUTCOME_LABEL["not-judged"] in graded.output, graded.output
    assert messages.WHAT_WENT_WRONG not in graded.output, graded.output
    assert messages.NOT_JUDGED_LINE.format(checks=messages.counted(messages.CHECKS, 3)) in graded.output, graded.output
    assert messages.STATE_UNJUDGED.format(count=3) in graded.output, graded.output


def test_progress_counts_not_judged_apart_never_as_passed() -> None:
    checks = [{"outcome": "passed"}, {"outcome": "not-judged"}, {"outcome": "passed"}]
    assert progress_store.judge(checks) == ("unjudged", 2, 3)
    assert progress_store.not_judged(checks) == 1
    assert progress_store.judge([{"outcome": "passed"}, {"outcome": "not-judged"}, {"outcome": "failed"}])[0] == "started"
    assert progress_store.judge([{"outcome": "passed"}])[0] == "done"


def test_platform_reports_never_pass_a_check_not_judged() -> None:
    record = {"lesson": "client_flow", "check": "test_client_closes_its_socket", "title": "closes its socket",
              "outcome": "not-judged", "message": "Not judged on this system", "timeline": [], "duration": 0.1,
              "points": 1, "earned": 0}
    results = {"passed": 0, "not_judged": 1, "total": 1, "points": 0, "max_points": 1, "checks": [record]}
    gradescope = reports.to_gradescope(results)
    line = messages.NOT_JUDGED_LINE.format(checks=messages.counted(messages.CHECKS, 1))
    assert json.loads(gradescope)["tests"][0]["status"] == "failed" and line in json.loads(gradescope)["output"]
    junit = reports.to_junit(results)
    assert "<skipped" in junit and "<failure" not in junit and 'skipped="1"' in junit
    assert line in json.loads(reports.to_prairielearn(results))["message"]


def test_nox_progress_counts_a_check_not_judged_apart(tmp_path: Path) -> None:
    """`nox -s progress` on a system without the kernel's view: lesson 1's solution "passes here, 1 not judged",
    never "done", the count said apart with the way to the full verdict, and lesson 2 is next."""
    exercises = tmp_path / "exercises"
    shutil.copytree(course.STUBS, exercises)
    shutil.copy(course.SOLUTIONS / "client_flow.py", exercises)
    env = dict(os.environ, COURSE_EXERCISES=str(exercises), COURSE_STATE=str(tmp_path / "progress.json"),
               NO_COLOR="1", TMPDIR=str(tmp_path), COURSE_ISOLATION="basic", COURSE_LANG="en", **NO_KERNEL)
    out = subprocess.run([sys.executable, "-m", "graders.tools.progress"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300).stdout
    lesson_line = next(line for line in out.splitlines() if line.strip().startswith("1. "))
    assert lesson_line.rstrip().endswith(messages.STATE_UNJUDGED.format(count=1)), out
    assert "3/4" in lesson_line and messages.STATE_DONE not in lesson_line, out
    assert messages.NOT_JUDGED_LINE.format(checks=messages.counted(messages.CHECKS, 1)) in out, out
    assert "nox -s grade -- server_flow" in out, out


def test_a_failure_never_says_not_judged() -> None:
    """A template whose English text says "Not judged" is raised only as the not-judged outcome
    (checks.not_judged), never by fail(): a failure reads as a failure (issue: lesson 6's checks that a call
    stopped at another server's deadline kept from judging said "Not judged" under FAIL). Read from the
    sources with ast: every fail(text.NAME...) or fail(messages.NAME...) of graders/."""
    import ast

    said = {name for name in dir(messages) if isinstance(getattr(messages, name), str)
            and str(getattr(messages, name)).lower().startswith("not judged")}
    wrong = []
    for path in (ROOT / "graders").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "fail"):
                continue
            if any(k.arg == "outcome" for k in node.keywords) or len(node.args) > 2:
                continue  # an outcome of its own, said where it is given
            names = {n.attr for n in ast.walk(node.args[0]) if isinstance(n, ast.Attribute)} if node.args else set()
            wrong += [f"{path.relative_to(ROOT)}:{node.lineno}: {name}" for name in names & said]
    assert not wrong, "\n".join(wrong)
