"""A student's failure is never the grader's: not before, during or instead of the conversation.

Every grading of the suite fails its test if any check ends as a grader error
(`tests.grading.no_grader_error`, run by `grade()` for the catalogue, the
pathological, adversarial and every other test). Here, submissions of lessons
2, 5, 6, 7 and 8 fail before or instead of listening, connecting, accepting
or replying (typos, wrong types, exceptions at each stage, an early return),
each graded with every check of its lesson: the check named says the
student's own failure (their traceback and line), shown once in the report
however many checks it fails; and a grader error, made on purpose in a
scratch copy of the course, does fail the test that sees it.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.grading import ROOT, SUBMISSIONS, describe, grade, grade_file, share_bytecode

# (lesson, file): (the check named, its template, the student's line the message must show, or None). A server
# that fails after listen() may still have completed a client's handshake (the kernel's backlog): its listening
# check then passes, rightly; the check named is the first one a failure after listen() always fails.
FAULTS = {
    ("server_flow", "fault_typo_before_listen"): ("test_listens_on_the_given_host_and_port", "RAISED", 15),
    ("server_flow", "fault_raise_after_listen"): ("test_echoes_the_message_on_the_accepted_connection", "RAISED", 19),
    ("server_flow", "fault_return_after_listen"): ("test_echoes_the_message_on_the_accepted_connection", "RETURNED_EARLY",
                                                   None),
    ("server_flow", "fault_raise_after_accept"): ("test_echoes_the_message_on_the_accepted_connection", "RAISED", 21),
    ("framing", "fault_typo_recv"): ("test_serve_lines_answers_each_line_at_once", "RAISED", 52),
    ("framing", "fault_return_at_start"): ("test_serve_lines_answers_each_line_at_once", "RETURNED_EARLY", None),
    ("framing", "fault_raise_before_reply"): ("test_serve_lines_answers_each_line_at_once", "RAISED", 60),
    ("timeouts", "fault_typo_before_connect"): ("test_first_reply_moves_past_a_refused_and_a_silent_server", "RAISED", 16),
    ("timeouts", "fault_connect_wrong_type"): ("test_first_reply_moves_past_a_refused_and_a_silent_server", "RAISED", 16),
    ("timeouts", "fault_raise_after_connect"): ("test_first_reply_moves_past_a_refused_and_a_silent_server", "RAISED", 18),
    ("timeouts", "fault_return_at_start"): ("test_first_reply_moves_past_a_refused_and_a_silent_server", "WRONG_RESULT",
                                            None),
    ("threaded_server", "fault_typo_before_listen"): ("test_threads_listen_on_a_port_in_time_wait", "RAISED", 30),
    ("threaded_server", "fault_raise_after_listen"): ("test_threads_serve_a_client_while_others_idle_mid_line", "RAISED",
                                                      33),
    ("threaded_server", "fault_return_after_listen"): ("test_threads_serve_a_client_while_others_idle_mid_line",
                                                       "RETURNED_EARLY", None),
    ("threaded_server", "fault_raise_after_accept"): ("test_threads_serve_a_client_while_others_idle_mid_line", "RAISED",
                                                      35),
    ("threaded_server", "fault_thread_typo"): ("test_threads_serve_a_client_while_others_idle_mid_line", "RAISED", 35),
    ("event_loop", "fault_event_raed"): ("test_loop_serves_a_client_while_others_idle_or_flood", "RAISED", 30),
    ("event_loop", "fault_selector_no_parens"): ("test_loop_listens_on_a_port_in_time_wait", "RAISED", 24),
    ("event_loop", "fault_raise_after_listen"): ("test_loop_serves_a_client_while_others_idle_or_flood", "RAISED", 29),
    ("event_loop", "fault_return_after_listen"): ("test_loop_serves_a_client_while_others_idle_or_flood",
                                                  "RETURNED_EARLY", None),
    ("event_loop", "fault_raise_after_accept"): ("test_loop_serves_a_client_while_others_idle_or_flood", "RAISED", 35),
    ("event_loop", "fault_conn_register_typo"): ("test_loop_serves_a_client_while_others_idle_or_flood", "RAISED", 36),
}

def test_every_fault_submission_is_listed() -> None:
    on_disk = {(path.parent.name, path.stem) for path in SUBMISSIONS.glob("*/fault_*.py")}
    assert on_disk == set(FAULTS)


@pytest.mark.parametrize("key", sorted(FAULTS), ids=lambda key: f"{key[0]}-{key[1]}")
def test_a_failure_before_the_conversation_is_the_students(key: tuple[str, str]) -> None:
    lesson, name = key
    check, template, line = FAULTS[key]
    graded = grade_file(SUBMISSIONS / lesson / f"{name}.py", lesson)  # every check; grade() fails on a grader error
    assert graded.returncode == 1, describe(graded)
    record = graded.checks[check]
    assert record["outcome"] == "failed", describe(graded, check)
    assert record["template"] == template, f"{name}: said {record['template']}\n{describe(graded, check)}"
    if line is not None:
        where = f"{lesson}.py, line {line}"
        assert where in record["message"], f"{name}: the message lacks {where!r}\n{describe(graded, check)}"
        # One root cause, one report: every check it fails is listed under one message, whichever conversation
        # it ended (lesson 2's restart check holds one of its own, after the first conversation's accept).
        assert len(re.findall(re.escape(where), graded.output)) == 1, graded.output


@pytest.fixture
def broken_course() -> Path:
    """A scratch copy of the course whose grader has a check that fails by itself (the grader's own bug)."""
    base = Path(tempfile.mkdtemp(prefix="broken-course-", dir="/var/tmp" if os.path.isdir("/var/tmp") else None))
    copy = base / "course"
    copy.mkdir()
    for name in ("graders", "solutions"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("course.toml", "pyproject.toml"):
        shutil.copy(ROOT / name, copy / name)
    share_bytecode(copy)  # its first run need not compile the graders
    with (copy / "graders" / "lessons" / "test_server_flow.py").open("a") as grader:
        grader.write(
            "\n\ndef test_zz_the_grader_breaks(run: Run) -> None:\n"
            "    \"\"\"the grader's own bug, on purpose.\"\"\"\n"
            "    call = run.call(LESSON, 'serve_once', run.free_port(), run.host)\n"
            "    call.wait()\n"
            "    raise RuntimeError('the grader itself, on purpose')\n")
    for path in [base, copy, *copy.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield copy
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def crashing_course(broken_course: Path) -> Path:
    """The broken course, whose plugin also crashes outside any check (pytest's INTERNALERROR) after the first."""
    with (broken_course / "graders" / "plugin.py").open("a") as plugin:
        plugin.write("\n\ndef pytest_runtest_logfinish(nodeid, location):\n"
                     "    raise RuntimeError('the grader\\'s own report, on purpose')\n")
    return broken_course


def test_checks_a_grader_crash_left_unrun_say_so(crashing_course: Path, tmp_path: Path) -> None:
    """A crash of the grader itself (INTERNALERROR) is not an interrupt: the checks it never ran say the grader
    failed, not "the grading run was stopped (interrupted, or killed)" (a trial saw that)."""
    from graders.text import messages

    target = tmp_path / "submission"
    target.mkdir()
    (target / "server_flow.py").write_text("def serve_once(port, host='127.0.0.1'):\n    return b''\n")
    graded = grade(target, ["server_flow"], root=crashing_course, grader_errors_expected=True)
    never = [r for r in graded.checks.values() if r["outcome"] == "not-run"]
    assert never, describe(graded)
    assert all(r["message"] == messages.NEVER_RAN_GRADER_FAILED for r in never), describe(graded)


def test_a_grader_error_fails_the_test_that_sees_it(broken_course: Path, tmp_path: Path) -> None:
    """The grader's own failure (the student's call returned: not theirs) fails any test of the suite."""
    target = tmp_path / "submission"
    target.mkdir()
    (target / "server_flow.py").write_text("def serve_once(port, host='127.0.0.1'):\n    return b''\n")
    with pytest.raises(AssertionError, match="GRADER_ERROR"):
        grade(target, ["server_flow"], root=broken_course, select="the_grader_breaks")
    graded = grade(target, ["server_flow"], root=broken_course, select="the_grader_breaks",
                   grader_errors_expected=True)
    assert [r["outcome"] for r in graded.checks.values()] == ["error"], describe(graded)


def test_the_students_failure_under_a_grader_error_is_the_verdict(broken_course: Path, tmp_path: Path) -> None:
    """The same grader error, after the student's call raised: the student's failure is the verdict."""
    target = tmp_path / "submission"
    target.mkdir()
    (target / "server_flow.py").write_text("def serve_once(port, host='127.0.0.1'):\n"
                                           "    raise ValueError('mine')\n")
    graded = grade(target, ["server_flow"], root=broken_course, select="the_grader_breaks")
    record = graded.checks["test_zz_the_grader_breaks"]
    assert (record["outcome"], record["template"]) == ("failed", "RAISED"), describe(graded, record["check"])
    assert "server_flow.py, line 2" in record["message"]


def test_an_eof_the_grader_caused_is_the_graders_error(broken_course: Path, tmp_path: Path) -> None:
    """The same grader error, after the student's call raised what a peer's socket closing on it raises (EOF, a
    reset): the grader's own failure closed that socket, so it is the cause, told as a grader error (a trial saw a
    reference peer's crash told as the student's EOFError)."""
    target = tmp_path / "submission"
    target.mkdir()
    (target / "server_flow.py").write_text("def serve_once(port, host='127.0.0.1'):\n"
                                           "    raise EOFError('the peer closed')\n")
    graded = grade(target, ["server_flow"], root=broken_course, select="the_grader_breaks",
                   grader_errors_expected=True)
    assert [r["outcome"] for r in graded.checks.values()] == ["error"], describe(graded)
