"""The grading harness, as the lessons' checks use it: one import for the names they need.

The harness is split along its seams (ARCHITECTURE.md has the whole map):

* `run.py`: one grading run: isolation, the copied lesson files, the fork
  servers, the run's loopback address, conversations held once;
* `student.py`: one call of student code in its sandboxed process, and what
  the grader reads and observes of it;
* `verdict.py`: a call's report as a typed value, and a check's verdict
  (`CheckFailed`), both immutable;
* `conversation.py`: the reference peer's end of a connection (`Peer`),
  driven step by step while watching the student's process;
* `timeline.py`: what happened on the wire, drawn for the student.

Nothing here trusts an object from the student's process: results are plain
data decoded by `wire.loads` and checked by `verdict.decode_report`.
"""

from __future__ import annotations

from graders.engine.conversation import ASLEEP_WAIT, POLL, SETTLE, Peer
from graders.engine.run import Run
from graders.engine.student import CALL_LIMIT, DUMP_WAIT, KILL_WAIT, OUTPUT_CAP, StudentCall
from graders.engine.timeline import TIMELINE_BYTES, Timeline, show
from graders.engine.verdict import BROKEN, CheckFailed, Error, Report, Value

__all__ = [
    "ASLEEP_WAIT", "BROKEN", "CALL_LIMIT", "DUMP_WAIT", "KILL_WAIT", "OUTPUT_CAP", "POLL", "SETTLE",
    "TIMELINE_BYTES", "CheckFailed", "Error", "Peer", "Report", "Run", "StudentCall", "Timeline", "Value", "show",
]
