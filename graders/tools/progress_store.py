"""The student's progress, remembered between runs: .progress.json at the course's root.

Every `nox -s grade` of exercises/ records, per lesson, the results of its
checks and the SHA-256 of the lesson's file at the time. `nox -s progress`
and `nox -s hint` then know each lesson's state without grading it again,
unless its file changed since: only those lessons are re-graded. The file
also counts the hints already shown for each check.

Standard library only (no pytest): progress must be quick.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from graders import course
from graders.engine import result
from graders.text import lang, messages

MESSAGE_KEPT = 4000  # characters of a failure's message kept for `nox -s hint` (it quotes its first sentences)
STATE = Path(os.environ.get("COURSE_STATE", course.ROOT / ".progress.json"))


def load() -> dict:
    try:
        state = json.loads(STATE.read_text())
    except (OSError, ValueError):
        state = {}
    state.setdefault("lessons", {})
    state.setdefault("hints", {})
    return state


def save(state: dict) -> None:
    """Write atomically: two runs at once never leave a torn file."""
    fd, tmp = tempfile.mkstemp(dir=STATE.parent, prefix=".progress-", suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump(state, f, indent=1, ensure_ascii=False)
    os.replace(tmp, STATE)


def file_hash(lesson_id: str) -> str | None:
    try:
        return hashlib.sha256((course.EXERCISES / f"{lesson_id}.py").read_bytes()).hexdigest()
    except OSError:
        return None


def record(results: list[result.CheckResult]) -> None:
    """Remember the results of a grading run of exercises/ (called by the grading plugin)."""
    state = load()
    by_lesson: dict[str, list[dict]] = {}
    for r in results:  # what is kept of each result.CheckResult: what `nox -s progress` and `nox -s hint` read
        by_lesson.setdefault(r["lesson"], []).append(
            {"check": r["check"], "title": r["title"], "outcome": r["outcome"],
             "message": r["message"][:MESSAGE_KEPT]})
    for lesson_id, checks in by_lesson.items():
        state["lessons"][lesson_id] = {"sha256": file_hash(lesson_id), "lang": lang.current(), "checks": checks}
        for check in checks:  # a check that passes starts its hints afresh next time
            if check["outcome"] == "passed":
                state["hints"].pop(check["check"], None)
    save(state)


def stale(state: dict, quoted: bool = False) -> list[str]:
    """Lessons whose results are missing or older than their file; if `quoted` (their messages are quoted, as
    `nox -s hint` does), also those whose failures were written in another edition than the current one."""
    found = []
    for lesson in course.lessons():
        kept = state["lessons"].get(lesson.id, {})
        other_words = kept.get("lang", lang.DEFAULT) != lang.current() and any(
            check["outcome"] not in result.PASSING for check in kept.get("checks", []))
        if kept.get("sha256") != file_hash(lesson.id) or (quoted and other_words):
            found.append(lesson.id)
    return found


def refresh(lesson_ids: list[str] | None = None, announce=None, quoted: bool = False) -> dict:
    """Grade, quietly, the lessons (of those given) whose results are stale; return the state.

    `announce(text)`, if given, is told first which lessons are graded again and why.
    """
    state = load()
    wanted = [i for i in stale(state, quoted) if lesson_ids is None or i in lesson_ids]
    if wanted and announce is not None:
        announce(messages.REGRADING.format(lessons=messages.LIST_SEPARATOR.join(wanted)))
    if wanted:
        command = [sys.executable, "-m", "pytest", *course.grading_args(wanted)]
        subprocess.run(command, cwd=course.ROOT, stdin=subprocess.DEVNULL, capture_output=True)
        state = load()
    return state


# The lesson's states in which the student has nothing left to do on this system ("unjudged": every check
# passed that this system can judge; the others need Linux's kernel view, see checks.not_judged).
FINISHED_HERE = ("done", "unjudged")


def judge(checks: list[dict]) -> tuple[str, int, int]:
    """("done" | "unjudged" | "started" | "todo", passed, total) of one lesson's check records.

    The one place progress is computed (the grade report and `nox -s
    progress` both ask here). A lesson is started as soon as one of its
    checks says more than "not implemented yet": the student has changed
    something, even if nothing passes yet. A check "not judged on this
    system" never counts as passed: a lesson whose other checks all pass is
    "unjudged", counted apart (`not_judged`), never "done".
    """
    passed = sum(1 for c in checks if c["outcome"] in result.PASSING)
    if checks and passed == len(checks):
        return "done", passed, len(checks)
    if checks and passed + not_judged(checks) == len(checks):
        return "unjudged", passed, len(checks)
    if passed or any(c["outcome"] != "not-implemented" for c in checks):
        return "started", passed, len(checks)
    return "todo", passed, len(checks)


def not_judged(checks: list[dict]) -> int:
    """How many of these check records were not judged on this system (they need Linux's kernel view)."""
    return result.not_judged(checks)


def state_label(kind: str, checks: list[dict]) -> str:
    """The words for a lesson's state (`judge`'s first value), in the current edition."""
    if kind == "unjudged":
        return messages.STATE_UNJUDGED.format(count=not_judged(checks))
    return {"done": messages.STATE_DONE, "started": messages.STATE_STARTED, "todo": messages.STATE_TODO}[kind]


def lesson_state(state: dict, lesson_id: str) -> tuple[str, int, int]:
    """("done" | "unjudged" | "started" | "todo", passed, total) for one lesson, from the last gradings."""
    return judge(state["lessons"].get(lesson_id, {}).get("checks", []))


def is_exercises(target: Path) -> bool:
    return Path(target).resolve() == course.EXERCISES.resolve()
