"""File names as learning-management systems write them, and the lesson file each one is.

A class downloaded from an LMS has the student's own file names behind a
prefix the LMS adds (see INSTRUCTORS.md, "A folder of submissions"):

    Canvas      smithjohn_12345_67890_client_flow.py         (name, user id, submission id, the file's name)
                smithjohn_LATE_12345_67890_client_flow-1.py  (late; "-1": Canvas renamed a second upload)
    Moodle      John Smith_12345_assignsubmission_file_client_flow.py
                John Smith_12345_assignsubmission_file_/client_flow.py  (a folder per student)
    Blackboard  Lab 1_jsmith_attempt_2026-03-01-10-22-33_client_flow.py

A file is a lesson file when its name, once the prefix is taken away, is
exactly the lesson's file name (`client_flow.py`; Canvas's `-1` allowed).
Nothing looser: `test_client_flow.py` or `my_client_flow.py`, the
student's own files, are not lesson files. The prefix also names the
student (`smithjohn`, `John Smith`, `jsmith`): a folder or zip holding the
files of several students, as an LMS's "download all" gives it, is split
into one submission per student.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PATTERNS = (
    ("canvas", re.compile(r"^(?P<student>.+?)_(?:LATE_)?\d+_\d+_(?P<name>.+)$")),
    ("moodle", re.compile(r"^(?P<student>.+?)_\d+_assignsubmission_(?:file|onlinetext)_(?P<name>.*)$")),
    ("blackboard", re.compile(r"^.+?_(?P<student>[^_]+)_attempt_\d{4}(?:-\d\d){5}_(?P<name>.+)$")),
)
# Moodle's download puts each student's files in a folder named with its prefix (the name part empty);
# Canvas and Blackboard name files only. A folder is a student's only where its LMS makes such folders.
FOLDERS = ("moodle",)
RENAMED = re.compile(r"^(?P<stem>.+)-(?P<copy>\d+)(?P<suffix>\.[A-Za-z0-9]+)$")  # Canvas: client_flow-1.py


@dataclass(frozen=True)
class Name:
    """What a file name says: the student it comes from (or ''), the file's own name, Canvas's copy number."""

    student: str
    name: str
    copy: int = 0
    system: str = ""  # canvas, moodle, blackboard, or "" without a prefix


def parse(filename: str) -> Name:
    for system, pattern in PATTERNS:
        match = pattern.match(filename)
        if match:
            name, copy = match["name"], 0
            renamed = RENAMED.match(name)
            if renamed:
                name, copy = renamed["stem"] + renamed["suffix"], int(renamed["copy"])
            return Name(match["student"], name, copy, system)
    return Name("", filename)


def lesson_of(filename: str, lessons: dict[str, str]) -> str | None:
    """The lesson this file is (`lessons` maps "client_flow.py" to "client_flow"), or None."""
    if filename in lessons:
        return lessons[filename]
    return lessons.get(parse(filename).name) if parse(filename).student else None


def student_of(filename: str, folder: bool = False) -> str:
    """The student an LMS prefix names, or ''; for a folder, only where that LMS makes per-student folders."""
    parsed = parse(filename)
    return parsed.student if not folder or parsed.system in FOLDERS else ""
