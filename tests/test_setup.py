"""The student's first commands: nox's own lines, where it runs from, a plain pytest, the shared venv.

These run the real `nox` (skipped when it is not on PATH) and the real
pytest, as a student types them. Those that need a scratch copy of the
exercises point COURSE_EXERCISES at one, so a student's work is never
touched.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graders import course, messages
from tests.grading import ROOT

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
    assert mine.read_bytes() == before


def test_plain_pytest_at_the_root_collects_tests_only_and_says_how_to_grade() -> None:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-p", "no:xdist"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, COURSE_LANG="en", PYTEST_ADDOPTS=""))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert messages.PYTEST_HEADER in result.stdout
    assert "<Module test_client_flow.py>" not in result.stdout and "graders/" not in result.stdout
    assert "<Module test_course.py>" in result.stdout
