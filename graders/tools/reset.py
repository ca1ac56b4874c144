"""`nox -s reset -- LESSON`: put a lesson's stub back, keeping your version as a backup.

Asks first; answered no, it changes nothing and exits 0 (nox then says the session was
successful, not that it failed). Your current file goes to exercises/.backup/<lesson>-<time>.py,
then exercises/<lesson>.py becomes the stub as shipped (graders/lessons/stubs/).

    python -m graders.tools.reset LESSON [--yes]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time

from graders import course
from graders.text import messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s reset --", description=messages.HELP_RESET)
    parser.add_argument("lesson", help=messages.HELP_RESET_LESSON)
    parser.add_argument("--yes", action="store_true", help=messages.HELP_YES)
    args = parser.parse_args(argv)
    lesson = course.lesson(args.lesson)
    if lesson is None:
        known = messages.LIST_SEPARATOR.join(item.id for item in course.lessons())
        print(messages.UNKNOWN_LESSON.format(name=args.lesson, known=known))
        print(messages.RESET_WHICH.format(example=course.lessons()[0].id))
        return 2
    current = course.EXERCISES / f"{lesson.id}.py"
    stub = course.STUBS / f"{lesson.id}.py"
    if current.exists() and current.read_bytes() == stub.read_bytes():
        print(messages.RESET_ALREADY.format(lesson=lesson.id))
        print(messages.RESET_NEXT.format(text=lesson.text, lesson=lesson.id))
        return 0
    backup = course.EXERCISES / ".backup" / f"{lesson.id}-{time.strftime('%Y%m%d-%H%M%S')}.py"
    shown = os.path.relpath(backup, course.ROOT) if backup.is_relative_to(course.ROOT) else str(backup)
    if not args.yes:
        try:
            answer = input(messages.RESET_ASK.format(lesson=lesson.id, backup=shown))
        except EOFError:
            answer = ""
        if answer.strip().lower() not in messages.RESET_YES.split():
            print(messages.RESET_CANCELLED)
            print(messages.RESET_KEPT_NEXT.format(lesson=lesson.id))
            return 0  # answering no is not a failure: nothing to report, nothing changed
    if current.exists():
        backup.parent.mkdir(exist_ok=True)
        shutil.copy2(current, backup)
    shutil.copy(stub, current)
    print(messages.RESET_DONE.format(lesson=lesson.id, backup=shown))
    print(messages.RESET_NEXT.format(text=lesson.text, lesson=lesson.id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
