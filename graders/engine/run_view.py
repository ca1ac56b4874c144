"""What one call of student code (`student.StudentCall`) reads and writes of its grading run (`run.Run`).

Declared here so that `student.py` needs nothing of `run.py` (which makes
the calls, and so imports `student.py`): the two no longer import each
other. `Run` is the one implementation; this names the part of it a call
uses, and what each part is for.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, Protocol

StudentCall = Any  # student.StudentCall: named, not imported (this module sits below student.py)


class RunForCall(Protocol):
    """The run, as a call of student code sees it."""

    target: Path  # the submission's folder: a call of another folder's code is a reference call
    refused: dict[str, str]  # lesson files refused when copied (module -> the message)
    counter: itertools.count  # the calls' numbers
    calls: list[StudentCall]  # every call of the run (killed at its end)
    check_calls: list[StudentCall]  # the calls the check running now used (their prints are shown with it)
    check_title: str  # the check running now (the plugin sets it)
    # One root cause, one report (ARCHITECTURE.md): functions whose module cannot run them, and their first call;
    broken: set[tuple[str, str]]
    broken_calls: dict[tuple[str, str], StudentCall]
    # ... functions (or, with None, modules at import) stopped at their limit: by which check, busy or not.
    stopped: dict[tuple[str, str | None], tuple[str, bool]]
    stopped_calls: dict[tuple[str, str | None], StudentCall]
    stopped_untold: set[tuple[str, str | None]]
    tap: Any  # packets.Tap or None: told when a reference call ran, so its packets are not the student's
    # Called once with (host, port) when a student's server next listens: set by a check (checks.py), taken by
    # the peer that sees the LISTEN (conversation.py, through `call.run`).
    on_listen: Any

    def copies(self, reference: bool = False) -> tuple[dict, dict]: ...

    def source_line(self, filename: str, lineno: int, reference: bool = False) -> str: ...

    def scratch_dir(self) -> Path: ...

    def call_scratch(self, number: int, reference: bool) -> str: ...

    def forkserver(self, reference: bool = False) -> Any: ...

    def sweep(self, reference: bool) -> None: ...
