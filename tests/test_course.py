"""The whole course graded end to end: solutions, stubs, parallel runs, broken lessons, JSON."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graders import course
from graders.engine import result
from graders.text import messages
from tests.grading import ROOT, Graded, describe, grade, leftovers

RUNS_IN_A_ROW = 3  # the solutions must pass every time (`nox -s bench -- --soak 20`: twenty rounds, two at once)


def all_checks_passed(graded) -> list[str]:
    return [describe(graded, check) for check, r in graded.checks.items() if r["outcome"] != "passed"]


@pytest.mark.parametrize("attempt", range(RUNS_IN_A_ROW))
def test_solutions_pass_every_check(attempt: int) -> None:
    graded = grade(course.SOLUTIONS)
    assert graded.checks, describe(graded)
    failing = all_checks_passed(graded)
    assert not failing, "\n\n".join(failing)  # each in full: its message, its timeline
    assert graded.returncode == 0
    assert leftovers(graded) == []


def test_untouched_stubs_fail_every_check_as_not_implemented() -> None:
    graded = grade(course.STUBS)
    assert graded.returncode != 0
    assert len(graded.checks) == len(course_checks())
    for check, record in graded.checks.items():
        assert record["outcome"] == "not-implemented", describe(graded, check)
        assert record["template"] == "NOT_IMPLEMENTED", describe(graded, check)
    assert leftovers(graded) == []


def test_two_grading_runs_at_once_do_not_interfere() -> None:
    results = {}

    def run(name: str) -> None:
        results[name] = grade(course.SOLUTIONS)

    threads = [threading.Thread(target=run, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
        assert not thread.is_alive(), "a grading run failed to finish in 600 seconds"
    for graded in results.values():
        assert all_checks_passed(graded) == []
        assert graded.returncode == 0


def test_a_broken_lesson_leaves_the_others_graded(tmp_path: Path) -> None:
    for lesson in course.lessons():
        shutil.copy(course.SOLUTIONS / f"{lesson.id}.py", tmp_path)
    (tmp_path / "server_flow.py").write_text("import socket\n\ndef serve_once(port, host='127.0.0.1')\n    pass\n")
    graded = grade(tmp_path)
    assert graded.returncode != 0
    assert sorted(graded.checks) == sorted(course_checks()), describe(graded)  # every check of every lesson ran
    for check, record in graded.checks.items():
        if record["lesson"] == "server_flow":
            assert record["outcome"] == "failed", describe(graded, check)
            assert record["template"] == "SYNTAX_ERROR" and "line 3" in record["message"], describe(graded, check)
        else:
            assert record["outcome"] == "passed", describe(graded, check)


def test_a_missing_lesson_file_is_reported(tmp_path: Path) -> None:
    graded = grade(tmp_path, ["client_flow"])
    record = graded.checks["test_connects_to_the_given_host_and_port"]
    assert record["outcome"] == "not-implemented"  # a lesson not started, as a stub is
    assert record["template"] == "MISSING_MODULE" and "client_flow.py" in record["message"]


def test_a_call_limit_that_is_not_a_time_is_refused_before_grading(tmp_path: Path) -> None:
    env = {**os.environ, "COURSE_CALL_LIMIT": "3s", "COURSE_LANG": "en"}
    proc = subprocess.run([sys.executable, "-m", "pytest", *course.grading_args(["client_flow"], course.SOLUTIONS)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert proc.returncode == 4, proc.stdout + proc.stderr  # pytest's usage error: nothing was graded
    assert messages.BAD_CALL_LIMIT.format(value="3s", low=0.5, high=600) in proc.stderr, proc.stderr


def test_json_results_hold_one_record_per_check_with_the_documented_fields() -> None:
    graded = grade(course.STUBS, ["client_flow"])
    assert graded.results["total"] == len(graded.checks) == 4
    assert graded.results["points"] == 0 and graded.results["max_points"] == 4
    for record in graded.results["checks"]:
        assert {"lesson", "check", "title", "outcome", "message", "duration", "points", "timeline"} <= set(record)
        assert record["lesson"] == "client_flow"
        assert record["title"] == messages.CHECK_TITLES[record["check"]]


def test_the_report_ends_with_progress_and_the_next_lesson() -> None:
    graded = grade(course.STUBS, ["client_flow", "server_flow"])
    assert messages.PROGRESS_HEADER in graded.output
    assert "0/4" in graded.output and "0/6" in graded.output
    assert "nox -s grade -- client_flow" in graded.output


def test_a_grading_run_killed_midway_still_counts_every_check(tmp_path: Path) -> None:
    """The JSON holds every selected check from the start: a run that is killed leaves them as failures."""
    submission = tmp_path / "submission"
    submission.mkdir()
    shutil.copy(ROOT / "tests" / "submissions" / "pathological" / "hangs_forever.py", submission / "client_flow.py")
    json_path = tmp_path / "results.json"
    command = [sys.executable, "-m", "pytest", *course.grading_args(["client_flow"], submission, json_path)]
    proc = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})  # what a killed run leaves stays here
    try:
        end = time.monotonic() + 60
        while not json_path.exists() and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.01)
        assert json_path.exists(), "the results were not written when the checks were collected"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the grader stopped dead, as by an attack or an OOM killer
        proc.wait()
    results = json.loads(json_path.read_text())
    assert results["total"] == 4 and results["points"] == 0
    assert {r["check"] for r in results["checks"]} == set(course_checks_of("client_flow"))
    assert all(r["outcome"] == "not-run" and r["message"] == messages.NEVER_RAN for r in results["checks"])
    assert all(set(r) == set(result.CheckResult.__required_keys__) and r["template"] == "NEVER_RAN"
               for r in results["checks"]), "a never-ran record has the keys of every other record"
    # Its fork server and the student's processes went with it.
    assert leftovers(Graded(-9, "", results, 0.0, tmp_path)) == []


def test_a_grading_run_leaves_nothing_in_its_temporary_folder(tmp_path: Path) -> None:
    """Finished, or stopped with SIGTERM while a check waits on a hung call: its scratch folder is gone."""
    finished = tmp_path / "finished"
    finished.mkdir()
    graded = grade(course.SOLUTIONS, ["client_flow"], tmpdir=finished)
    assert graded.returncode == 0, describe(graded)
    assert [p.name for p in finished.iterdir()] == ["results.json"]
    assert not grade(course.SOLUTIONS, ["client_flow"]).tmpdir.exists()  # the helper's own folder: removed
    submission = tmp_path / "submission"
    submission.mkdir()
    shutil.copy(ROOT / "tests" / "submissions" / "pathological" / "hangs_forever.py", submission / "client_flow.py")
    stopped = tmp_path / "stopped"
    stopped.mkdir()
    command = [sys.executable, "-m", "pytest", *course.grading_args(["client_flow"], submission, stopped / "r.json")]
    proc = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": str(stopped)})
    try:
        end = time.monotonic() + 60
        while not any(p.name.startswith("grade-") for p in stopped.iterdir()) and time.monotonic() < end:
            time.sleep(0.01)
        time.sleep(0.5)  # inside the first check now, waiting on the hung call
        proc.terminate()
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert [p.name for p in stopped.iterdir() if p.name.startswith("grade-")] == []


def course_checks_of(lesson_id: str) -> list[str]:
    return [line[4:].split("(")[0] for line in course.lesson(lesson_id).grader.read_text().splitlines()
            if line.startswith("def test_")]


def course_checks() -> list[str]:
    """Every check of every lesson, from the grader modules' source."""
    names = []
    for lesson in course.lessons():
        for line in lesson.grader.read_text().splitlines():
            if line.startswith("def test_"):
                names.append(line[4:].split("(")[0])
    return names


def test_root_is_the_repository() -> None:
    assert (ROOT / "course.toml").exists()
