"""`nox -s hint -- LESSON`: the next hint for the lesson's first failing check.

Each check has a ladder of hints (graders/hints.py), from a gentle nudge to
the exact call to get right, never the solution itself. Each time you ask,
you get the next rung for the first check that still fails; the count is
kept in .progress.json and starts over once that check passes.

    python -m graders.hint LESSON
"""

from __future__ import annotations

import argparse
import sys

from graders import course, hints, messages, state


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s hint --", description=messages.HELP_HINT)
    parser.add_argument("lesson", nargs="?", help=messages.HELP_HINT_LESSON)
    args = parser.parse_args(argv)
    progress = state.refresh([args.lesson] if args.lesson else None)
    lessons = course.lessons()
    if args.lesson is None:
        lesson = next((lsn for lsn in lessons if state.lesson_state(progress, lsn.id)[0] != "done"), None)
        if lesson is None:
            print(messages.ALL_DONE)
            return 0
    else:
        lesson = course.lesson(args.lesson)
        if lesson is None:
            print(messages.UNKNOWN_LESSON.format(name=args.lesson, known=", ".join(lsn.id for lsn in lessons)))
            return 2
    checks = progress["lessons"].get(lesson.id, {}).get("checks", [])
    failing = next((c for c in checks if c["outcome"] not in ("passed", "skipped")), None)
    if failing is None:
        print(messages.HINT_ALL_PASS.format(lesson=lesson.id))
        return 0
    ladder = hints.HINTS.get(failing["check"], ())
    shown = progress["hints"].get(failing["check"], 0)
    title = messages.CHECK_TITLES.get(failing["check"], failing["title"])  # in this edition, whatever the grading's
    print(messages.HINT_FOR.format(lesson=lesson.id, title=title))
    print(messages.HINT_SAID.format(message=failing["message"]))
    print()
    if not ladder:
        print(messages.HINT_NONE.format(text=lesson.text))
        return 0
    if shown < len(ladder):
        print(messages.HINT_LINE.format(number=shown + 1, total=len(ladder), hint=ladder[shown]))
        progress["hints"][failing["check"]] = shown + 1
        state.save(progress)
        if shown + 1 < len(ladder):
            print(messages.HINT_MORE.format(lesson=lesson.id))
        else:
            print(messages.HINT_LAST.format(text=lesson.text))
    else:
        for number, hint in enumerate(ladder, 1):
            print(messages.HINT_LINE.format(number=number, total=len(ladder), hint=hint))
        print(messages.HINT_LAST.format(text=lesson.text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
