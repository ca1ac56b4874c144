"""`nox -s hint -- LESSON`: the next hint for the lesson's first failing check.

Each check has a ladder of hints (graders/text/hints.py), from a gentle nudge to
the exact call to get right, never the solution itself. Each time you ask,
you get the next rung for the first check that still fails; the count is
kept in .progress.json and starts over once that check passes. Whatever
happens, it ends with what to do next and the command for it.

    python -m graders.tools.hint LESSON
"""

from __future__ import annotations

import argparse
import re
import sys

from graders import course
from graders.text import hints, messages
from graders.tools import progress_store


def checklist(lesson: course.Lesson) -> None:
    """The lesson's own reminders (course.toml's `hints`, in this edition): what to keep in mind before a check."""
    if lesson.hints:
        print(messages.LESSON_CHECKLIST.format(title=lesson.title))
        for item in lesson.hints:
            print(messages.CHECKLIST_ITEM.format(item=item))
        print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s hint --", description=messages.HELP_HINT)
    parser.add_argument("lesson", nargs="?", help=messages.HELP_HINT_LESSON)
    args = parser.parse_args(argv)
    progress = progress_store.refresh([args.lesson] if args.lesson else None, quoted=True)  # quoted: in this edition
    lessons = course.lessons()
    if args.lesson is None:
        lesson = next((lsn for lsn in lessons if progress_store.lesson_state(progress, lsn.id)[0] not in progress_store.FINISHED_HERE), None)
        if lesson is None:
            print(messages.COURSE_DONE)
            print(messages.COURSE_DONE_NEXT)
            return 0
    else:
        lesson = course.lesson(args.lesson)
        if lesson is None:
            print(messages.UNKNOWN_LESSON.format(name=args.lesson, known=messages.LIST_SEPARATOR.join(lsn.id for lsn in lessons)))
            print(messages.HINT_WHICH.format(example=lessons[0].id))
            return 2
    checks = progress["lessons"].get(lesson.id, {}).get("checks", [])
    if checks and progress_store.judge(checks)[0] == "todo":  # nothing written yet: the lesson text first, no rung spent
        checklist(lesson)
        print(messages.HINT_NOT_STARTED.format(text=lesson.text, lesson=lesson.id))
        return 0
    failing = next((c for c in checks if c["outcome"] not in ("passed", "skipped", "not-judged")), None)
    if failing is None:
        print(messages.HINT_ALL_PASS.format(lesson=lesson.id))
        print_next(progress, lessons, after=lesson)
        return 0
    title = messages.CHECK_TITLES.get(failing["check"], failing["title"])  # in this edition, whatever the grading's
    print(messages.HINT_FOR.format(lesson=lesson.id, title=title))
    print(messages.HINT_SAID.format(message=summary(failing["message"])))
    if failing["outcome"] == "not-implemented":  # this function is still the stub: its TODO steps first
        print()
        checklist(lesson)
        print(messages.HINT_TODO.format(text=lesson.text, lesson=lesson.id))
        return 0
    reported = report_hint(failing["message"])
    if reported:
        print(messages.HINT_REPORTED.format(hint=reported))
    print()
    ladder = hints.HINTS.get(failing["check"], ())
    if not ladder:
        print(messages.HINT_NONE.format(text=lesson.text, lesson=lesson.id))
        return 0
    shown = progress["hints"].get(failing["check"], 0)  # every ladder starts at its first rung
    if shown < len(ladder):
        print(messages.HINT_LINE.format(number=shown + 1, total=len(ladder), hint=ladder[shown]))
        progress["hints"][failing["check"]] = shown + 1
        progress_store.save(progress)
        if shown + 1 < len(ladder):
            print(messages.HINT_MORE.format(lesson=lesson.id))
        else:
            print(messages.HINT_LAST.format(text=lesson.text, lesson=lesson.id))
    else:
        for number, hint in enumerate(ladder, 1):
            print(messages.HINT_LINE.format(number=number, total=len(ladder), hint=hint))
        print(messages.HINT_LAST.format(text=lesson.text, lesson=lesson.id))
    return 0


def print_next(progress: dict, lessons: list, after) -> None:
    """The lesson to work on next (the first one not done, after `after` if it is done), with its command."""
    pending = [lsn for lsn in lessons if lsn.id != after.id and progress_store.lesson_state(progress, lsn.id)[0] not in progress_store.FINISHED_HERE]
    if not pending:
        print(messages.COURSE_DONE)
        print(messages.COURSE_DONE_NEXT)
        return
    following = [lsn for lsn in pending if lsn.number > after.number]
    upcoming = (following or pending)[0]
    print(messages.NEXT_LESSON.format(number=upcoming.number, title=upcoming.title, text=upcoming.text,
                                      lesson=upcoming.id, module=f"exercises/{upcoming.id}.py", target=""))


# A line of the student's traceback (messages.FRAME_LINE), in either edition.
FRAME = re.compile(r"^\S+\.py(, line \d+, in |，第 \d+ 行，在 )")
FULL_WIDTH = "，。：；？！（）、“”"
SENTENCE_END = (".", "。", "!", "！", "?", "？")
HINT_STARTS = ("Hint:", "提示：")
SUMMARY_LIMIT = 400


def summary(message: str) -> str:
    """The grader's message as a sentence or two: never cut at a line that ends in a colon.

    Lines are joined until a sentence ends; a traceback's frames are
    skipped (the exception's own line is kept); the message's hint, the
    wire and what the code printed are not part of it.
    """
    said: list[str] = []
    for line in message.splitlines():
        text = line.strip()
        if not text or FRAME.match(text):
            continue
        if text.startswith(HINT_STARTS) or (said and not line.startswith(" ") and not said[-1].endswith((":", "："))):
            break
        named = said[-1][:-1].rsplit(" ", 1)[-1] if said and said[-1].endswith((":", "：")) else ""
        if named and text.startswith(named + ":"):  # "raised OSError:" (either edition's colon), then "OSError: ...": once
            text = text[len(named) + 1:].strip()
        said.append(text)
        if text.endswith(SENTENCE_END) or sum(len(part) + 1 for part in said) > SUMMARY_LIMIT:
            break
    joined = ""
    for part in said:  # no space after (or before) full-width punctuation
        joined += part if not joined or joined.endswith(tuple(FULL_WIDTH)) or part.startswith(tuple(FULL_WIDTH)) \
            else " " + part
    return joined if len(joined) <= SUMMARY_LIMIT else joined[:SUMMARY_LIMIT].rsplit(" ", 1)[0] + " ..."


def report_hint(message: str) -> str:
    """The hint the grade report gave with this failure, if it gave one."""
    for line in message.splitlines():
        text = line.strip()
        for start in HINT_STARTS:
            if text.startswith(start):
                return text[len(start):].strip()
    return ""


if __name__ == "__main__":
    sys.exit(main())
