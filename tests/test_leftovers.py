"""The leftover detector itself: it must see a leftover, or every "nothing left behind" proves nothing.

Each test plants a process that carries a run's marker, exactly as a student
process escaping the run would, and checks that `run_processes` finds it;
then that it no longer does once the process is gone.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid

import pytest

from tests.grading import run_processes

SLEEPER = [sys.executable, "-c", "import os, time; os.setsid() if os.fork() == 0 else os._exit(0); time.sleep(60)"]


def _wait_for(predicate, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_a_detached_process_with_the_runs_environment_marker_is_found() -> None:
    run_id = uuid.uuid4().hex
    env = dict(os.environ, COURSE_RUN=run_id)
    # The sleeper forks, detaches (setsid) and clears nothing: its environ still holds the marker.
    subprocess.run(SLEEPER, env=env, timeout=10)
    assert _wait_for(lambda: run_processes(None, run_id)), "a process carrying COURSE_RUN was not found"
    for line in run_processes(None, run_id):
        os.kill(int(line.split()[1].rstrip(":")), signal.SIGKILL)
    assert _wait_for(lambda: not run_processes(None, run_id))
    assert run_processes(None, uuid.uuid4().hex) == []  # and another run's marker finds nothing


@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0, reason="needs util-linux unshare as root")
def test_a_process_in_the_runs_network_namespace_is_found() -> None:
    holder = subprocess.Popen(["unshare", "--net", "--", sys.executable, "-c",
                               "import os, time; print(os.readlink('/proc/self/ns/net'), flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        netns = holder.stdout.readline().strip()
        assert netns.startswith("net:[")
        found = run_processes(netns, None)
        assert any(str(holder.pid) in line or "time.sleep(60)" in line for line in found), found
    finally:
        holder.kill()
        holder.wait()
    assert _wait_for(lambda: not run_processes(netns, None))
