"""Pathological submissions end within their limits, with a clear message, and leave nothing behind.

Each is graded as lesson client_flow by the real grader in its own process.
Every check must fail with the expected outcome and message template; every check must
end within the harness's own limit (the bound proves the harness stopped the
code: it is not a speed claim); and once the run is over, no process of the
run and no socket on its loopback host may be left (TIME_WAIT excepted).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from graders.engine.harness import DUMP_WAIT
from tests.grading import HANG_LIMIT, SUBMISSIONS, describe, grade, grade_file, leftovers

LESSON = "client_flow"
CHECK = "test_connects_to_the_given_host_and_port"
# What one check may cost at most when the student's code hangs: its limit,
# the stack dump, and generous room for a loaded machine.
CHECK_BOUND = HANG_LIMIT + DUMP_WAIT + 3.0

CASES = {
    # name: (outcome of every check, the template of the first check's message (plus templates filled into
    # it, "A+B"), and language-neutral details it must show: the student's file and line, names, codes)
    "hangs_forever": ("timeout", "HUNG+STUCK_AT", ["client_flow.py, line 7", "wait()"]),
    # faulthandler's ASCII (\u7b49...) turned back into the name's own letters (a trial's stack was unreadable)
    "hangs_in_a_function_named_in_chinese": ("timeout", "HUNG+STUCK_AT", ["line 10, in 等一个没人设置的事件"]),
    "spins": ("slow", "SLOW+STOPPED_AT", ["client_flow.py"]),
    "calls_sys_exit": ("failed", "EXITED", ["sys.exit", "3"]),
    "calls_os_exit": ("failed", "DIED+HOW_EXIT", ["7"]),
    "closes_every_descriptor": ("failed", "DIED+HOW_CLOSED_CHANNEL", []),
    "floods_stdout": ("failed", "FLOODED+PRINTED_FIRST", []),
    "forks": ("timeout", "HUNG+STUCK_AT", ["client_flow.py"]),
    "reads_stdin": ("failed", "RAISED+PRINTED", ["EOFError", "input()"]),
    "ignores_sigterm": ("timeout", "HUNG+STUCK_AT", ["client_flow.py"]),
    "import_error": ("failed", "IMPORT_ERROR", ["client_flow.py", "ModuleNotFoundError", "line 3"]),
    "raises_at_import": ("failed", "IMPORT_ERROR", ["client_flow.py", "ConnectionRefusedError", "line 5"]),
    "syntax_error": ("failed", "SYNTAX_ERROR", ["line 6", "def request(host, port, message)"]),
    "misnamed_function": ("failed", "MISSING_FUNCTION", ["request()", "send_request"]),
    "listens_and_hangs": ("timeout", "HUNG+STUCK_AT", ["client_flow.py"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_submission_ends_cleanly(name: str) -> None:
    outcome, templates, details = CASES[name]
    graded = grade_file(SUBMISSIONS / "pathological" / f"{name}.py", LESSON, checks=[CHECK], call_limit=HANG_LIMIT)
    assert graded.checks, f"the grader produced no results:\n{describe(graded)}"
    assert graded.returncode != 0
    for check, record in graded.checks.items():
        assert record["outcome"] == outcome, describe(graded, check)
        assert record["duration"] < CHECK_BOUND, f"{check} took {record['duration']:.1f} s\n{describe(graded, check)}"
    record = graded.checks[CHECK]
    main, *filled = templates.split("+")
    assert record["template"] == main, f"{name}: said {record['template']}, not {main}\n{describe(graded, CHECK)}"
    for template in filled:
        assert template in record["templates"], f"{name}: no {template} in {record['templates']}"
    for detail in details:
        assert detail in record["message"], f"{name}: message lacks {detail!r}\n{describe(graded, CHECK)}"
    assert leftovers(graded) == []


def test_a_call_stopped_at_its_limit_is_killed_before_the_next_check() -> None:
    """The per-check kill: a hung call is gone before the next check starts, not only at the run's end.

    recv_exactly() hangs holding a port of the run's address; recv_until_closed(), graded next, binds that
    port first: it can only if the hung call was killed (and its socket closed by the kernel).
    """
    pieces, until_fin = "test_recv_exactly_collects_every_piece", "test_recv_until_closed_collects_everything_until_fin"
    graded = grade_file(SUBMISSIONS / "pathological" / "hung_call_holds_a_port.py", "recv_loop",
                        checks=[pieces, until_fin], call_limit=HANG_LIMIT)
    assert graded.checks[pieces]["outcome"] == "timeout", describe(graded, pieces)
    assert graded.checks[until_fin]["outcome"] == "passed", describe(graded, until_fin)


def test_a_call_killed_by_a_signal_is_said_so() -> None:
    """The exit status's third branch: killed by a signal (at `basic`: at `full` the call is PID 1 of its own
    namespace, and the kernel ignores the signal it sends itself; calls_os_exit and closes_every_descriptor
    prove the other two at every level)."""
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(SUBMISSIONS / "pathological" / "kills_itself.py", Path(folder) / f"{LESSON}.py")
        graded = grade(Path(folder), [LESSON], checks=[CHECK], call_limit=HANG_LIMIT, isolation="basic")
    record = graded.checks[CHECK]
    assert (record["template"], record["outcome"]) == ("DIED", "failed"), describe(graded, CHECK)
    # SIGKILL not sent by the grader is the kernel's way (out of memory, CPU time): said so, with the limits
    # (another signal is HOW_SIGNAL: the adversarial realtime_signal)
    assert {"HOW_KILLED", "KILLED_HINT"} <= set(record["templates"]) and "SIGKILL" in record["message"], describe(
        graded, CHECK)
