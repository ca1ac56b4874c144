"""PrairieLearn's external grader entry point, run as PrairieLearn runs it: on a /grade folder of its own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from graders import classroom
from tests.grading import ROOT
from tests.test_reports import check_prairielearn


def run(root: Path, **env_vars: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "graders.prairielearn", "--root", str(root)], cwd=ROOT,
                          env=dict(os.environ, TMPDIR=str(root.parent), **env_vars), capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return check_prairielearn((root / "results" / "results.json").read_text())


def test_a_submission_is_graded_into_grade_results(tmp_path):
    root = tmp_path / "grade"
    (root / "student" / "src").mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / "client_flow.py", root / "student" / "src")
    document = run(root)
    checks = sum(classroom.checks_per_lesson().values())
    assert len(document["tests"]) == checks and sum(t["points"] for t in document["tests"]) == 4
    assert document["gradable"] is True and abs(document["score"] - 4 / checks) < 1e-9


def test_basic_isolation_is_refused_with_a_results_file_all_the_same(tmp_path):
    root = tmp_path / "grade"
    (root / "student").mkdir(parents=True)
    document = run(root, COURSE_ISOLATION="basic")
    assert document["gradable"] is False and document["score"] == 0 and document["tests"] == []
    assert "only has the 'basic' isolation level" in document["message"]
    assert json.loads((root / "results" / "results.json").read_text()) == document
