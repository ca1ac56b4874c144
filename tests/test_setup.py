"""The student's first commands: nox's own lines, where it runs from, a plain pytest, the shared venv.

These run the real `nox` (skipped when it is not on PATH) and the real
pytest, as a student types them. Those that need a scratch copy of the
exercises point COURSE_EXERCISES at one, so a student's work is never
touched.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from graders import course
from graders.text import messages
from tests.grading import ROOT, SUBMISSIONS

messages_zh = messages.texts("zh")  # the Chinese edition, read from its catalogue

NOX = shutil.which("nox")
needs_nox = pytest.mark.skipif(NOX is None, reason="nox is not on PATH")
STUDENT_SESSIONS = ("grade", "solutions", "progress", "hint", "watch", "peer", "bench")


def noxfile_sessions() -> dict[str, str]:
    """Every session of noxfile.py with the first line of its docstring."""
    tree = ast.parse((ROOT / "noxfile.py").read_text())
    sessions = {}
    for node in tree.body:
        for decorator in getattr(node, "decorator_list", ()):
            if "nox.session" in ast.unparse(decorator):
                named = [k.value.value for k in getattr(decorator, "keywords", ()) if k.arg == "name"]
                sessions[named[0] if named else node.name] = (ast.get_docstring(node) or "").splitlines()[0]
    return sessions


def nox(*args: str, cwd: Path = ROOT, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    environment = dict(env or os.environ, NO_COLOR="1", COURSE_LANG="en")
    return subprocess.run([NOX, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=300,
                          env=environment)


@needs_nox
def test_nox_l_lists_every_session_with_its_line_and_no_uv_noise() -> None:
    listed = nox("-l")
    assert listed.returncode == 0, listed.stderr
    out = listed.stdout
    sessions = noxfile_sessions()
    assert set(sessions) >= {*STUDENT_SESSIONS, "reset", "tests", "lint"}
    for name, line in sessions.items():
        assert f"{name} -> {line}" in out, f"nox -l does not show {name} with its line:\n{out}"
        head = out.split("Sessions defined in")[0]  # the noxfile's docstring, printed first
        assert f"nox -s {name}" in head, f"the noxfile's docstring does not name {name}:\n{head}"
    assert "uv binary not found" not in listed.stdout + listed.stderr


@needs_nox
def test_student_sessions_share_one_venv_and_say_nothing_of_uv() -> None:
    for name in ("peer", "hint", "progress"):
        result = nox("-s", name, "--", "--help")
        log = result.stdout + result.stderr
        assert result.returncode == 0, log
        assert ".nox/course/bin/python -m graders." in log, log  # the one shared venv
        assert f".nox/{name}" not in log and "Creating virtual environment" not in log, log
        assert "uv binary not found" not in log, log


@needs_nox
def test_nox_in_exercises_says_to_run_from_the_course_root() -> None:
    result = nox("-s", "grade", "--", "client_flow", cwd=ROOT / "exercises")
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert messages.RUN_FROM_ROOT.format(here="exercises", root=ROOT, command="nox -s grade -- client_flow") in said
    assert "Failed to load Noxfile" not in said and "uv binary not found" not in said
    listed = nox("-l", cwd=ROOT / "exercises").stdout  # the same sessions, with the same lines
    for name, line in noxfile_sessions().items():
        assert f"{name} -> {line}" in listed


@needs_nox
def test_reset_answered_no_is_no_failure(tmp_path: Path) -> None:
    exercises = tmp_path / "exercises"
    shutil.copytree(course.STUBS, exercises)
    mine = exercises / "client_flow.py"
    mine.write_text(mine.read_text() + "\n# my work\n")
    before = mine.read_bytes()
    result = nox("-s", "reset", "--", "client_flow", stdin="n\n",
                 env=dict(os.environ, COURSE_EXERCISES=str(exercises), COURSE_STATE=str(tmp_path / "p.json")))
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert messages.RESET_CANCELLED in said and "failed" not in said, said
    assert "was successful" not in said, said  # the tool's last line (the next command) ends the output
    assert mine.read_bytes() == before


def test_plain_pytest_at_the_root_collects_tests_only_and_says_how_to_grade() -> None:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-p", "no:xdist"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, COURSE_LANG="en", PYTEST_ADDOPTS=""))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert messages.PYTEST_HEADER in result.stdout
    assert "<Module test_client_flow.py>" not in result.stdout and "graders/" not in result.stdout
    assert "<Module test_course.py>" in result.stdout


def last_line(output: str) -> str:
    return [line for line in output.splitlines() if line.strip()][-1]


@needs_nox
@pytest.mark.parametrize("submission", ["returns_message", "solution"])
def test_a_grade_ends_with_the_reports_last_line_and_its_status(submission: str) -> None:
    """No line of nox's own after the report ("Command ... failed with exit code 1", "Session grade failed.")."""
    source = (course.SOLUTIONS / "client_flow.py" if submission == "solution"
              else SUBMISSIONS / "client_flow" / f"{submission}.py")
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(source, Path(folder) / "client_flow.py")
        result = subprocess.run([NOX, "-s", "grade", "--", "client_flow", "--target", folder], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300,
                                env=dict(os.environ, NO_COLOR="1", COURSE_LANG="en"))
    said = result.stdout  # nox's lines (stderr) and the report's, in the order they were written
    assert result.returncode == (0 if submission == "solution" else 1), said
    assert re.fullmatch(r"\d+ passed(, \d+ failed)? in [\d.]+s", last_line(said)), said
    assert "nox >" not in said.split(messages.PROGRESS_HEADER, 1)[1], said


