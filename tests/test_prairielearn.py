"""PrairieLearn's external grader, run as the image runs it: prairielearn/grade.sh on a folder laid out like /grade.

There is no Docker here, so the image is rebuilt by hand from prairielearn/Dockerfile: every COPY
line is applied to a temporary root (so the image holds exactly what the Dockerfile copies, no more),
and the question's entrypoint (info.json) is run from there, on a folder with /grade's layout:
data/data.json, student/..., results/. Only the Python differs: this one, which has pytest, as the
image's has.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graders import course
from graders.platforms import classroom
from graders.text import messages
from tests.grading import ROOT
from tests.test_reports import check_prairielearn

DOCKERFILE = ROOT / "prairielearn" / "Dockerfile"
QUESTION = ROOT / "prairielearn" / "questions" / "tcp-socket-course"
CHECKS = classroom.checks_per_lesson()


def dockerfile_lines() -> list[str]:
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.fixture(scope="module")
def image(tmp_path_factory) -> Path:
    """A folder holding what the Dockerfile's COPY lines put into the image (the build context is the course root)."""
    root = tmp_path_factory.mktemp("image")
    copies = [line.split()[1:] for line in dockerfile_lines() if line.startswith("COPY ")]
    assert copies, "the Dockerfile copies the course into the image"
    for *sources, dest in copies:
        for source in sources:
            origin = ROOT / source.rstrip("/")
            assert origin.exists(), f"the Dockerfile copies {source}, which the course does not have"
            target = root / dest.lstrip("/")
            if origin.is_dir():
                shutil.copytree(origin, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                if dest.endswith("/"):
                    target = target / origin.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, target)
    return root


def entrypoint() -> str:
    return json.loads((QUESTION / "info.json").read_text())["externalGradingOptions"]["entrypoint"]


def grade_folder(tmp_path: Path, student: dict[str, bytes], params: dict | None = None) -> Path:
    """A folder laid out as PrairieLearn lays out /grade for the grader."""
    root = tmp_path / "grade"
    (root / "data").mkdir(parents=True)
    (root / "data" / "data.json").write_text(json.dumps({"params": params or {}, "correct_answers": {},
                                                         "submitted_answers": {}, "format_errors": {}}))
    (root / "student").mkdir()
    (root / "results").mkdir()
    for name, data in student.items():
        (root / "student" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "student" / name).write_bytes(data)
    return root


def run_entry(image: Path, root: Path, **env_vars: str) -> dict:
    """The question's entrypoint inside the image, from an unrelated folder, as PrairieLearn starts it."""
    script = image / entrypoint().lstrip("/")
    env = dict(os.environ, GRADE_ROOT=str(root), PYTHON=sys.executable, TMPDIR=str(root.parent), **env_vars)
    proc = subprocess.run([str(script)], cwd=root.parent, env=env, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return check_prairielearn((root / "results" / "results.json").read_text())


def test_the_dockerfile_builds_a_python_3_11_image_with_the_grader_and_its_entry():
    lines = dockerfile_lines()
    base = next(line for line in lines if line.startswith("FROM "))
    version = re.search(r"python:(\d+)\.(\d+)", base)
    assert version and (int(version[1]), int(version[2])) >= (3, 11), base
    text = " ".join(lines)
    assert "bubblewrap" in text and "dependency-groups" in text and "'grade'" in text
    copied = {line.split()[-1].rstrip("/") for line in lines if line.startswith("COPY ")}
    assert entrypoint() in copied, "the question's entrypoint is a file the image holds"
    # The build context sent to Docker is only what the image copies (prairielearn/Dockerfile.dockerignore).
    ignore = DOCKERFILE.with_name("Dockerfile.dockerignore").read_text().splitlines()
    allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    sources = {source.rstrip("/") for line in lines if line.startswith("COPY ") for source in line.split()[1:-1]}
    assert "*" in ignore and sources == allowed, (sources, allowed)
    options = json.loads((QUESTION / "info.json").read_text())["externalGradingOptions"]
    assert options["enabled"] is True and options["enableNetworking"] is False and options["image"]
    assert options["timeout"] > 480, "above the grader's own bound, so a result is always written"


def test_the_example_question_accepts_every_lesson_file():
    upload = re.search(r'<pl-file-upload optional-file-names="([^"]+)"', (QUESTION / "question.html").read_text())
    assert upload and [name.strip() for name in upload[1].split(",")] == [f"{lesson.id}.py" for lesson in course.lessons()]


def test_a_submission_is_graded_into_grade_results(image, tmp_path):
    root = grade_folder(tmp_path, {"src/client_flow.py": (ROOT / "solutions" / "client_flow.py").read_bytes()})
    document = run_entry(image, root)
    total = sum(CHECKS.values())
    assert len(document["tests"]) == total and sum(t["points"] for t in document["tests"]) == CHECKS["client_flow"]
    assert document["gradable"] is True and abs(document["score"] - CHECKS["client_flow"] / total) < 1e-9


def test_a_question_may_grade_only_the_lessons_its_params_name(image, tmp_path):
    root = grade_folder(tmp_path, {"client_flow.py": (ROOT / "solutions" / "client_flow.py").read_bytes()},
                        params={"lessons": ["client_flow"]})
    document = run_entry(image, root)
    assert len(document["tests"]) == CHECKS["client_flow"] and document["score"] == 1.0


def test_basic_isolation_is_refused_with_a_results_file_all_the_same(image, tmp_path):
    root = grade_folder(tmp_path, {})
    document = run_entry(image, root, COURSE_ISOLATION="basic")
    assert document["gradable"] is False and document["score"] == 0 and document["tests"] == []
    assert messages.PRAIRIELEARN_UNISOLATED in document["message"]
    # The remedy it names is PrairieLearn's own (the image), never another platform's.
    for text in (messages.texts("en").PRAIRIELEARN_UNISOLATED, messages.texts("zh").PRAIRIELEARN_UNISOLATED):
        assert "ALLOW_UNISOLATED" in text and "gradescope" not in text.lower() and "nox" not in text
    assert "ALLOW_UNISOLATED" in DOCKERFILE.read_text()
    root = grade_folder(tmp_path / "allowed", {})
    document = run_entry(image, root, COURSE_ISOLATION="basic", ALLOW_UNISOLATED="1")
    assert document["gradable"] is True and document["score"] == 0


def test_a_results_file_is_written_even_when_python_cannot_start(image, tmp_path):
    root = grade_folder(tmp_path, {})
    script = image / entrypoint().lstrip("/")
    env = dict(os.environ, GRADE_ROOT=str(root), PYTHON=str(tmp_path / "no-python-here"))
    proc = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    document = check_prairielearn((root / "results" / "results.json").read_text())
    assert document["gradable"] is False and "could not start" in document["message"]
