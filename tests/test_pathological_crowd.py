"""Pathological servers of the crowd lessons (7 and 8) end within their limits, and leave nothing behind.

New with several clients at once: threads of the student's that spin
forever (the process never sleeps, so only the harness's own limits end
the wait), and a client's thread that ends the whole process. Each is
graded as lesson threaded_server by the real grader in its own process.
"""

from __future__ import annotations

import pytest

from graders.clients import CROWD_LIMIT
from graders.harness import DUMP_WAIT
from tests.grading import SUBMISSIONS, describe, grade_file, leftovers

LESSON = "threaded_server"
SERVED = "test_threads_serve_a_client_while_others_idle_mid_line"
CHECK_BOUND = CROWD_LIMIT + DUMP_WAIT + 3.0  # as in test_pathological: the limit, the dump, a loaded machine

CASES = {
    # name: (outcome of the serving check, words its message must contain)
    "crowd_thread_spins": ("failed", ["got no reply", "stuck here"]),
    "crowd_thread_exits": ("failed", ["exited with status 3"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_crowd_server_ends_cleanly(name: str) -> None:
    outcome, words = CASES[name]
    graded = grade_file(SUBMISSIONS / "pathological" / f"{name}.py", LESSON)
    assert graded.checks, f"the grader produced no results:\n{describe(graded)}"
    assert graded.returncode != 0
    for check, record in graded.checks.items():
        assert record["duration"] < CHECK_BOUND, f"{check} took {record['duration']:.1f} s\n{describe(graded, check)}"
    record = graded.checks[SERVED]
    assert record["outcome"] == outcome, describe(graded, SERVED)
    for word in words:
        assert word in record["message"], f"{name}: message lacks {word!r}\n{describe(graded, SERVED)}"
    assert leftovers(graded) == []
