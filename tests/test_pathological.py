"""Pathological submissions end within their limits, with a clear message, and leave nothing behind.

Each is graded as lesson client_flow by the real grader in its own process.
Every check must fail with the expected outcome and words; every check must
end within the harness's own limit (the bound proves the harness stopped the
code: it is not a speed claim); and once the run is over, no process of the
run and no socket on its loopback host may be left (TIME_WAIT excepted).
"""

from __future__ import annotations

import pytest

from graders.harness import CALL_LIMIT, DUMP_WAIT
from tests.grading import SUBMISSIONS, describe, grade_file, leftovers

LESSON = "client_flow"
CHECK = "test_connects_to_the_given_host_and_port"
# What one check may cost at most when the student's code hangs: its limit,
# the stack dump, and generous room for a loaded machine.
CHECK_BOUND = CALL_LIMIT + DUMP_WAIT + 3.0

CASES = {
    # name: (outcome of every check, words the first check's message must contain)
    "hangs_forever": ("timeout", ["still running after", "stuck here", "client_flow.py, line 7", "wait()"]),
    "spins": ("slow", ["still busy after", "running on the CPU", "stopped here", "client_flow.py"]),
    "calls_sys_exit": ("failed", ["sys.exit", "code 3"]),
    "calls_os_exit": ("failed", ["exited with status 7"]),
    "floods_stdout": ("failed", ["printed more than 1 MiB"]),
    "forks": ("timeout", ["stuck here"]),
    "reads_stdin": ("failed", ["EOFError", "input()"]),
    "ignores_sigterm": ("timeout", ["stuck here"]),
    "import_error": ("failed", ["Importing client_flow.py failed", "ModuleNotFoundError", "line 3"]),
    "raises_at_import": ("failed", ["Importing client_flow.py failed", "ConnectionRefusedError", "line 5"]),
    "syntax_error": ("failed", ["syntax error", "line 6", "def request(host, port, message)"]),
    "misnamed_function": ("failed", ["MISSING FUNCTION", "request()", "send_request"]),
    "listens_and_hangs": ("timeout", ["stuck here"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_submission_ends_cleanly(name: str) -> None:
    outcome, words = CASES[name]
    graded = grade_file(SUBMISSIONS / "pathological" / f"{name}.py", LESSON, checks=[CHECK])
    assert graded.checks, f"the grader produced no results:\n{describe(graded)}"
    assert graded.returncode != 0
    for check, record in graded.checks.items():
        assert record["outcome"] == outcome, describe(graded, check)
        assert record["duration"] < CHECK_BOUND, f"{check} took {record['duration']:.1f} s\n{describe(graded, check)}"
    message = graded.checks[CHECK]["message"]
    for word in words:
        assert word in message, f"{name}: message lacks {word!r}\n{describe(graded, CHECK)}"
    assert leftovers(graded) == []
