"""A deadlock the kernel can see is stopped at once (graders/engine/deadlock.py); anything else still costs the limit.

Each submission is lesson graceful_close's request_and_half_close() without
shutdown(SHUT_WR): the reference server waits for the request's FIN, so the
client waits for ever, in one way or another. Only a wait without timeout on
sockets with nothing to read, every thread asleep in one, is a deadlock: its
verdict is HUNG with DEADLOCK_SEEN filled in. A recv() with a timeout
(settimeout, SO_RCVTIMEO), a sleep, or a thread still running are HUNG or
SLOW at the limit, without it. (Real processes and sockets; no wall clock is
asserted: the record says which way the call was stopped.)
"""

from __future__ import annotations

import pytest

from graders.engine import deadlock
from tests.grading import HANG_LIMIT, SUBMISSIONS, describe, grade_file

LESSON = "graceful_close"
CHECK = "test_request_signals_its_end_with_shut_wr"

CASES = {
    # name: (accepted outcomes, whether the kernel's deadlock ends it)
    "select_without_timeout": (("timeout",), True),
    "selector_and_a_waiting_thread": (("timeout",), True),
    "recv_with_settimeout": (("timeout",), False),
    "recv_with_so_rcvtimeo": (("timeout",), False),
    "sleeps": (("timeout",), False),
    "recv_while_a_thread_spins": (("timeout", "slow"), False),
}


@pytest.mark.skipif(not deadlock.AVAILABLE, reason="the kernel's view of a thread's system call (Linux /proc)")
@pytest.mark.parametrize("name", sorted(CASES))
def test_only_a_deadlock_is_stopped_before_the_limit(name: str) -> None:
    outcomes, deadlocked = CASES[name]
    graded = grade_file(SUBMISSIONS / "deadlock" / f"{name}.py", LESSON, checks=[CHECK], call_limit=HANG_LIMIT)
    record = graded.checks[CHECK]
    assert record["outcome"] in outcomes, describe(graded, CHECK)
    assert record["template"] in ("HUNG", "SLOW"), describe(graded, CHECK)
    assert ("DEADLOCK_SEEN" in record["templates"]) == deadlocked, describe(graded, CHECK)


def test_without_the_kernel_view_a_deadlock_costs_the_limit() -> None:
    """COURSE_KERNEL_VIEW=off (as on macOS): the same deadlock is stopped at the limit, as HUNG."""
    graded = grade_file(SUBMISSIONS / LESSON / "client_no_shut_wr.py", LESSON, checks=[CHECK], call_limit=HANG_LIMIT,
                        env={"COURSE_KERNEL_VIEW": "off"})
    record = graded.checks[CHECK]
    assert (record["outcome"], record["template"]) == ("timeout", "HUNG"), describe(graded, CHECK)
    assert "DEADLOCK_SEEN" not in record["templates"], describe(graded, CHECK)


# A drain that waits in a selector (epoll) with a long timeout, in a thread its main thread joins: not a deadlock
# (the wait ends by itself), but nothing in it can wake before a peer's hold of its FIN ends (QUIET_CAP), so the
# peer need not hold it (lesson 4: such a reject_and_drain took 1 s a call, held for the whole cap).
WAITER = """
import selectors, socket, sys, threading
listener = socket.create_server(("127.0.0.1", 0))
print(listener.getsockname()[1], flush=True)
conn, _ = listener.accept()
conn.recv(100)
def wait():
    with selectors.DefaultSelector() as selector:
        selector.register(conn, selectors.EVENT_READ)
        selector.select(float(sys.argv[1]))
thread = threading.Thread(target=wait)
thread.start()
thread.join()
"""


def _seen_asleep_past(timeout: float, hold: float) -> tuple[bool, bool]:
    """(asleep past `hold` from now, deadlocked) of a process that waits `timeout` in a selector after data came."""
    import select
    import socket
    import subprocess
    import sys
    import time

    process = subprocess.Popen([sys.executable, "-c", WAITER, str(timeout)], stdout=subprocess.PIPE, text=True)
    try:
        port = int(process.stdout.readline())
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(b"data")
            horizon = time.monotonic() + hold
            last, end = None, time.monotonic() + 2.0
            while time.monotonic() < end:  # two looks alike, as the peers ask (its threads start meanwhile)
                seen = deadlock.asleep_past(process.pid, horizon)
                if seen is not None and seen == last:
                    return True, deadlock.look(process.pid) is not None
                last = seen
                select.select([], [], [], deadlock.LOOK_EVERY)
            return False, deadlock.look(process.pid) is not None
    finally:
        process.kill()
        process.wait()