def marked_processes(run_id: str, wchan: str = "") -> list[str]:
    """The processes of a grading run (by its COURSE_RUN marker), or those of them asleep in `wchan`."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if f"COURSE_RUN={run_id}".encode() in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"):
                if Path(f"/proc/{pid}/wchan").read_text().startswith(wchan):
                    found.append(pid)
        except OSError:
            continue
    return found


@needs_nox
@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc to see the student's process waiting")
@pytest.mark.parametrize("edition", ["en", "zh"])
def test_ctrl_c_during_a_grade_stops_it_in_one_calm_line_and_leaves_nothing(edition: str) -> None:
    texts = messages.texts(edition)
    run_id = f"ctrlc-{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(SUBMISSIONS / "pathological" / "hangs_forever.py", Path(folder) / "client_flow.py")
        grading = subprocess.Popen([NOX, "-s", "grade", "--", "client_flow", "--target", folder],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   start_new_session=True,  # its own process group: the terminal's Ctrl-C
                                   env=dict(os.environ, NO_COLOR="1", COURSE_LANG=edition, COURSE_RUN_ID=run_id,
                                            COURSE_CALL_LIMIT="60"))
        try:
            deadline = time.monotonic() + 60
            while not marked_processes(run_id, "futex") and grading.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)  # until the student's call waits on its Event, forever
            assert marked_processes(run_id, "futex"), "the student's call never started"
            os.killpg(grading.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
            output, _ = grading.communicate(timeout=60)
        finally:
            if grading.poll() is None:
                os.killpg(grading.pid, signal.SIGKILL)
    assert grading.returncode != 0, output
    assert last_line(output) == texts.GRADING_STOPPED.format(
        command=f"nox -s grade -- client_flow --target {shlex.quote(folder)}" + (" --lang zh" if edition == "zh" else "")), output  # the folder it graded: the same command grades it again
    assert "KeyboardInterrupt" not in output and texts.OUTCOME_LABEL["error"] not in output, output
    assert "Traceback" not in output and "nox >" not in output.split(texts.GRADING_STOPPED[:8], 1)[1], output
    deadline = time.monotonic() + 5
    while marked_processes(run_id) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marked_processes(run_id) == [], "processes of the stopped grading are still running"


@needs_nox
def test_nox_l_speaks_the_edition_of_course_lang() -> None:
    listed = subprocess.run([NOX, "-l"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, NO_COLOR="1", COURSE_LANG="zh"))
    head = listed.stdout.split("Sessions defined in")[0]
    assert messages_zh.NOXFILE_HELP.splitlines()[0] in head, head
    assert "Run every command in this folder" not in head, head
    for name in noxfile_sessions():  # every session named, with --lang zh where it gives a report
        assert f"nox -s {name}" in head, head


def test_the_chinese_reset_asks_in_chinese() -> None:
    assert "[y/N]" not in messages_zh.RESET_ASK and "是" in messages_zh.RESET_YES.split()
