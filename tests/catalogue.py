"""The format of the known-buggy and known-good submission catalogues.

Each lesson has tests/test_catalogue_<lesson>.py listing
* `BUGS`: submissions in tests/submissions/<lesson>/, each named for its
  bug, with the check that must catch it and the message template its
  verdict must be written from (in any edition: the JSON names it);
* `STYLES`: correct submissions written another way (create_connection,
  makefile, recv_into, with-blocks, ...), which must pass every check.

A bug is graded once. The first entry of each (lesson, template), its
"representative", is graded as a student runs it (the whole lesson, in one
edition, alternating) and its report is also held to one screen
(`assert_fits_on_one_screen`, issue 17); every other entry is graded on its
one check, which is cheaper.
"""

from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tests.grading import HANG_LIMIT, SUBMISSIONS, Graded, describe, grade, grade_file

STOPPED = {"timeout", "slow"}  # the outcomes of a call the grader stopped at its limit
BEFORE = {"HUNG_BEFORE", "SLOW_BEFORE", "IMPORT_HUNG_BEFORE"}  # a check that did not run the function again


@dataclass(frozen=True)
class Bug:
    lesson: str
    name: str  # the file tests/submissions/<lesson>/<name>.py
    check: str  # the check that must catch it
    # The message template (messages.NAME) the check's verdict must be written from, the same in every
    # edition ("A|B": either; "A+H": A with the template H filled into it, e.g. a hint). A tuple of words
    # the message must contain is the older form, English only.
    template: str | tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ("failed",)  # accepted outcomes of that check
    # Caught only where each run has its own loopback address (Linux): on macOS the
    # grader itself uses 127.0.0.1, so code hard-wired to it cannot be told apart.
    linux_only: bool = False

    def __str__(self) -> str:
        return self.name


def assert_caught(bug: Bug, as_a_student: bool = False) -> Graded:
    """`bug` is caught by its check, with its template. `as_a_student` (the catalogue's own test): a
    representative is graded as a student runs it, and its report held to one screen."""
    if bug.linux_only and not sys.platform.startswith("linux"):
        pytest.skip("only Linux gives each grading run its own loopback address")
    # Only the check it is about: the catalogue proves which check catches it, at the cost of one check.
    # A bug whose verdict is being stopped (hung, or too slow) is stopped at HANG_LIMIT, not the course's 3 s;
    # the others keep the course's limit, which the checks' own waits (a reply awaited 1 s) fit within.
    stopped = set(bug.outcomes) <= STOPPED
    edition = representatives().get(bug) if as_a_student else None
    if edition is None:
        graded = grade_file(SUBMISSIONS / bug.lesson / f"{bug.name}.py", bug.lesson, checks=[bug.check],
                            call_limit=HANG_LIMIT if stopped else None)
    else:
        graded = grade_as_a_student(bug, edition)
        assert_fits_on_one_screen(graded, bug, edition)
        if graded.checks.get(bug.check, {}).get("template") in BEFORE and str(bug.template) not in BEFORE:
            # An earlier check of the same function hung (or was stopped as too slow): in the whole lesson this
            # check says so instead of running it again. Its own verdict takes a grading of it alone.
            graded = grade_file(SUBMISSIONS / bug.lesson / f"{bug.name}.py", bug.lesson, checks=[bug.check],
                                call_limit=HANG_LIMIT if stopped else None)
    record = graded.checks.get(bug.check)
    assert record is not None, f"check {bug.check} did not run:\n{describe(graded)}"
    assert record["outcome"] in bug.outcomes, (
        f"{bug.name}: {bug.check} should be {bug.outcomes}, was {record['outcome']}\n{describe(graded, bug.check)}")
    if isinstance(bug.template, str):
        # "A|B": the message is written from A or from B (slow, or so slow it was stopped);
        # "A+H": from A, with H (a hint template) filled into it.
        main, *parts = bug.template.split("+")
        assert record.get("template") in main.split("|"), (
            f"{bug.name}: {bug.check} should say {bug.template}, said {record.get('template')}\n"
            f"{describe(graded, bug.check)}")
        for part in parts:
            assert set(part.split("|")) & set(record.get("templates", [])), (
                f"{bug.name}: {bug.check}'s message lacks {part}: {record.get('templates')}\n"
                f"{describe(graded, bug.check)}")
    else:
        for word in bug.template:
            assert word in record["message"], f"{bug.name}: message lacks {word!r}\n{describe(graded, bug.check)}"
    assert graded.returncode != 0, "a failing submission must make grade exit non-zero"
    return graded