@pytest.mark.skipif(not deadlock.AVAILABLE, reason="the kernel's view of a thread's system call (Linux /proc)")
def test_a_wait_that_outlasts_the_hold_is_asleep_past_it_and_no_deadlock() -> None:
    assert _seen_asleep_past(timeout=30.0, hold=deadlock.QUIET_CAP) == (True, False)


@pytest.mark.skipif(not deadlock.AVAILABLE, reason="the kernel's view of a thread's system call (Linux /proc)")
def test_a_wait_that_ends_within_the_hold_is_not_asleep_past_it() -> None:
    assert _seen_asleep_past(timeout=0.3, hold=deadlock.QUIET_CAP) == (False, False)


# A loop that wakes on a short timer and goes on waiting (a poll loop, a heartbeat): what `hold_past_timers` holds.
POLLER = """
import select
while True:
    select.select([], [], [], float(__import__("sys").argv[1]))
"""


class _Held:
    """What hold_past_timers reads of a call (a harness StudentCall): the process's pid, whether it ended, its
    limit, the threads it has seen outlive their timers; a pipe that is never readable stands for its report."""

    def __init__(self, pid: int) -> None:
        import os

        self.pid, self.finished, self.deadline, self.timers_outlived = pid, False, 100.0, set()
        self._read, self._write = os.pipe()

    def fileno(self) -> int:
        return self._read

    def pump(self) -> None:
        pass


@pytest.mark.skipif(not deadlock.AVAILABLE, reason="the kernel's view of a thread's system call (Linux /proc)")
def test_a_hold_outwaits_a_short_timer_once_on_the_graders_time() -> None:
    """A 0.3 s poll loop: the hold lasts until that timer has fired (its thread seen to wake about its due time),
    moves the call's limit by as long as it held (the grader's time, not the code's: trials' heartbeat threads
    were stopped as hung without it), and a second hold of the same call costs one look (the thread is known to
    outlive its timer)."""
    import subprocess
    import sys
    import time

    process = subprocess.Popen([sys.executable, "-c", POLLER, "0.3"])
    try:
        time.sleep(0.2)  # its loop running
        call = _Held(process.pid)
        held, fired = deadlock.hold_past_timers(call, cap=2.5)
        assert 0.05 < held < 1.0 and fired, (held, fired)
        assert call.deadline == pytest.approx(100.0 + held), call.deadline
        again, _ = deadlock.hold_past_timers(call, cap=2.5)
        assert again < 0.1, again
    finally:
        process.kill()
        process.wait()


# A heartbeat made of threading.Timer, which starts a new thread at every tick (the main thread waits for good).
TIMER_HEARTBEAT = """
import threading
def tick():
    threading.Timer(float(__import__("sys").argv[1]), tick).start()
tick()
threading.Event().wait()
"""


@pytest.mark.skipif(not deadlock.AVAILABLE, reason="the kernel's view of a thread's system call (Linux /proc)")
def test_a_hold_waits_for_the_timers_it_saw_not_for_the_threads_born_after_it() -> None:
    """A threading.Timer heartbeat: each tick is a new thread with a new timer. The hold is for the waits it saw
    at its first look: it ends once that timer has fired (one period), not at its cap (a trial's correct lesson 5
    code with such a heartbeat took 15 s, each hold running to its 2.5 s cap)."""
    import subprocess
    import sys
    import time

    process = subprocess.Popen([sys.executable, "-c", TIMER_HEARTBEAT, "0.3"])
    try:
        time.sleep(0.3)  # its first Timer running
        held, fired = deadlock.hold_past_timers(_Held(process.pid), cap=2.5)
        assert 0.05 < held < 1.0 and fired, (held, fired)
    finally:
        process.kill()
        process.wait()
