"""A module fixture's work done once per test session, even when pytest-xdist splits the module over workers.

Under xdist every worker builds its own module-scoped fixtures, so an
expensive one (grading a whole class) would run once per worker. The first
worker to take the lock does the work and leaves its result (JSON) in the
session's shared temporary folder; the others read it.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Callable
from pathlib import Path

import pytest


def once(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, name: str,
         compute: Callable[[Path], dict]) -> dict:
    """compute(folder) -> a JSON-able dict, run once per session; folder is where it may leave files."""
    if not hasattr(request.config, "workerinput"):  # not an xdist worker: nothing to share
        return compute(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / f"once-{name}"  # the session's folder, shared by workers
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / "result.json"
        if not done.exists():
            done.write_text(json.dumps(compute(shared / "work")))
        return json.loads(done.read_text())
