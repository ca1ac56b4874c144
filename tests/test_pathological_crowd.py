"""Pathological servers of the crowd lessons (7 and 8) end within their limits, and leave nothing behind.

New with several clients at once: threads of the student's that spin
forever (the process never sleeps, so only the harness's own limits end
the wait), and a client's thread that ends the whole process. Each is
graded as lesson threaded_server by the real grader in its own process.
"""

from __future__ import annotations

import pytest

from graders.engine.clients import BUSY_MACHINE_CAP, CROWD_LIMIT, GRADER_LATE_CAP
from graders.engine.harness import DUMP_WAIT
from tests.grading import SUBMISSIONS, describe, grade_file, leftovers

LESSON = "threaded_server"
SERVED = "test_threads_serve_a_client_while_others_idle_mid_line"
# the limit, the dump, a loaded machine: the limit moves by the server's and the grader's own waits for a CPU
CHECK_BOUND = CROWD_LIMIT + DUMP_WAIT + BUSY_MACHINE_CAP + GRADER_LATE_CAP + 1.0

CASES = {
    # name: (outcome of the serving check, its message's template, language-neutral details it must show)
    "crowd_thread_spins": ("failed", "CROWD_NOT_SERVED", []),
    "crowd_thread_exits": ("failed", "DIED", ["3"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_crowd_server_ends_cleanly(name: str) -> None:
    outcome, template, details = CASES[name]
    graded = grade_file(SUBMISSIONS / "pathological" / f"{name}.py", LESSON)
    assert graded.checks, f"the grader produced no results:\n{describe(graded)}"
    assert graded.returncode != 0
    for check, record in graded.checks.items():
        assert record["duration"] < CHECK_BOUND, f"{check} took {record['duration']:.1f} s\n{describe(graded, check)}"
    record = graded.checks[SERVED]
    assert record["outcome"] == outcome, describe(graded, SERVED)
    assert record["template"] == template, f"{name}: said {record['template']}\n{describe(graded, SERVED)}"
    for detail in details:
        assert detail in record["message"], f"{name}: message lacks {detail!r}\n{describe(graded, SERVED)}"
    assert leftovers(graded) == []
