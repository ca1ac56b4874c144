"""The format of the known-buggy and known-good submission catalogues.

Each lesson has tests/test_catalogue_<lesson>.py listing
* `BUGS`: submissions in tests/submissions/<lesson>/, each named for its
  bug, with the check that must catch it and the message template its
  verdict must be written from (in any edition: the JSON names it);
* `STYLES`: correct submissions written another way (create_connection,
  makefile, recv_into, with-blocks, ...), which must pass every check.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

from tests.grading import HANG_LIMIT, SUBMISSIONS, Graded, describe, grade_file

STOPPED = {"timeout", "slow"}  # the outcomes of a call the grader stopped at its limit


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


def assert_caught(bug: Bug) -> Graded:
    if bug.linux_only and not sys.platform.startswith("linux"):
        pytest.skip("only Linux gives each grading run its own loopback address")
    # Only the check it is about: the catalogue proves which check catches it, at the cost of one check.
    # A bug whose verdict is being stopped (hung, or too slow) is stopped at HANG_LIMIT, not the course's 3 s;
    # the others keep the course's limit, which the checks' own waits (a reply awaited 1 s) fit within.
    stopped = set(bug.outcomes) <= STOPPED
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
