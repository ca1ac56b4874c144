"""`--report FORMAT:FILE`: each platform's file, from one real grading run, checked against that platform's schema.

The schemas are written here from each platform's documentation (no network
at test time):

* Gradescope, autograder_samples docs/specs.md: top-level `score`,
  `execution_time`, `output`, `output_format`, `test_output_format`,
  `stdout_visibility`, `visibility`, `extra_data`, `tests`; each test has
  `score`, `max_score`, `name`, `number`, `status` (passed/failed),
  `output`, `output_format`, `tags`, `visibility`.
* PrairieLearn, docs/externalGrading.md: `gradable` (boolean), `score`
  (0 to 1), `message`, `output`, `tests` with `name`, `description`,
  `points`, `max_points`, `message`, `output`; at most 1 MB.
* JUnit XML, Ant's JUnit.xsd (the schema Jenkins and GitLab accept):
  `testsuites` > `testsuite` (name, tests, failures, errors, time,
  timestamp without zone, hostname, id, package; properties, testcase*,
  system-out, system-err) > `testcase` (name, classname, time) with at most
  one `failure` / `error` (message, type) or `skipped`.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from graders import course
from graders.engine import result
from graders.platforms import reports
from tests.grading import ROOT, SUBMISSIONS
from tests.once import once

GRADESCOPE_TOP = {"score", "execution_time", "output", "output_format", "test_output_format", "stdout_visibility",
                  "visibility", "extra_data", "tests", "leaderboard"}
GRADESCOPE_TEST = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format",
                   "tags", "visibility", "extra_data"}
GRADESCOPE_FORMATS = {"text", "html", "simple_format", "md", "ansi"}
GRADESCOPE_VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}
PRAIRIELEARN_TOP = {"gradable", "score", "message", "output", "images", "feedback", "tests", "format_errors",
                    "partial_scores"}
PRAIRIELEARN_TEST = {"name", "description", "points", "max_points", "message", "output", "images"}
JUNIT_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
FORMATS = ["json", "gradescope", "prairielearn", "junit", "csv"]


@pytest.fixture(scope="module")
def graded(request, tmp_path_factory) -> dict:
    """One real grading run: a correct client_flow beside a buggy server_flow, every report requested."""
    def grade(work: Path) -> dict:
        target = work / "submission"
        target.mkdir(parents=True)
        (target / "client_flow.py").write_bytes((ROOT / "solutions" / "client_flow.py").read_bytes())
        (target / "server_flow.py").write_bytes((SUBMISSIONS / "server_flow" / "no_reuseaddr.py").read_bytes())
        command = [sys.executable, "-m", "pytest",
                   *course.grading_args(["client_flow", "server_flow"], target, work / "model.json")]
        for fmt in FORMATS:
            command += ["--report", f"{fmt}:{work / ('out.' + fmt)}"]
        proc = subprocess.run(command, cwd=ROOT, env=dict(os.environ, NO_COLOR="1", TMPDIR=str(work)),
                              capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert (work / "model.json").is_file(), proc.stdout + proc.stderr
        files = {fmt: (work / f"out.{fmt}").read_text(encoding="utf-8") for fmt in FORMATS}
        return {"model": json.loads((work / "model.json").read_text()), "files": files}

    return once(request, tmp_path_factory, "reports", grade)


def test_the_run_has_passes_and_failures(graded):
    outcomes = {record["outcome"] for record in graded["model"]["checks"]}
    assert "passed" in outcomes and "failed" in outcomes, outcomes


def test_json_report_is_the_result_model(graded):
    assert json.loads(graded["files"]["json"]) == graded["model"]
    assert set(result.Results.__required_keys__) == set(graded["model"])
    for record in graded["model"]["checks"]:
        assert set(result.CheckResult.__required_keys__) <= set(record) <= set(result.CheckResult.__annotations__)


def check_gradescope(document: dict) -> None:
    """Gradescope's results.json, as autograder_samples docs/specs.md describes it."""
    assert set(document) <= GRADESCOPE_TOP, set(document) - GRADESCOPE_TOP
    assert isinstance(document["tests"], list)
    assert isinstance(document.get("score", 0), int | float)
    assert isinstance(document.get("execution_time", 0), int)
    assert document.get("output_format", "text") in GRADESCOPE_FORMATS
    assert document.get("test_output_format", "text") in GRADESCOPE_FORMATS
    assert document.get("stdout_visibility", "hidden") in GRADESCOPE_VISIBILITY
    assert document.get("visibility", "visible") in GRADESCOPE_VISIBILITY
    numbers = set()
    for test in document["tests"]:
        assert set(test) <= GRADESCOPE_TEST, set(test) - GRADESCOPE_TEST
        assert isinstance(test["name"], str) and test["name"]
        assert isinstance(test["score"], int | float) and isinstance(test["max_score"], int | float)
        assert 0 <= test["score"] <= test["max_score"]
        assert test["status"] in ("passed", "failed")
        assert (test["status"] == "passed") == (test["score"] == test["max_score"])
        assert isinstance(test.get("output", ""), str)
        assert test.get("output_format", "text") in GRADESCOPE_FORMATS
        assert test.get("visibility", "visible") in GRADESCOPE_VISIBILITY
        assert re.fullmatch(r"\d+(\.\d+)*", test["number"]) and test["number"] not in numbers
        numbers.add(test["number"])
    if document["tests"] and "score" in document:
        assert document["score"] == sum(test["score"] for test in document["tests"])


