"""A report for one mistake fits on one screen, in every lesson and both editions (issue 17, item 3).

Each known mistake of the catalogue (tests/submissions/<lesson>/, one per message template it is caught
with, to keep the suite's time) is graded as a student runs it: the whole lesson, the real grader. Its
"What went wrong" section, minus the lines the student's own code printed (shown with the check that
used it, counted in the record's "printed"), is at most SCREEN lines: long timelines show their first
and last lines and count the rest (TL_MORE_EVENTS), a packet listing that does not fit is one line
(PK_HIDDEN). Every line of a timeline it draws is aligned in every terminal (no East Asian ambiguous-
width character). The entries alternate between the editions, so each is graded in one of them.
"""

from __future__ import annotations

import importlib
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest

from graders import course
from graders.plugin import SCREEN
from graders.text import messages
from tests.catalogue import STOPPED, Bug
from tests.grading import HANG_LIMIT, SUBMISSIONS, Graded, grade

messages_zh = messages.texts("zh")  # the Chinese edition, read from its catalogue


def representatives() -> list[tuple[Bug, str]]:
    """The first catalogue entry of each (lesson, template), with the edition it is graded in."""
    chosen: list[tuple[Bug, str]] = []
    for lesson in course.lessons():
        seen = set()
        for bug in importlib.import_module(f"tests.test_catalogue_{lesson.id}").BUGS:
            if str(bug.template) not in seen:
                seen.add(str(bug.template))
                chosen.append((bug, ("en", "zh")[len(chosen) % 2]))
    return chosen


CASES = representatives()


def what_went_wrong(output: str, texts) -> list[str]:
    """The non-blank lines of the report's "What went wrong" section (its heading excluded)."""
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if f" {texts.WHAT_WENT_WRONG} " in line)
    end = next(index for index, line in enumerate(lines) if index > start and f" {texts.PROGRESS_HEADER} " in line)
    return [line for line in lines[start + 1:end] if line.strip()]


def grade_as_a_student(bug: Bug, edition: str) -> Graded:
    target = Path(tempfile.mkdtemp(prefix="submission-"))
    try:
        shutil.copy(SUBMISSIONS / bug.lesson / f"{bug.name}.py", target / f"{bug.lesson}.py")
        stopped = set(bug.outcomes) <= STOPPED
        return grade(target, [bug.lesson], lang=edition, call_limit=HANG_LIMIT if stopped else None)
    finally:
        shutil.rmtree(target, ignore_errors=True)


def test_every_lesson_has_representatives() -> None:
    lessons = {bug.lesson for bug, _ in CASES}
    assert lessons == {lesson.id for lesson in course.lessons()}, lessons
    assert {edition for _, edition in CASES} == {"en", "zh"}
    assert SCREEN == 40


@pytest.mark.parametrize("bug, edition", CASES, ids=[f"{bug.lesson}-{bug.name}-{edition}" for bug, edition in CASES])
def test_a_report_for_one_mistake_fits_on_one_screen(bug: Bug, edition: str) -> None:
    texts = messages.texts(edition)
    graded = grade_as_a_student(bug, edition)
    assert graded.checks[bug.check]["outcome"] != "passed", graded.output  # the mistake is in the report
    report = what_went_wrong(graded.output, texts)
    own = sum(record.get("printed", 0) for record in graded.checks.values())  # the student's output, shown
    assert len(report) - own <= SCREEN, (
        f"{len(report)} lines, {own} of them the student's output:\n" + "\n".join(report))
    drawn = [line for record in graded.checks.values() for line in record["timeline"]]
    shown = [line.strip() for line in report]
    wide = [line for line in drawn if line.strip() in shown and any(
        unicodedata.east_asian_width(ch) == "A" for ch in line)]
    assert not wide, "\n".join(wide)
