"""`nox -s progress`: every lesson's state, what is next, and the command to grade it.

Reads what the last gradings of exercises/ recorded (graders/tools/progress_store.py) and
re-grades, quietly, only the lessons whose file changed since, so it is
quick enough to run after every save. It always ends with what to do next
and the command for it (grade the next lesson, or the whole course again).

    python -m graders.tools.progress
"""

from __future__ import annotations

import argparse
import sys

from graders import course
from graders.text import lang, messages
from graders.tools import progress_store


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="nox -s progress --", description=messages.HELP_PROGRESS).parse_args(argv)
    progress = progress_store.refresh(announce=lambda text: print(text, flush=True))
    print(messages.PROGRESS_TITLE)
    next_lesson = None
    unjudged = 0  # checks not judged on this system (they need Linux's kernel view): counted apart, never passed
    for lesson in course.lessons():
        kind, passed, total = progress_store.lesson_state(progress, lesson.id)
        label = progress_store.state_label(kind, progress["lessons"].get(lesson.id, {}).get("checks", []))
        print(messages.PROGRESS_LINE.format(number=lesson.number, title=lang.ljust(lesson.title, messages.TITLE_WIDTH),
                                            passed=passed,
                                            total=total, state=label))
        if kind not in progress_store.FINISHED_HERE and next_lesson is None:
            next_lesson = lesson
        unjudged += progress_store.not_judged(progress["lessons"].get(lesson.id, {}).get("checks", []))
    print()
    if unjudged:
        print(messages.NOT_JUDGED_LINE.format(checks=messages.counted(messages.CHECKS, unjudged)))
        print()
    if next_lesson is None and unjudged:
        print(messages.COURSE_FINISHED_UNJUDGED)
        return 0
    if next_lesson is None:
        print(messages.COURSE_DONE)
        print(messages.COURSE_DONE_NEXT)
        return 0
    print(messages.NEXT_LESSON.format(number=next_lesson.number, title=next_lesson.title, text=next_lesson.text,
                                      lesson=next_lesson.id, module=f"exercises/{next_lesson.id}.py", target=""))
    print(messages.STUCK.format(lesson=next_lesson.id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
