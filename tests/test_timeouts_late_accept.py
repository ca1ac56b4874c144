"""Lesson 6 judges which connection came first from facts right by construction, not from the moment a
reference server's thread got round to accept() (late, on a busy machine).

The late recording is forced: `tests.late_accept` makes the silent server's thread sleep 0.5 s after its
accept() returns, past the client's deadline for it (0.2 s), so that thread records its connection after
the good server's, which the client made later. Judged from those threads' times, the reference solution
was told WRONG_ORDER (seen failing, with and without a capture, before the fix). With a capture the order
is the SYNs' on the wire; without one (isolation "basic": no private network namespace), an order the
threads' own bounds leave open is not held against the code.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.grading import ROOT, SUBMISSIONS, describe, grade

LESSON = "timeouts"
LATE = {"COURSE_TEST_LATE_ACCEPT": "0.5", "COURSE_TEST_LATE_KIND": "silent"}


@pytest.mark.parametrize("isolation", [None, "basic"], ids=["with-capture", "without-capture"])
def test_a_late_accept_does_not_make_a_wrong_order(isolation: str | None) -> None:
    graded = grade(ROOT / "solutions", [LESSON], isolation=isolation, env=LATE, extra=["-p", "tests.late_accept"])
    if isolation is None:
        assert graded.results.get("netns"), "no private network namespace here: no capture to order by"
    failed = {check: r.get("template") for check, r in graded.checks.items() if r["outcome"] != "passed"}
    assert not failed, describe(graded)
    assert len(graded.checks) == 8, describe(graded)


def test_the_order_is_still_judged_when_the_accept_is_late() -> None:
    """Judged, not skipped: a client that goes on after a whole reply is still told WRONG_ORDER."""
    target = Path(tempfile.mkdtemp(prefix="submission-"))
    try:
        shutil.copy(SUBMISSIONS / LESSON / "tries_every_server.py", target / f"{LESSON}.py")
        graded = grade(target, [LESSON], env=LATE, extra=["-p", "tests.late_accept"])
    finally:
        shutil.rmtree(target, ignore_errors=True)
    order = graded.checks["test_first_reply_tries_the_servers_in_order"]
    assert order["outcome"] == "failed" and order.get("template") == "WRONG_ORDER", describe(graded)
