"""The rules by which the graders tell a busy machine from a late student.

Lesson 6's rules are checked on the records the grader keeps
(`graders.engine.servers.Connection`): the slow scenario is run again only when the
grader itself sent the last piece late while the student's code still
waited for it; a deadline's bound moves by the time spent waiting for a CPU,
never by more than LATE_CAP.

Lessons 7-8: the clock of a server's wait for a CPU, read from the kernel,
on processes made to wait for one by construction (two spinners pinned to
one CPU), and its cap.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest

from graders.engine import clients, kernel
from graders.engine.servers import Connection
from graders.lessons import test_timeouts as lesson

ACCEPTED = 100.0
DUE = ACCEPTED + lesson.SLOW_PIECES[-1]


def slow_scenario(*, sent: float | None, closed: float | None, status: str = "raised",
                  timed_out: bool = False) -> lesson.Tried:
    connection = Connection(("127.0.0.1", 40000), ("127.0.0.1", 40001), ACCEPTED, request_end="FIN",
                            last_due_at=DUE, last_sent_at=sent, closed_at=closed)
    slow = SimpleNamespace(kind="slow", connections=[connection], reply=b"slow reply")
    good = SimpleNamespace(kind="good", connections=[], reply=b"good reply")
    call = SimpleNamespace(status=status, finished=True, timed_out=timed_out)
    return lesson.Tried("slow", [slow, good], 0, call, ACCEPTED)


def test_the_slow_scenario_is_run_again_when_the_grader_sent_late_to_a_waiting_client() -> None:
    late = DUE + lesson.SLOW_LATE + 0.1
    assert lesson._slow_was_late(slow_scenario(sent=late, closed=late + 0.01))
    assert lesson._slow_was_late(slow_scenario(sent=None, closed=None))


def test_the_slow_scenario_stands_when_the_student_gave_up_before_the_piece_was_due() -> None:
    assert not lesson._slow_was_late(slow_scenario(sent=None, closed=DUE - 0.05))
    assert not lesson._slow_was_late(slow_scenario(sent=DUE + 0.2, closed=DUE - 0.05))


def test_the_slow_scenario_stands_when_the_grader_sent_on_time() -> None:
    assert not lesson._slow_was_late(slow_scenario(sent=DUE + 0.01, closed=None))


def test_the_slow_scenario_is_run_again_when_the_machine_kept_anyone_waiting_past_its_margin() -> None:
    # The student gave up before the last piece was due: its own doing, unless the grader's accept (or the
    # student's wake-up) came late, which a wait for a CPU past the slow server's margin allows.
    t = slow_scenario(sent=None, closed=DUE - 0.05)
    t.busy = lesson.SLOW_BUSY / 2
    assert not lesson._slow_was_late(t)
    t.busy = lesson.SLOW_BUSY + 0.01
    assert lesson._slow_was_late(t)


def test_a_right_reply_is_played_again_only_when_its_own_threads_waited_for_a_cpu() -> None:
    # A right reply proves nothing if the student's process, the slow server or the watching thread waited for a
    # CPU (a give-up at the pause may have been slept through); the other lists' servers, played at once, do not count.
    t = slow_scenario(sent=DUE, closed=DUE + 0.01, status="returned")
    t.call.result = SimpleNamespace(value=SimpleNamespace(type="tuple", repr=repr((0, b"slow reply"))))
    t.busy, t.own_busy = 1.0, lesson.SLOW_HIDDEN / 2
    assert not lesson._slow_was_late(t)
    t.own_busy = lesson.SLOW_HIDDEN + 0.01
    assert lesson._slow_was_late(t)


def test_a_slow_scenario_stopped_at_its_limit_is_a_hang_however_busy_the_machine() -> None:
    # Played again, it could only meet the hang remembered from its first play (HUNG_BEFORE in every check,
    # on a busy machine only): its verdict stands, as on a quiet one.
    t = slow_scenario(sent=None, closed=None, status="hung", timed_out=True)
    t.busy = lesson.SLOW_BUSY + 1.0
    assert not lesson._slow_was_late(t)


def test_a_deadline_moves_by_the_time_spent_waiting_for_a_cpu_and_no_more() -> None:
    t = slow_scenario(sent=DUE, closed=None)
    assert t.bound == lesson.TIMEOUT + lesson.SLACK
    t.late = 0.1
    assert t.bound == lesson.TIMEOUT + lesson.SLACK + 0.1
    # A call that has waited 10 s more than it could have (a base far below the grader's own count): capped.
    t.call = SimpleNamespace(finished=False, pid=os.getpid())
    t.late, t.own_base = 0.0, -10.0
    t.look(t.looked_at + 1.0)
    assert t.late == lesson.LATE_CAP


def stalling_list(name: str, *, late: float) -> lesson.Tried:
    """A client that abandoned the stalling server on time, after its last byte (SLACK + 0.01 s later)."""
    timeout, stall_at = lesson.SCENARIO_TIMEOUT[name], lesson.SCENARIO_STALL_AT[name]
    last = ACCEPTED + stall_at
    connection = Connection(("127.0.0.1", 40000), ("127.0.0.1", 40001), ACCEPTED, request_end="FIN",
                            last_sent_at=last, closed_at=ACCEPTED + timeout)
    stalling = SimpleNamespace(kind="stalling", connections=[connection], reply=b"stalling reply")
    good = SimpleNamespace(kind="good", connections=[], reply=b"good reply")
    call = SimpleNamespace(status="returned", finished=True, timed_out=False, finished_at=ACCEPTED + timeout + 0.01)
    t = lesson.Tried(name, [stalling, good], 1, call, ACCEPTED, timeout, stall_at)
    t.late = late
    return t


def test_the_stalling_list_proves_nothing_when_the_machine_let_its_bound_cover_a_whole_timeout() -> None:
    # Quiet: a recv() given the whole timeout after the last byte would close past the bound. It proves.
    assert not lesson._stall_proves_nothing(stalling_list("stalling", late=0.0))
    # Busy: the bound, moved by the waiting, reaches past such a close: played again, with the sure list...
    late = lesson.STALL_AT - lesson.SLACK
    assert lesson._stall_proves_nothing(stalling_list("stalling", late=late))
    # ...which proves for any waiting up to LATE_CAP, by construction.
    assert lesson.SURE_STALL_AT > lesson.SLACK + lesson.LATE_CAP + lesson.STALL_PROOF
    assert not lesson._stall_proves_nothing(stalling_list("stalling_sure", late=lesson.LATE_CAP))
    # And either leaves room after the stall for a correct client's close (SLACK), so that it proves at all.
    for name in ("stalling", "stalling_sure"):
        assert lesson.SCENARIO_TIMEOUT[name] - lesson.SCENARIO_STALL_AT[name] > lesson.SLACK
        # The last byte comes while more than half of the timeout is left (with room for the connect's and the
        # read's delays), and past SLACK: a recv() given the whole timeout while more than half is left, begun after
        # it, ends past the deadline and its slack (whole_timeout_while_half_left, a trial's, passed a stall at 0.25 s
        # of 0.42 s).
        assert lesson.SLACK + 0.05 < lesson.SCENARIO_STALL_AT[name] < lesson.SCENARIO_TIMEOUT[name] / 2 - 0.04


# --------------------------------------------------------------------------- lessons 7-8: a server's wait for a CPU


@contextlib.contextmanager
def two_spinners_on_one_cpu():
    """Two processes that only spin, both pinned to the same CPU: each waits for it about half the time,
    by construction, whatever else the machine does. Yields their pids; kills them after."""
    cpu = min(os.sched_getaffinity(0))
    procs = [subprocess.Popen([sys.executable, "-c", f"import os; os.sched_setaffinity(0, {{{cpu}}})\nwhile True: pass"])
             for _ in range(2)]
    try:
        yield [proc.pid for proc in procs]
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()


@pytest.mark.skipif(not kernel.AVAILABLE or not hasattr(os, "sched_setaffinity"), reason="Linux's schedstat")
def test_a_servers_wait_for_a_cpu_is_measured_and_capped(monkeypatch) -> None:
    with two_spinners_on_one_cpu() as (pid, _):
        crowd = SimpleNamespace(call=SimpleNamespace(pid=pid))
        clock = clients.Crowd._cpu_wait_clock(crowd)
        time.sleep(0.5)
        waited = clock()
        # Half of 0.5 s, give or take; at least a fifth of it even if the spinners started late.
        assert 0.1 <= waited <= clients.CPU_WAIT_CAP, waited
        monkeypatch.setattr(clients, "CPU_WAIT_CAP", 0.01)
        assert clock() == 0.01


@pytest.mark.skipif(not kernel.AVAILABLE or not hasattr(os, "sched_setaffinity"), reason="Linux's schedstat")
def test_a_crowds_limit_moves_by_the_servers_wait_for_a_cpu_and_no_more(monkeypatch) -> None:
    """Lessons 7-8: a server kept from its CPU gets that time back on its limit (a trial's spinning loop scored 12
    of 13 alone and 7 beside other gradings), up to BUSY_MACHINE_CAP; a server asleep gets nothing."""
    def crowd(pid: int) -> SimpleNamespace:
        return SimpleNamespace(call=SimpleNamespace(pid=pid, finished=False, deadline=100.0),
                               _delay_clock=None, _delay_seen=0.0, _delay_looked=0.0, _delay_forgiven=0.0,
                               _own_delay=0.0, _own_forgiven=0.0)

    monkeypatch.setattr(kernel, "own_run_delay", lambda: 0.0)  # the grader's own wait: the next test's

    def looked_at(shape: SimpleNamespace, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            clients.Crowd._forgive_busy_machine(shape)
            time.sleep(clients.DELAY_LOOK)

    with two_spinners_on_one_cpu() as (pid, _):
        spinning = crowd(pid)
        looked_at(spinning, 0.5)
        assert 100.1 <= spinning.call.deadline <= 100.0 + clients.BUSY_MACHINE_CAP, spinning.call.deadline
        monkeypatch.setattr(clients, "BUSY_MACHINE_CAP", 0.01)
        capped = crowd(pid)
        looked_at(capped, 0.3)
        assert capped.call.deadline == pytest.approx(100.01), capped.call.deadline
    asleep = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        time.sleep(0.2)
        sleeping = crowd(asleep.pid)
        looked_at(sleeping, 0.3)
        assert sleeping.call.deadline < 100.01, sleeping.call.deadline
    finally:
        asleep.kill()
        asleep.wait()


@pytest.mark.skipif(not kernel.AVAILABLE, reason="Linux's schedstat")
def test_a_crowds_limit_moves_by_the_graders_own_wait_for_a_cpu_and_no_more(monkeypatch) -> None:
    """Lessons 7-8: the grader kept from its CPU plays the scenario late; the code's limit moves by as long (a
    correct style that sleeps 0.2 s before each close was stopped at its limit, or its reply cut short at the
    limit's margin, 3 runs in 19 beside CPU hogs), up to GRADER_LATE_CAP. (The grader's wait is its own clock,
    read from its schedstat: made up here, the server's taken as none.)"""
    own = [0.0]
    monkeypatch.setattr(kernel, "own_run_delay", lambda: own[0])
    monkeypatch.setattr(kernel, "RunDelayClock", lambda pid: lambda: 0.0)
    shape = SimpleNamespace(call=SimpleNamespace(pid=os.getpid(), finished=False, deadline=100.0),
                            _delay_clock=None, _delay_seen=0.0, _delay_looked=0.0, _delay_forgiven=0.0,
                            _own_delay=0.0, _own_forgiven=0.0)
    for waited in (0.5, 1.25, 1.25, 10.0):
        own[0] = waited
        shape._delay_looked = 0.0  # a look is due
        clients.Crowd._forgive_busy_machine(shape)
        assert shape.call.deadline == pytest.approx(100.0 + min(waited, clients.GRADER_LATE_CAP)), (waited, shape)
