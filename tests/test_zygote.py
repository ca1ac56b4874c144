"""The zygote (tests/zygote.py) starts each grading run as `python -m pytest` would, in the run's own course.

Every other test grades through it, so what it must get right is checked
here on its own: the graders come from the course root the run was given
(the adversarial tests grade with a scratch copy), in the environment and
folder the run was given, and a run past its bound is stopped.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from graders import course
from tests import grading
from tests.grading import ROOT, describe, grade

MARKER = "graded with the copy's own graders"


@pytest.fixture
def marked_copy(tmp_path: Path) -> Path:
    """A copy of the course whose plugin says, when pytest loads it, that it is the copy's."""
    copy = tmp_path / "course"
    copy.mkdir()
    for name in ("graders", "solutions"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("course.toml", "pyproject.toml"):
        shutil.copy(ROOT / name, copy / name)
    plugin = copy / "graders" / "plugin.py"
    plugin.write_text(plugin.read_text() + f"\nimport os, sys\nprint({MARKER!r}, os.getcwd(), os.environ.get('ZYGOTE_PROBE'), "
                      "sys.pycache_prefix)\n")
    return copy


def test_a_run_imports_the_graders_of_its_own_course_in_its_own_folder_and_environment(marked_copy: Path) -> None:
    graded = grade(course.SOLUTIONS, ["client_flow"], root=marked_copy, env={"ZYGOTE_PROBE": "seen"})
    assert f"{MARKER} {marked_copy} seen {grading.PYCACHE}" in graded.output, describe(graded)
    assert graded.returncode == 0 and graded.checks, describe(graded)
    plain = grade(course.SOLUTIONS, ["client_flow"])  # the course's own graders: no marker
    assert MARKER not in plain.output


def test_a_run_past_its_bound_is_stopped_and_leaves_no_folder(marked_copy: Path, tmp_path: Path, monkeypatch) -> None:
    plugin = marked_copy / "graders" / "plugin.py"
    plugin.write_text(plugin.read_text() + "\nimport time\ntime.sleep(60)\n")  # a grader that never starts
    monkeypatch.setattr(grading, "GRADE_TIMEOUT", 1.0)
    temp = tmp_path / "temp"  # where grade() makes the run's folder, for this test alone
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    with pytest.raises(subprocess.TimeoutExpired):
        grade(course.SOLUTIONS, ["client_flow"], root=marked_copy)
    assert list(temp.iterdir()) == []
    monkeypatch.undo()
    assert MARKER not in grade(course.SOLUTIONS, ["client_flow"]).output  # the zygote serves the next run
