"""The result model: one check's result (`CheckResult`) and one grading run's (`Results`), made here only.

Every grading writes this model as JSON (`--json`, graders/plugin.py), and
every reader takes it from here: the student's progress (progress_store.py), the
platforms' formats (reports.py: Gradescope, PrairieLearn, JUnit, CSV), the
instructor's batch grading (grade_class.py, class_report.py). A record is
a plain dict (a `TypedDict`), so the JSON on disk is the model itself and
a file written by an older grader still reads: `checks()` fills whatever
key it lacks with its default.

The records are made by `check_result` (a check that ran) and `never_ran`
(a selected check the run never reached: killed, interrupted, `-x`): the
same keys, in the same order, the template included, so that no reader
has to guess which of two shapes it holds.

Standard library only and no import of the course: the bottom floor.
"""

# No `from __future__ import annotations`: TypedDict reads NotRequired from the annotations themselves.
from typing import Literal, NotRequired, TypedDict

Outcome = Literal["passed", "failed", "timeout", "slow", "not-implemented", "not-judged", "skipped", "error",
                  "not-run"]
OUTCOMES: tuple[str, ...] = Outcome.__args__
PASSING = ("passed", "skipped")  # what earns the check's points
# A check this system could not observe (not Linux): no points, never "passed"; counted apart everywhere.
NOT_JUDGED = "not-judged"
NEVER_RAN_TEMPLATE = "NEVER_RAN"  # messages.NEVER_RAN: the template of every "not-run" record


class CheckResult(TypedDict):
    """One check's result, as the report, the JSON and every platform read it."""

    lesson: str
    check: str  # the check's function name: the same in every edition
    title: str  # the check's title in the run's edition (messages.CHECK_TITLES)
    outcome: Outcome
    message: str  # what the student reads (made safe by untrusted.clean_model)
    timeline: list[str]  # the conversation drawn, one line per item
    duration: float  # seconds
    points: int
    earned: int
    template: str | None  # the message template (messages.NAME) of a failure: the same in every edition
    templates: list[str]  # every template the message was filled from (its hints too), the main one first
    printed: NotRequired[int]  # how many of the message's last lines are what the student's code printed
    packets: NotRequired[list[str]]  # the conversation's packets, drawn (a failed check's, or --packets)
    home: NotRequired[bool]  # the failure is this check's subject: it heads the checks that failed alike
    mark: NotRequired[str]  # a note after its title in the report's list (messages.NOT_RUN_HUNG: not run)


class Results(TypedDict):
    """One grading run's results: what `--json FILE` holds."""

    target: str
    host: str | None
    run_id: str | None
    isolation: str
    isolation_details: dict
    netns: bool
    finished: str
    passed: int
    not_judged: int
    total: int
    points: int
    max_points: int
    checks: list[CheckResult]


def check_result(lesson: str, check: str, title: str, *, outcome: Outcome = "passed", message: str = "",
                 timeline: list[str] | None = None, duration: float = 0.0, points: int = 1, earned: int = 0,
                 template: str | None = None, templates: list[str] | None = None) -> CheckResult:
    """One check's result: the one place a record is made."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}: one of {', '.join(OUTCOMES)}")
    return CheckResult(lesson=lesson, check=check, title=title, outcome=outcome, message=message,
                       timeline=list(timeline or []), duration=round(duration, 4), points=points, earned=earned,
                       template=template,
                       templates=list(templates) if templates is not None else [template] if template else [])


def never_ran(lesson: str, check: str, title: str, message: str) -> CheckResult:
    """A selected check the run never reached: failed, and no grader error (nothing of the grader's raised)."""
    return check_result(lesson, check, title, outcome="not-run", message=message, template=NEVER_RAN_TEMPLATE)


def results(checks: list[CheckResult], **run: object) -> Results:
    """A run's results: its facts (`run`: target, host, run_id, isolation, isolation_details, netns, finished)
    and its checks, the totals counted here."""
    return Results(**run,  # type: ignore[typeddict-item]
                   passed=sum(1 for r in checks if r["outcome"] == "passed"),
                   not_judged=not_judged(checks),
                   total=len(checks),
                   points=sum(r["earned"] for r in checks),
                   max_points=sum(r["points"] for r in checks),
                   checks=checks)


DEFAULTS = {"title": "", "outcome": "failed", "message": "", "timeline": [], "duration": 0.0, "points": 1,
            "earned": 0, "template": None, "templates": []}


def read_check(record: dict) -> CheckResult | None:
    """One record as read from a results file (any grader's version): the model, or None if it is not one."""
    if not isinstance(record, dict) or not isinstance(record.get("lesson"), str) or \
            not isinstance(record.get("check"), str):
        return None
    read = {**DEFAULTS, "title": record["check"], **record}
    read["timeline"] = list(read["timeline"] or [])
    read["templates"] = list(read["templates"] or [])
    return read  # type: ignore[return-value]


def checks(results: dict | None) -> list[CheckResult]:
    """The check records of a run's results (a `Results`, or a dict read from a results file); none if none."""
    records = (results or {}).get("checks") or []
    return [read for record in records if (read := read_check(record)) is not None] if isinstance(
        records, list) else []


def passed(record: CheckResult) -> bool:
    """Does this check earn its points (passed, or skipped on purpose)?"""
    return record["outcome"] in PASSING


def not_judged(records: list) -> int:
    """How many of these records were not judged on this system (they need Linux's kernel view)."""
    return sum(1 for r in records if r["outcome"] == NOT_JUDGED)