def assert_passes(lesson: str, name: str, checks: list[str] | None = None) -> Graded:
    """A correct submission in another style passes every check (or every check of `checks`: those of
    the one function the style is about, where its other functions are the reference's own)."""
    graded = grade_file(SUBMISSIONS / lesson / f"{name}.py", lesson, checks=checks)
    failing = {check: r for check, r in graded.checks.items() if r["outcome"] != "passed"}
    assert graded.checks, f"no checks ran:\n{describe(graded)}"
    assert not failing, f"{name} should pass:\n" + "\n\n".join(describe(graded, c) for c in failing)
    assert graded.returncode == 0
    return graded


# --------------------------------------------------------------------------- a report fits on one screen (issue 17)


@cache
def representatives() -> dict[Bug, str]:
    """The first catalogue entry of each (lesson, template), with the edition it is graded in.

    The editions alternate over the course's order, so that each edition
    has representatives in every lesson. An entry whose template is a tuple
    of English words (the older form) is graded in English, where they are.
    """
    from graders import course

    chosen: dict[Bug, str] = {}
    for lesson in course.lessons():
        seen = set()
        for bug in importlib.import_module(f"tests.test_catalogue_{lesson.id}").BUGS:
            if str(bug.template) not in seen:
                seen.add(str(bug.template))
                chosen[bug] = ("en", "zh")[len(chosen) % 2] if isinstance(bug.template, str) else "en"
    return chosen


def grade_as_a_student(bug: Bug, edition: str) -> Graded:
    """The whole lesson, as `nox -s grade -- LESSON` runs it, in `edition`."""
    target = Path(tempfile.mkdtemp(prefix="submission-"))
    try:
        shutil.copy(SUBMISSIONS / bug.lesson / f"{bug.name}.py", target / f"{bug.lesson}.py")
        stopped = set(bug.outcomes) <= STOPPED
        return grade(target, [bug.lesson], lang=edition, call_limit=HANG_LIMIT if stopped else None)
    finally:
        shutil.rmtree(target, ignore_errors=True)


def what_went_wrong(output: str, texts) -> list[str]:
    """The non-blank lines of the report's "What went wrong" section (its heading excluded)."""
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if f" {texts.WHAT_WENT_WRONG} " in line)
    end = next(index for index, line in enumerate(lines) if index > start and f" {texts.PROGRESS_HEADER} " in line)
    return [line for line in lines[start + 1:end] if line.strip()]


def printed_block(report: list[str], start: int) -> int:
    """How many lines follow the heading at `start` ("Your code printed:"), indented deeper than it: the output."""
    depth = len(report[start]) - len(report[start].lstrip())
    count = 0
    for line in report[start + 1:]:
        if len(line) - len(line.lstrip()) <= depth:
            break
        count += 1
    return count


def assert_fits_on_one_screen(graded: Graded, bug: Bug, edition: str) -> None:
    """Its "What went wrong" section, minus the lines the student's own code printed (shown with the check
    that used it, counted in the record's "printed"), is at most SCREEN lines: long timelines show their
    first and last lines and count the rest (TL_MORE_EVENTS), a packet listing that does not fit is one line
    (PK_HIDDEN). Every line of a timeline it draws is aligned in every terminal (no East Asian ambiguous-
    width character)."""
    from graders.plugin import SCREEN
    from graders.text import messages

    texts = messages.texts(edition)
    assert graded.checks[bug.check]["outcome"] != "passed", graded.output  # the mistake is in the report
    report = what_went_wrong(graded.output, texts)
    own = sum(record.get("printed", 0) for record in graded.checks.values())  # the student's output, shown
    if not own:  # shown inside the message instead (a call that raised, told with what it printed): its block
        own = sum(printed_block(report, index) for index, line in enumerate(report)
                  if line.strip() in (texts.PRINTED.strip(), texts.PRINTED_FIRST.strip()))
    assert len(report) - own <= SCREEN, (
        f"{len(report)} lines, {own} of them the student's output:\n" + "\n".join(report))
    drawn = [line for record in graded.checks.values() for line in record["timeline"]]
    shown = [line.strip() for line in report]
    wide = [line for line in drawn if line.strip() in shown and any(
        unicodedata.east_asian_width(ch) == "A" for ch in line)]
    assert not wide, "\n".join(wide)
