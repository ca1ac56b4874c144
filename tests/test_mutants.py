"""Mutation testing, in the suite: a sample of mutants is killed, and tests/equivalent_mutants.toml stays true.

`nox -s mutants` grades every mutant of every solution (minutes); here, a few
per lesson, so that the suite keeps its pace: the mutants of this domain's
operators (a dropped close(), SHUT_RD, recv(1), ...), which the graders must
kill. The list of equivalent mutants is checked whole: each entry names a
mutant that the tool still makes, with a reason; and a sample of them still
passes every check (`nox -s mutants` checks them all, and fails on a stale one).
"""

from __future__ import annotations

import tomllib

import pytest

from graders import course
from tests import mutants as tool

LESSONS = [lesson.id for lesson in course.lessons()]
# The operators of this domain: every lesson has some, and each mutant of them is a mistake a student makes.
DOMAIN = ("dropped_close", "dropped_shutdown", "shut_rd", "shutdown_to_close", "dropped_setsockopt", "with_no_close",
          "send_to_sendall", "one_pass", "swapped_items", "socket_type", "timeout_doubled", "recv_1")
PER_LESSON = 1


def _sample() -> list[tool.Mutant]:
    written = tool.equivalents()
    chosen = []
    for lesson in LESSONS:
        domain = [m for m in tool.mutants(lesson) if m.operator in DOMAIN and m.key not in written]
        # The first operators of DOMAIN first (an end of a conversation: a close, a shutdown), then the source's order.
        domain.sort(key=lambda m: DOMAIN.index(m.operator))
        chosen += domain[:PER_LESSON]
    return chosen


SAMPLE = _sample()


def test_the_sample_covers_every_lesson() -> None:
    assert {m.lesson for m in SAMPLE} == set(LESSONS)


@pytest.mark.parametrize("mutant", SAMPLE, ids=lambda m: f"{m.lesson}:{m.operator}:{m.line}")
def test_a_mutant_of_the_solution_fails_a_check(mutant: tool.Mutant) -> None:
    verdict = tool.grade_mutant(mutant)
    assert verdict.killed, f"{mutant.key} passed every check:\n{mutant.diff(tool.solution(mutant.lesson))}"


def test_equivalent_mutants_are_written_down_once_with_a_reason_and_still_made() -> None:
    """An entry whose mutant the tool no longer makes (the solution changed there) is stale."""
    entries = tomllib.loads(tool.EQUIVALENT.read_text()).get("mutant", [])
    keys = [entry["key"] for entry in entries]
    assert len(keys) == len(set(keys)), "an entry is written twice"
    made = {m.key for lesson in LESSONS for m in tool.mutants(lesson)}
    stale = [key for key in keys if key not in made]
    assert stale == [], "no such mutant any more (remove or rewrite the entry):\n  " + "\n  ".join(stale)
    short = [entry["key"] for entry in entries if len(entry.get("reason", "").split()) < 5]
    assert short == [], "an equivalent mutant needs its reason:\n  " + "\n  ".join(short)


def _equivalent_sample() -> list[tool.Mutant]:
    written = tool.equivalents()
    by_key = {m.key: m for lesson in LESSONS for m in tool.mutants(lesson)}
    firsts: dict[str, tool.Mutant] = {}
    for key, entry in written.items():
        # A verdict of time may go either way on a busy machine; and every verdict of lesson 6 rests on time
        # (a mutant of it that passes alone was seen killed at four workers per core): nox -s mutants grades those.
        if key in by_key and not entry.get("timing") and by_key[key].lesson != "timeouts":
            firsts.setdefault(by_key[key].lesson, by_key[key])
    return list(firsts.values())


@pytest.mark.parametrize("mutant", _equivalent_sample(), ids=lambda m: m.lesson)
def test_an_equivalent_mutant_still_passes_every_check(mutant: tool.Mutant) -> None:
    """One entry per lesson here (nox -s mutants grades them all): killed now, the entry is stale."""
    verdict = tool.grade_mutant(mutant)
    assert not verdict.killed, f"{mutant.key} is written down as equivalent, but {verdict.check} fails it now"
