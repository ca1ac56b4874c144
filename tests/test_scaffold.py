"""`nox -s new-lesson -- ID` (graders/tools/scaffold.py): a lesson scaffolded in a copy of the course is complete.

The course is copied (its tracked files, no .nox, no .git), the scaffold is
run there as a maintainer runs it, and in that copy the consistency tests,
the editions' tests, the hint ladders, the Chinese house style, the
Classroom workflow's test, the new lesson's catalogue (a real grading:
its buggy submissions caught by their templates, its correct one passing)
and a mutant of its solution (it must fail a check) are
run with the copy's own graders. The course itself is never written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from graders.tools import scaffold
from tests.grading import ROOT

LESSON = "echo_twice"
SKIP = shutil.ignore_patterns(".nox", ".git", "__pycache__", ".progress.json", ".pytest_cache", "*.pyc", ".backup")


def test_the_counts_in_the_prose_are_the_manifests() -> None:
    """README, README.zh and INSTRUCTORS count the lessons and their points as the manifest and graders do."""
    found = scaffold.counts()
    assert len(found) >= 6, f"a count the scaffold keeps up to date is no longer found: {found}"
    wrong = [f"{path.name}: {written!r}, the manifest says {want!r}" for path, _, written, want in found
             if written != want]
    assert wrong == [], "\n".join(wrong)


def test_a_scaffolded_lesson_passes_the_courses_own_tests(tmp_path: Path) -> None:
    copy = tmp_path / "course"
    shutil.copytree(ROOT, copy, ignore=SKIP, symlinks=True)
    env = {key: value for key, value in os.environ.items() if key not in ("COURSE_LANG", "COURSE_EXERCISES",
                                                                        "COURSE_STATE", "PYTEST_XDIST_WORKER")}
    env["TMPDIR"] = str(tmp_path)
    made = subprocess.run([sys.executable, "-m", "graders.tools.scaffold", LESSON, "--title", "Echo, twice",
                           "--title-zh", "回显两次"], cwd=copy, env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stdout + made.stderr
    again = subprocess.run([sys.executable, "-m", "graders.tools.scaffold", LESSON], cwd=copy, env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode != 0 and "already a lesson" in again.stderr, "a lesson scaffolded twice"
    workflow = (copy / ".github" / "classroom" / "autograding.yml").read_text()
    assert LESSON.replace("_", "-") in workflow, "the Classroom workflow was not made again"
    assert "Lessons 5 to 9 build" in (copy / "README.md").read_text()
    assert "nine lessons today" in (copy / "INSTRUCTORS.md").read_text()
    tests = ["tests/test_consistency.py", "tests/test_editions.py", "tests/test_hint_ladders.py",
             "tests/test_zh_style.py", "tests/test_classroom.py", "tests/test_edition_tables.py", "tests/test_scaffold.py::"
             "test_the_counts_in_the_prose_are_the_manifests", f"tests/test_catalogue_{LESSON}.py",
             "tests/test_mutants.py"]
    # The editions' real gradings in Chinese are of lessons that are already there: only their static tests.
    checked = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", *tests,
                              "-k", f"not grading_in_chinese and not wire_diagram and (not test_a_mutant or {LESSON})"],
                             cwd=copy, env=env, capture_output=True, text=True, timeout=600)
    assert checked.returncode == 0, checked.stdout[-6000:] + checked.stderr[-2000:]
    assert f"test_catalogue_{LESSON}.py" in checked.stdout or " passed" in checked.stdout
    assert (ROOT / "course.toml").read_text().count(f'"{LESSON}"') == 0, "the course itself was written"