def test_gradescope_report_follows_its_schema(graded):
    document = json.loads(graded["files"]["gradescope"])
    check_gradescope(document)
    model = graded["model"]
    assert len(document["tests"]) == model["total"]
    assert document["score"] == model["points"]
    assert [t["number"] for t in document["tests"][:2]] == ["1.1", "1.2"]
    failed = [t for t in document["tests"] if t["status"] == "failed"]
    assert failed and all(t["output"] for t in failed), "a failed check shows the student why"
    assert document["extra_data"]["isolation"] == model.get("isolation", "basic")


def check_prairielearn(text: str) -> dict:
    assert len(text.encode()) <= reports.PRAIRIELEARN_LIMIT
    document = json.loads(text)
    assert set(document) <= PRAIRIELEARN_TOP, set(document) - PRAIRIELEARN_TOP
    assert isinstance(document["gradable"], bool)
    assert isinstance(document["score"], float) and 0 <= document["score"] <= 1
    for test in document["tests"]:
        assert set(test) <= PRAIRIELEARN_TEST, set(test) - PRAIRIELEARN_TEST
        assert isinstance(test["name"], str) and test["name"]
        assert 0 <= test["points"] <= test["max_points"]
        assert isinstance(test["message"], str) and isinstance(test["output"], str)
    return document


def test_prairielearn_report_follows_its_schema(graded):
    document = check_prairielearn(graded["files"]["prairielearn"])
    assert document["gradable"] is True
    model = graded["model"]
    assert document["score"] == pytest.approx(model["points"] / model["max_points"])
    assert sum(t["points"] for t in document["tests"]) == model["points"]
    assert len(document["tests"]) == model["total"]


def test_prairielearn_report_fits_in_one_megabyte():
    huge = {"passed": 0, "total": 3, "points": 0, "max_points": 3, "checks": [
        {"lesson": "client_flow", "check": f"test_{n}", "title": f"check {n}", "outcome": "failed",
         "message": "x" * 900_000, "timeline": ["y" * 100] * 2000, "duration": 0.1, "points": 1, "earned": 0}
        for n in range(3)]}
    document = check_prairielearn(reports.to_prairielearn(huge))
    assert all(test["output"].endswith(reports.messages.REPORT_CUT) for test in document["tests"])


def test_junit_report_follows_ants_schema(graded):
    root = ET.fromstring(graded["files"]["junit"])
    model = graded["model"]
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["client_flow", "server_flow"]
    cases = 0
    for index, suite in enumerate(suites):
        for attribute in ("name", "tests", "failures", "errors", "time", "timestamp", "hostname", "id", "package"):
            assert suite.get(attribute) is not None, attribute
        assert JUNIT_TIMESTAMP.match(suite.get("timestamp"))
        assert suite.get("id") == str(index)
        children = [child.tag for child in suite]
        assert children[0] == "properties" and children[-2:] == ["system-out", "system-err"]
        assert set(children[1:-2]) == {"testcase"}
        testcases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(testcases)
        verdicts = [[child for child in case] for case in testcases]
        assert int(suite.get("failures")) == sum(v[0].tag == "failure" for v in verdicts if v)
        assert int(suite.get("errors")) == sum(v[0].tag == "error" for v in verdicts if v)
        for case, verdict in zip(testcases, verdicts, strict=True):
            assert case.get("name") and case.get("classname") == suite.get("name")
            float(case.get("time"))
            assert len(verdict) <= 1
            if verdict and verdict[0].tag in ("failure", "error"):
                assert verdict[0].get("message") and verdict[0].get("type") and verdict[0].text
        cases += len(testcases)
    assert cases == model["total"] == int(root.get("tests"))
    titles = [case.get("name") for case in root.iter("testcase")]
    assert titles == [record["title"] for record in model["checks"]], "a person reads the names"
    failing = {r["title"] for r in model["checks"] if r["outcome"] != "passed"}
    assert failing == {case.get("name") for case in root.iter("testcase") if len(case)}


def test_csv_report_has_a_row_per_check(graded):
    rows = list(csv.DictReader(graded["files"]["csv"].splitlines(keepends=True)))
    model = graded["model"]
    assert list(rows[0]) == reports.CSV_FIELDS
    assert [(r["lesson"], r["check"], r["outcome"], int(r["earned"])) for r in rows] == [
        (c["lesson"], c["check"], c["outcome"], c["earned"]) for c in model["checks"]]
    assert all(r["message"] == c["message"] for r, c in zip(rows, model["checks"], strict=True))


def test_a_bad_report_option_is_refused_before_grading(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "graders.plugin", "graders/lessons/test_client_flow.py",
                           "--report", "pdf:out.pdf", "--target", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert proc.returncode == 4, proc.stdout + proc.stderr  # pytest's usage error: nothing was graded
    assert "expected FORMAT:FILE with FORMAT one of json, gradescope, prairielearn, junit, csv" in proc.stderr
