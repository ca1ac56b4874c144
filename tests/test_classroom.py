"""The GitHub Classroom workflow: the committed file is the generator's, and it has Classroom's structure.

PyYAML is not a dependency: a small parser for the block-style subset the
generator writes reads the file back, so the checks run on what GitHub
will read, not on the generator's own dict.
"""

from __future__ import annotations

import json
import re

from graders import course
from graders.platforms import classroom
from graders.text import messages
from tests.grading import ROOT

WORKFLOW = ROOT / ".github" / "classroom" / "autograding.yml"


def parse_scalar(text: str):
    if text.startswith('"'):
        return json.loads(text)
    if text.startswith("'") and text.endswith("'"):
        return text[1:-1].replace("''", "'")
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


def parse_yaml(source: str):
    """Block mappings, block sequences (of scalars or mappings) and scalars; comments and blank lines skipped."""
    lines = [(len(line) - len(line.lstrip(" ")), line.strip()) for line in source.splitlines()
             if line.strip() and not line.lstrip().startswith("#")]

    def block(index: int, indent: int):
        if lines[index][1].startswith("- "):
            items = []
            while index < len(lines) and lines[index][0] == indent and lines[index][1].startswith("- "):
                rest = lines[index][1][2:]
                if re.match(r"^[^\"'][^:]*: |^[^\"'][^:]*:$", rest):  # a mapping starts on the dash's line
                    lines[index] = (indent + 2, rest)
                    value, index = block(index, indent + 2)
                else:
                    value, index = parse_scalar(rest), index + 1
                items.append(value)
            return items, index
        mapping = {}
        while index < len(lines) and lines[index][0] == indent and not lines[index][1].startswith("- "):
            key, _, rest = lines[index][1].partition(":")
            key = parse_scalar(key)
            rest = rest.strip()
            if rest:
                mapping[key], index = parse_scalar(rest), index + 1
            else:
                mapping[key], index = block(index + 1, lines[index + 1][0])
        return mapping, index

    value, end = block(0, 0)
    assert end == len(lines), f"unparsed from line {end}: {lines[end]}"
    return value


def test_the_committed_workflow_is_the_generated_one():
    assert WORKFLOW.read_text() == classroom.text(), "run: nox -s classroom"


def test_the_workflow_reads_back_as_the_generator_wrote_it():
    assert parse_yaml(WORKFLOW.read_text()) == classroom.workflow()


def test_the_workflow_has_classrooms_structure():
    flow = parse_yaml(WORKFLOW.read_text())
    assert flow["name"] == "Autograding Tests"
    assert list(flow["jobs"]) == ["run-autograding-tests"]
    steps = flow["jobs"]["run-autograding-tests"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["persist-credentials"] is False
    graders = [s for s in steps if s.get("uses", "").startswith("classroom-resources/autograding-command-grader@")]
    lessons = course.lessons()
    assert len(graders) == len(lessons), "one step per lesson: partial credit by lesson"
    for step, lesson in zip(graders, lessons, strict=True):
        assert step["with"]["command"].endswith(f"nox -s grade -- {lesson.id}")
        assert isinstance(step["with"]["max-score"], int) and step["with"]["max-score"] > 0
        assert isinstance(step["with"]["timeout"], int) and 1 <= step["with"]["timeout"] <= 360
        assert step["with"]["test-name"]
    points = {lesson.id: step["with"]["max-score"] for step, lesson in zip(graders, lessons, strict=True)}
    assert points == classroom.checks_per_lesson()
    assert sum(points.values()) == len(messages.CHECK_TITLES), "one point per check of the course"
    reporter = steps[-1]
    assert reporter["uses"].startswith("classroom-resources/autograding-grading-reporter@")
    ids = [step["id"] for step in graders]
    assert reporter["with"]["runners"].split(",") == ids
    assert reporter["env"] == {f"{id_.upper()}_RESULTS": f"${{{{steps.{id_}.outputs.result}}}}" for id_ in ids}


def test_the_parser_sees_a_broken_workflow():
    broken = WORKFLOW.read_text().replace("persist-credentials: false", "persist-credentials: true")
    assert parse_yaml(broken) != classroom.workflow()


def test_the_instructors_guide_says_classroom_scores_whole_lessons():
    """Classroom's command grader is all or nothing per step (one step per lesson): the docs must not claim that
    every route gives the same points, and must say how Classroom's differ."""
    guide = " ".join((ROOT / "INSTRUCTORS.md").read_text().split())
    assert "gives the same points" not in guide
    assert "Every route but one gives a point per check passed" in guide
    assert "only when every check of it passes" in guide
    steps = [step for step in classroom.workflow()["jobs"]["run-autograding-tests"]["steps"]
             if step.get("uses", "").startswith("classroom-resources/autograding-command-grader")]
    assert len(steps) == len(course.lessons()), "one all-or-nothing step per lesson, as the guide says"
