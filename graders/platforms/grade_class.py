"""Grade a class: many submissions in parallel, a gradebook, each student's feedback, a report.

    nox -s grade-class -- SUBMISSION... --out DIR [--jobs N] [--timeout S] [--lesson L ...]

A submission is a folder or a .zip; its lesson files (`client_flow.py`, ...)
are found by name anywhere inside it. Only those files are taken: read from
the folder (never through a symlink) or from the zip (never a member whose
path leaves the archive, never a symlink, never more than a size cap) and
written fresh into a scratch folder, which is what gets graded. The course
tree is never written to.

Each submission is one `python -m pytest -p graders.plugin ... --target COPY
--json ...` process in a session (process group) of its own, with a
wall-clock bound: at the bound its whole group is stopped and the submission
gets an error row. Workers run side by side (default: two per core, since a
grading run spends much of its time waiting on its peers or on code that
hangs), all in this one process, so one nox session does the whole class.

Output in DIR: grades.csv (a row per submission), <id>/results.json (the
--json model), <id>/feedback.md (the student's report, without colour),
report.html (the class at a glance). A re-run skips every submission whose
lesson files and grader are unchanged.

Over 500 lines: one command's pipeline (read submissions safely, grade in parallel, write the gradebook); a candidate to split by stage.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import hashlib
import io
import json
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from graders import course
from graders.engine import result, sandbox, untrusted
from graders.platforms import class_report, classroom, lms, reports
from graders.text import lang, messages

ROOT = course.ROOT
LESSON_FILE_LIMIT = 1 << 20  # a lesson file larger than 1 MiB is not a lesson file
ZIP_LIMIT = 64 << 20  # a submission zip larger than 64 MiB is refused unread
ZIP_MEMBERS_LIMIT = 20_000  # ... and one that lists more members than this
FOLDER_ENTRIES_LIMIT = 50_000  # a folder is searched this far, no further
FOLDER_DEPTH_LIMIT = 32  # ... and this many folders deep (os.walk's recursion dies near 1000)
NESTED_LIMIT = 10  # zips inside a submission opened (one level only: a zip in a nested zip is not opened)
RESULTS_LIMIT = 32 << 20  # a results file larger than this is not read
FEEDBACK_LIMIT = 1 << 20  # the report kept as feedback.md
DEFAULT_TIMEOUT = 240.0  # one submission, every lesson: a correct one takes seconds, one that hangs everywhere ~1 min
KILL_GRACE = 3.0  # after an interrupt, how long pytest gets to stop the student's processes itself
SKIP_DIRS = {"__MACOSX", "__pycache__", ".git", ".nox", ".venv", "node_modules"}
# What a grading run inherits (no secrets); COURSE_ISOLATION forces a lower isolation level, COURSE_LANG
# picks the edition of the student's report.
ENV_KEEP = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "COURSE_ISOLATION", "COURSE_LANG", "COURSE_CALL_LIMIT")
FIELDS_BEFORE = ["id"]
FIELDS_AFTER = ["points", "total", "isolation", "grader_version", "status", "error"]
# The status column: what became of the submission, in one word a spreadsheet can filter on.
#   graded       graded, at least one lesson attempted
#   not-started  graded, but every lesson is untouched (stubs as shipped, or no lesson file at all)
#   stopped      stopped at --timeout: something in it hung past the bound for the whole submission; no grade
#   unreadable   the submission could not be read (not a zip, too big...): nothing graded
#   failed       the grader gave no results (see the error column): not the student's grade
STATUSES = ("graded", "not-started", "stopped", "unreadable", "failed")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")



def _unscratched(text: str, target: Path) -> str:
    """A grading's text as the student reads it: the scratch copy that is gone named nowhere. The next step's
    command loses its --target (the student grades their own exercises/ folder), and a path in it is the file's
    name alone."""
    return text.replace(f" --target {shlex.quote(str(target))}", "").replace(str(target) + "/", "")

class Refused(Exception):
    """The whole class cannot be graded as asked (a message for the instructor)."""


# ---------------------------------------------------------------- submissions


@dataclass
class Submission:
    id: str
    source: Path
    files: dict[str, bytes] = field(default_factory=dict)  # lesson id -> the file's bytes
    notes: list[str] = field(default_factory=list)  # what was ignored, and why
    error: str = ""  # the submission could not be read at all
    nested: list[str] = field(default_factory=list)  # zips inside it (opened for the lessons still missing)

    def digest(self, grader: str, lessons: list[str]) -> str:
        h = hashlib.sha256(json.dumps([grader, lessons]).encode())
        for lesson in sorted(self.files):
            h.update(lesson.encode() + b"\0" + hashlib.sha256(self.files[lesson]).digest())
        return h.hexdigest()


def identical_files(submissions: list[Submission]) -> list[tuple[str, list[str]]]:
    """Lesson files that two or more submissions hold byte for byte, the lesson's stub aside (everyone starts
    from it): (lesson, the submissions' ids), by lesson. The same bytes are not proof of copying (two students
    may hand in the lesson's own code), but an instructor looks at them."""
    by_file: dict[tuple[str, str], list[str]] = {}
    for submission in submissions:
        for lesson, data in submission.files.items():
            by_file.setdefault((lesson, hashlib.sha256(data).hexdigest()), []).append(submission.id)
    stubs = {lesson.id: hashlib.sha256((course.STUBS / f"{lesson.id}.py").read_bytes()).hexdigest()
             for lesson in course.lessons()}
    return sorted((lesson, sorted(ids)) for (lesson, digest), ids in by_file.items()
                  if len(ids) > 1 and digest != stubs.get(lesson))


def submission_id(path: Path) -> str:
    """The folder or zip name, made safe as a folder name and a spreadsheet cell."""
    name = path.name[:-4] if path.suffix.lower() == ".zip" and path.is_file() else path.name
    return safe_id(name)


def safe_id(name: str) -> str:
    """A name made safe as a folder name and a spreadsheet cell."""
    return re.sub(r"[^\w.-]+", "_", name).lstrip(".-_") or "submission"


def _choose(found: dict[str, list[str]], submission: Submission, course_roots: set[str]) -> dict[str, str]:
    """Which copy of each lesson file is graded, with a note when there were several.

    A copy of the course itself (a folder with course.toml and graders/, as a
    student's clone of the assignment repository is) has its own lesson files
    in solutions/ and graders/lessons/stubs/: those are never the student's work. Of
    the rest, one in a folder named exercises/ first, then the shallowest,
    then the first by name.
    """
    chosen = {}
    for lesson, places in found.items():
        places = [place for place in places if not any(
            place.startswith(f"{root}{part}/") for root in course_roots for part in ("solutions", "graders"))]
        if not places:
            continue
        # exercises/ first; then a file named exactly so before an LMS-prefixed one, the latest copy an LMS
        # made (Canvas's client_flow-2.py) first; then the shallowest.
        places.sort(key=lambda place: ("exercises" not in place.split("/")[:-1],
                                       place.split("/")[-1] != f"{lesson}.py",
                                       -lms.parse(place.split("/")[-1]).copy, place.count("/"), place))
        chosen[lesson] = places[0]
        if len(places) > 1:
            shown = places[:5] + (["..."] if len(places) > 5 else [])  # where each is: which one won, among what
            submission.notes.append(messages.SUBMISSION_SEVERAL.format(count=len(places), lesson=lesson,
                                                                       places=messages.LIST_SEPARATOR.join(shown),
                                                                       chosen=places[0]))
    return chosen


def walk(path: Path, notes: list[str] | None = None):
    """(relative folder, its folder names, its file names) for every folder under `path`, bounded.

    Iterative (no recursion, whatever the depth), never through a symlink,
    skipping SKIP_DIRS and hidden folders, at most FOLDER_DEPTH_LIMIT folders
    deep and FOLDER_ENTRIES_LIMIT entries in all; what was not searched is
    said once in `notes`. A folder that cannot be listed is skipped.
    """
    pending = [("", 0)]
    seen = 0
    too_deep = False
    while pending:
        relative, depth = pending.pop()
        try:
            with os.scandir(path / relative if relative else path) as entries:
                listed = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
        except OSError:
            continue
        seen += len(listed)
        if seen > FOLDER_ENTRIES_LIMIT:
            if notes is not None:
                notes.append(messages.SUBMISSION_SEARCH_STOPPED.format(limit=FOLDER_ENTRIES_LIMIT))
            return
        dirs = sorted(name for name, is_dir in listed if is_dir)
        files = sorted(name for name, is_dir in listed if not is_dir)
        yield relative, dirs, files
        below = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        if below and depth >= FOLDER_DEPTH_LIMIT:
            too_deep = True
            continue
        pending.extend((f"{relative}{d}/", depth + 1) for d in reversed(below))
    if too_deep and notes is not None:
        notes.append(messages.SUBMISSION_TOO_DEEP.format(limit=FOLDER_DEPTH_LIMIT))


def read_folder(path: Path, lessons: list[str]) -> Submission:
    submission = Submission(submission_id(path), path)
    wanted = {f"{lesson}.py": lesson for lesson in lessons}
    found: dict[str, list[str]] = {}
    course_roots: set[str] = set()
    for folder, dirs, files in walk(path, submission.notes):
        if "course.toml" in files and "graders" in dirs:
            course_roots.add(folder)
        for name in files:
            lesson = lms.lesson_of(name, wanted)
            if lesson is None:
                if name.lower().endswith(".zip"):
                    submission.nested.append(folder + name)  # walk() gives folders relative to the submission
                elif (near := _near_miss(name, lessons)) is not None:
                    submission.notes.append(messages.SUBMISSION_NEAR_MISS.format(path=folder + name, lesson=near))
                continue
            relative = folder + name
            try:
                info = os.lstat(path / relative)
            except OSError as error:
                submission.notes.append(messages.SUBMISSION_UNREADABLE.format(path=relative, reason=error.strerror))
                continue
            if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
                submission.notes.append(messages.SUBMISSION_NOT_REGULAR.format(path=relative))
            elif info.st_size > LESSON_FILE_LIMIT:
                submission.notes.append(messages.SUBMISSION_TOO_LARGE.format(path=relative, limit=LESSON_FILE_LIMIT >> 20))
            else:
                found.setdefault(lesson, []).append(relative)
    for lesson, relative in _choose(found, submission, course_roots).items():
        try:
            # O_NOFOLLOW: a file swapped for a symlink after the walk is refused, not followed; O_NONBLOCK and
            # the check of what was opened: nor is one swapped for a FIFO or a device.
            fd = os.open(path / relative, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as f:
                if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                    submission.notes.append(messages.SUBMISSION_NOT_REGULAR.format(path=relative))
                    continue
                data = f.read(LESSON_FILE_LIMIT + 1)
        except OSError as error:
            submission.notes.append(messages.SUBMISSION_UNREADABLE.format(path=relative, reason=error.strerror))
            continue
        if len(data) > LESSON_FILE_LIMIT:
            submission.notes.append(messages.SUBMISSION_TOO_LARGE.format(path=relative, limit=LESSON_FILE_LIMIT >> 20))
        else:
            submission.files[lesson] = data
    _open_nested(submission, lessons, lambda relative: _read_capped(path / relative, ZIP_LIMIT))
    return submission


def _near_miss(name: str, lessons: list[str]) -> str | None:
    """The lesson a file not graded seems meant for (Client_Flow.py, server-flow.py, "recv_loop (1).py",
    graceful_close.py.txt, my_framing.py): told in a note, so that a misnamed file is not a silent zero."""
    letters = re.sub(r"[^a-z]", "", name.lower())
    for lesson in lessons:
        if re.sub(r"[^a-z]", "", lesson) in letters:
            return lesson
    return None


def _read_capped(file: Path, limit: int) -> bytes:
    """A regular file's bytes, never through a symlink, never more than `limit` (OSError past it)."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise OSError(0, "not a regular file")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise OSError(0, f"larger than {limit >> 20} MiB")
    return data


def _open_nested(submission: Submission, lessons: list[str], load) -> None:
    """Look into the zips inside a submission (one level, NESTED_LIMIT of them) for the lessons still missing.

    A student who zipped a folder holding their zip, or an LMS that wrapped the student's zip in its own,
    must not get a silent 0.
    """
    missing = [lesson for lesson in lessons if lesson not in submission.files]
    if not missing or not submission.nested:
        return
    for place in sorted(submission.nested, key=lambda place: (place.count("/"), place))[:NESTED_LIMIT]:
        try:
            data = load(place)
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
            submission.notes.append(messages.SUBMISSION_NESTED_BROKEN.format(
                name=place, reason=getattr(error, "strerror", None) or str(error)))
            continue
        inner = read_zip(Path(place), missing, blob=data, nested=False)
        if inner.error:
            submission.notes.append(messages.SUBMISSION_NESTED_BROKEN.format(name=place, reason=inner.error))
        submission.notes += [f"{place}: {note}" for note in inner.notes]
        for lesson, content in inner.files.items():
            submission.files.setdefault(lesson, content)
        missing = [lesson for lesson in lessons if lesson not in submission.files]
        if not missing:
            return
    if len(submission.nested) > NESTED_LIMIT:  # lessons still missing, and zips left unopened: say so
        submission.notes.append(messages.SUBMISSION_NESTED_TOO_MANY.format(count=len(submission.nested),
                                                                           limit=NESTED_LIMIT))


def _unsafe_member(name: str) -> str:
    """Why a zip member's path may not be used, or '' when it may."""
    posix = name.replace("\\", "/")
    parts = PurePosixPath(posix).parts
    if posix.startswith("/") or (parts and re.match(r"^[A-Za-z]:", parts[0])):
        return messages.SUBMISSION_ABSOLUTE
    if ".." in parts:
        return messages.SUBMISSION_DOTDOT
    return ""


def read_zip(path: Path, lessons: list[str], blob: bytes | None = None, nested: bool = True) -> Submission:
    """Read a zip (from `path`, or from `blob` for a zip found inside another); `nested`: open zips inside it."""
    submission = Submission(submission_id(path) if blob is None else safe_id(path.stem), path)
    size = path.stat().st_size if blob is None else len(blob)
    if size > ZIP_LIMIT:
        submission.error = messages.SUBMISSION_ZIP_TOO_LARGE.format(size=size / (1 << 20), limit=ZIP_LIMIT >> 20)
        return submission
    wanted = {f"{lesson}.py": lesson for lesson in lessons}
    try:
        with zipfile.ZipFile(path if blob is None else io.BytesIO(blob)) as archive:
            members = archive.infolist()
            if len(members) > ZIP_MEMBERS_LIMIT:
                submission.error = messages.SUBMISSION_ZIP_TOO_MANY.format(count=len(members), limit=ZIP_MEMBERS_LIMIT)
                return submission
            found: dict[str, list[str]] = {}
            by_name = {}
            names = {info.filename.replace("\\", "/") for info in members}
            graders_parents = {name[:match.end() - len("graders/")] for name in names
                               for match in re.finditer(r"(?:^|/)graders/", name)}
            course_roots = {name[:-len("course.toml")] for name in names
                            if name.split("/")[-1] == "course.toml" and name[:-len("course.toml")] in graders_parents}
            for info in members:
                if info.is_dir():
                    continue
                name = info.filename
                unsafe = _unsafe_member(name)
                if unsafe:
                    submission.notes.append(messages.SUBMISSION_MEMBER_UNSAFE.format(name=name, why=unsafe))
                    continue
                posix = PurePosixPath(name.replace("\\", "/"))
                if any(p in SKIP_DIRS or p.startswith(".") for p in posix.parts[:-1]):
                    continue
                lesson = lms.lesson_of(posix.name, wanted)
                if lesson is None:
                    if nested and posix.name.lower().endswith(".zip") and not stat.S_ISLNK(info.external_attr >> 16):
                        submission.nested.append(name.replace("\\", "/"))
                        by_name[name.replace("\\", "/")] = info
                    continue
                if stat.S_ISLNK(info.external_attr >> 16):
                    submission.notes.append(messages.SUBMISSION_MEMBER_LINK.format(name=name))
                elif info.file_size > LESSON_FILE_LIMIT:
                    submission.notes.append(messages.SUBMISSION_MEMBER_TOO_LARGE.format(name=name, limit=LESSON_FILE_LIMIT >> 20))
                else:
                    found.setdefault(lesson, []).append(name.replace("\\", "/"))
                    by_name[name.replace("\\", "/")] = info
            for lesson, name in _choose(found, submission, course_roots).items():
                with archive.open(by_name[name]) as member:
                    data = member.read(LESSON_FILE_LIMIT + 1)  # never trust the declared size
                if len(data) > LESSON_FILE_LIMIT:
                    submission.notes.append(messages.SUBMISSION_MEMBER_TOO_LARGE.format(name=name, limit=LESSON_FILE_LIMIT >> 20))
                else:
                    submission.files[lesson] = data

            def load(place: str) -> bytes:
                if by_name[place].file_size > ZIP_LIMIT:
                    raise ValueError(f"larger than {ZIP_LIMIT >> 20} MiB")
                with archive.open(by_name[place]) as member:
                    content = member.read(ZIP_LIMIT + 1)
                if len(content) > ZIP_LIMIT:
                    raise ValueError(f"larger than {ZIP_LIMIT >> 20} MiB")
                return content

            _open_nested(submission, lessons, load)
    except Exception as error:  # BadZipFile, zlib.error, an encrypted member...: the submission's problem
        submission.files.clear()
        submission.error = messages.SUBMISSION_ZIP_BROKEN.format(reason=f"{type(error).__name__}: {error}")
    return submission


def read_submission(path: Path, lessons: list[str]) -> Submission:
    """The submission's lesson files; whatever goes wrong reading it is its own row's error, never the class's."""
    try:
        if path.is_dir():
            return read_folder(path, lessons)
        if path.is_file() and zipfile.is_zipfile(path):
            return read_zip(path, lessons)
    except (OSError, RecursionError, MemoryError, ValueError) as error:
        return Submission(submission_id(path), path,
                          error=messages.SUBMISSION_UNREADABLE.format(path=path.name, reason=f"{type(error).__name__}: {error}"))
    if path.suffix == ".py" and path.is_file():
        return Submission(submission_id(path), path, error=messages.SUBMISSION_LOOSE_FILE)
    if path.suffix.lower() == ".zip" and path.is_file():  # named a zip, not one: a broken upload, not a wrong kind
        return Submission(submission_id(path), path,
                          error=messages.SUBMISSION_ZIP_BROKEN.format(reason=messages.ZIP_NOT_AN_ARCHIVE))
    return Submission(submission_id(path), path, error=messages.SUBMISSION_NEITHER)


# An LMS's "download all": files named student_..._client_flow.py (graders/platforms/lms.py), one submission per student.


def _read_group(student: str, items: list[tuple[str, object]], lessons: list[str], source: Path) -> Submission:
    """One student's submission from the LMS-prefixed items of a class download.

    Each item is (its name, a folder Path) or (its name, a function returning its bytes, capped): lesson
    files by their name once the prefix is gone (the latest copy the LMS made), zips and folders read as
    submissions of their own, for the lessons still missing.
    """
    submission = Submission(safe_id(student), source)
    wanted = {f"{lesson}.py": lesson for lesson in lessons}
    direct: dict[str, list[tuple[int, str, object]]] = {}
    containers = []
    for name, item in items:
        lesson = lms.lesson_of(name, wanted)
        if lesson is not None and callable(item):
            direct.setdefault(lesson, []).append((lms.parse(name).copy, name, item))
        elif isinstance(item, Path) or name.lower().endswith(".zip"):
            containers.append((name, item))
    for lesson, copies in direct.items():
        copy, name, load = max(copies, key=lambda entry: entry[0])
        try:
            submission.files[lesson] = load(LESSON_FILE_LIMIT)
        except (OSError, ValueError) as error:
            submission.notes.append(messages.SUBMISSION_UNREADABLE.format(
                path=name, reason=getattr(error, "strerror", None) or str(error)))
    containers.sort(key=lambda entry: -lms.parse(entry[0]).copy)  # the latest upload (Canvas's -1, -2) first
    for name, item in containers:
        missing = [lesson for lesson in lessons if lesson not in submission.files]
        if not missing:
            break
        try:
            inner = read_folder(item, missing) if isinstance(item, Path) else read_zip(Path(name), missing,
                                                                                        blob=item(ZIP_LIMIT))
        except (OSError, ValueError) as error:
            submission.notes.append(messages.SUBMISSION_NESTED_BROKEN.format(
                name=name, reason=getattr(error, "strerror", None) or str(error)))
            continue
        if inner.error:
            submission.notes.append(f"{name}: {inner.error}")
        submission.notes += [f"{name}: {note}" for note in inner.notes]
        for lesson, content in inner.files.items():
            submission.files.setdefault(lesson, content)
    return submission


def _file_loader(path: Path):
    return lambda limit: _read_capped(path, limit)


def _lms_folder(path: Path, others: list[str]) -> dict[str, list[tuple[str, object]]]:
    """A folder's top-level entries grouped by the student their LMS prefix names (bounded); the names of the
    other entries go into `others`."""
    groups: dict[str, list[tuple[str, object]]] = {}
    with os.scandir(path) as entries:
        for count, entry in enumerate(entries):
            if count >= FOLDER_ENTRIES_LIMIT:
                break
            student = lms.student_of(entry.name, folder=entry.is_dir(follow_symlinks=False))
            if not student or entry.is_symlink():
                if not entry.name.startswith(".") and entry.name not in SKIP_DIRS:
                    others.append(entry.name)
                continue
            item = Path(entry.path) if entry.is_dir(follow_symlinks=False) else _file_loader(Path(entry.path))
            groups.setdefault(student, []).append((entry.name, item))
    return groups


def _lms_zip(path: Path, others: list[str]) -> dict[str, list[tuple[str, object]]]:
    """A zip's top-level members grouped by the student their LMS prefix names (Canvas's submissions.zip)."""
    groups: dict[str, list[tuple[str, object]]] = {}
    if path.stat().st_size > ZIP_LIMIT:
        return groups
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except Exception:  # not readable: read_zip says why
        return groups
    if len(members) > ZIP_MEMBERS_LIMIT:
        return groups
    for info in members:
        name = info.filename.replace("\\", "/")
        student = lms.student_of(name)
        if "/" in name or info.is_dir() or not student or stat.S_ISLNK(info.external_attr >> 16):
            top = name.split("/", 1)[0]
            if top and not top.startswith(".") and top not in SKIP_DIRS and top not in others:
                others.append(top)
            continue

        def load(limit: int, info: zipfile.ZipInfo = info) -> bytes:
            if info.file_size > limit:
                raise ValueError(f"larger than {limit >> 20} MiB")
            with zipfile.ZipFile(path) as archive, archive.open(info) as member:
                data = member.read(limit + 1)
            if len(data) > limit:
                raise ValueError(f"larger than {limit >> 20} MiB")
            return data

        groups.setdefault(student, []).append((name, load))
    return groups


def read_submissions(paths: list[Path], lessons: list[str], say=None) -> list[Submission]:
    """Every submission the arguments hold: a folder or zip each, except an LMS's files, one per student.

    Arguments whose names carry an LMS prefix (the files of an unzipped "download all") are grouped by
    student; a folder or zip whose top level holds LMS-prefixed files of two students or more is a whole
    class download, split the same way (`say` is told what such a download held besides).
    """
    submissions: list[Submission] = []
    loose: dict[str, list[tuple[str, object]]] = {}
    sources: dict[str, Path] = {}
    for path in paths:
        # Loose lesson files are grouped by the student their prefix names; a zip or folder only where the prefix
        # cannot be anything else (Moodle's, Blackboard's): "lab1_2026_03_alice.zip" looks like Canvas's
        # "lab1_2026_03_..." and is one submission of its own, never merged with "lab1_2026_03_bob.zip".
        parsed = lms.parse(path.name)
        student = lms.student_of(path.name, folder=path.is_dir())
        if student and (path.suffix == ".py" or parsed.system in ("moodle", "blackboard")) \
                and not path.is_symlink() and (path.is_dir() or path.is_file()):
            loose.setdefault(student, []).append((path.name, path if path.is_dir() else _file_loader(path)))
            sources.setdefault(student, path)
            continue
        groups, others = {}, []
        try:
            if path.is_dir():
                groups = _lms_folder(path, others)
            elif path.is_file() and zipfile.is_zipfile(path):
                groups = _lms_zip(path, others)
        except OSError:
            groups = {}
        if len(groups) >= 2:
            submissions += [_read_group(student, items, lessons, path) for student, items in groups.items()]
            if others and say:
                shown = ", ".join(sorted(others)[:10]) + (", ..." if len(others) > 10 else "")
                say(f"Note: {path} is an LMS download, graded as {len(groups)} submissions (one per student, by "
                    f"the prefix of its file names). Not graded, having no such prefix: {shown}. Pass them "
                    f"separately if they are submissions.")
        else:
            submissions.append(read_submission(path, lessons))
    submissions += [_read_group(student, items, lessons, sources[student]) for student, items in loose.items()]
    return submissions


# ---------------------------------------------------------------- grading one


def grader_version() -> str:
    """The grader's git commit (or the one a bundle was built from), or 'unknown'."""
    baked = ROOT / "GRADER_VERSION"
    if baked.is_file():
        return baked.read_text().strip() or "unknown"
    try:
        proc = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, timeout=10)
        if proc.returncode != 0:
            return "unknown"
        version = proc.stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "graders", "course.toml",
                                "solutions", "pyproject.toml"], capture_output=True, text=True, timeout=10)
        return version + ("+changes" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def grader_digest() -> str:
    """A hash of everything that decides a grade: a re-run re-grades when any of it changed."""
    h = hashlib.sha256()
    files = sorted([*(ROOT / "graders").rglob("*.py"), *(ROOT / "solutions").glob("*.py"), ROOT / "course.toml"])
    for file in files:
        if "__pycache__" not in file.parts:
            h.update(file.relative_to(ROOT).as_posix().encode() + b"\0" + file.read_bytes())
    return h.hexdigest()


def _kill_leftovers(marker: str) -> None:
    """Kill any process still carrying this run's scratch folder in its environment or command line.

    The backstop for a run stopped at its bound: pytest was killed before it
    could stop the student's processes, which live in process groups of their own.
    """
    if not os.path.isdir("/proc"):
        return
    needle = marker.encode()
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            seen = Path(f"/proc/{pid}/environ").read_bytes() + Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if needle in seen:
            try:
                os.kill(int(pid), signal.SIGKILL)
            except OSError:
                pass


@dataclass
class Outcome:
    """What one grading process gave: its results (or none), its report, and what went wrong."""

    results: dict | None
    feedback: str
    error: str = ""
    seconds: float = 0.0
    stopped: bool = False  # stopped at the bound (--timeout): the submission hung or was too slow as a whole


class Grader:
    """Runs grading processes, each in a session of its own, and can stop them all."""

    def __init__(self, python: str = sys.executable, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.python = python
        self.timeout = timeout
        self.running: set[subprocess.Popen] = set()
        self.lock = threading.Lock()
        self.stopping = False
        self.allow_unisolated = True  # grade_class() sets it: rows graded at 'basic' are then flagged
        self.pcap = False  # --pcap: each submission's packets go to <out>/<id>/packets/, one file per conversation

    def grade(self, files: dict[str, bytes], lessons: list[str], extra: list[str] | None = None) -> Outcome:
        """Grade these lesson files (written fresh into a scratch folder) on these lessons."""
        scratch = Path(tempfile.mkdtemp(prefix="grade-class-"))
        try:
            target = scratch / "submission"
            target.mkdir()
            for lesson, data in files.items():
                (target / f"{lesson}.py").write_bytes(data)
            tmp = scratch / "tmp"
            tmp.mkdir()
            results_path = scratch / "results.json"
            env = {key: os.environ[key] for key in ENV_KEEP if key in os.environ}
            env.update(NO_COLOR="1", TMPDIR=str(tmp), GRADE_CLASS_RUN=str(scratch))
            command = [self.python, "-m", "pytest", *course.grading_args(lessons, target, results_path),
                       *(extra or [])]
            started = time.monotonic()
            output, error = self._run(command, env, scratch)
            seconds = time.monotonic() - started
            results = None
            if error:
                pass  # stopped at the bound: whatever it wrote on the way out is not a grade
            elif results_path.is_file() and not results_path.is_symlink():
                if results_path.stat().st_size > RESULTS_LIMIT:
                    error = f"the results file was over {RESULTS_LIMIT >> 20} MiB: not read"
                else:
                    try:
                        # The scratch path means nothing once it is gone: messages name the file alone.
                        text = _unscratched(results_path.read_text(encoding="utf-8"), target)
                        results = json.loads(text.replace(str(target), "submission"))
                    except ValueError as problem:
                        error = f"the results file was not valid JSON ({problem})"
            if results is None and not error:
                tail = "\n".join(output.strip().splitlines()[-5:])
                error = f"the grader wrote no results; its last words: {tail}"
            feedback = untrusted.clean(_unscratched(ANSI.sub("", output), target).replace(str(target), "submission"))
            if len(feedback) > FEEDBACK_LIMIT:
                feedback = feedback[:FEEDBACK_LIMIT] + "\n(cut: the report was longer than 1 MiB)\n"
            return Outcome(results, feedback, error, seconds,
                           stopped=error == messages.SUBMISSION_STOPPED.format(limit=self.timeout))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def _run(self, command: list[str], env: dict, scratch: Path) -> tuple[str, str]:
        """Run one grading process to its end or its bound; (output, error or '')."""
        with self.lock:
            if self.stopping:
                return "", "grading was interrupted"
            proc = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, start_new_session=True)
            self.running.add(proc)
        error = ""
        try:
            out, _ = proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            error = messages.SUBMISSION_STOPPED.format(limit=self.timeout)
            self._stop(proc)
            try:
                out, _ = proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                out = b""
        finally:
            with self.lock:
                self.running.discard(proc)
            _kill_leftovers(str(scratch))
        if self.stopping and not error:
            error = "grading was interrupted"
        return (out or b"").decode("utf-8", errors="replace"), error

    def _stop(self, proc: subprocess.Popen) -> None:
        """SIGINT first (pytest then stops the student's processes itself), SIGKILL the group after a grace."""
        try:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=KILL_GRACE)
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass

    def stop_all(self) -> None:
        with self.lock:
            self.stopping = True
            running = list(self.running)
        for proc in running:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass


# ---------------------------------------------------------------- the class


def probe() -> str:
    """The isolation level grading runs on this machine get (COURSE_ISOLATION may force a lower one).

    Asked before any student's code runs, so a refusal costs nothing; each
    grading run probes again itself and records its level in its results.
    """
    try:
        return sandbox.probe(os.environ.get("COURSE_ISOLATION") or None).level
    except ValueError as error:
        raise Refused(str(error)) from None


def refuse_basic(level: str, allow_unisolated: bool) -> None:
    if level == "basic" and not allow_unisolated:
        raise Refused(
            "This machine gives the grader only the 'basic' isolation level (resource limits, no separate user "
            "or namespaces), so a hostile submission could interfere with the grader or with other submissions. "
            "On Linux, install bubblewrap (apt install bubblewrap): as an ordinary user it gives the 'userns' "
            "level, as root the 'full' level (as root without it: 'uid'). Or pass --allow-unisolated to grade "
            "anyway (every row then says 'basic').")


def lesson_counts(results: dict | None) -> dict[str, tuple[int, int]]:
    counts: dict[str, tuple[int, int]] = {}
    for record in result.checks(results):
        passed, total = counts.get(record["lesson"], (0, 0))
        counts[record["lesson"]] = (passed + result.passed(record), total + 1)
    return counts


def status_of(submission: Submission, outcome: Outcome | None) -> str:
    if submission.error:
        return "unreadable"
    if outcome is None or outcome.stopped:
        return "stopped" if outcome else "unreadable"
    if outcome.results is None:
        return "failed"
    by_lesson: dict[str, list[result.CheckResult]] = {}
    for record in result.checks(outcome.results):
        by_lesson.setdefault(record["lesson"], []).append(record)
    # Not started: every lesson's functions still raise NotImplementedError, or its file is missing.
    started = any(class_report.lesson_state(records) != "not-started" for records in by_lesson.values())
    return "graded" if started else "not-started"


def make_row(submission: Submission, outcome: Outcome | None, version: str, totals: dict[str, int],
             lessons: list[str]) -> dict:
    results = outcome.results if outcome else None
    counts = lesson_counts(results)
    row = {"id": submission.id}
    for lesson in lessons:
        row[lesson] = f"{counts[lesson][0]}/{counts[lesson][1]}" if lesson in counts else ""
    problems = [submission.error] if submission.error else []
    if outcome and outcome.error:
        problems.append(outcome.error)
    problems += submission.notes
    if results is not None and not submission.files:
        problems.insert(0, messages.SUBMISSION_NO_LESSON_FILE.format(names=", ".join(f"{lesson}.py" for lesson in lessons)))
    row.update(
        points=results.get("points", 0) if results else 0,
        total=results.get("max_points", 0) if results else sum(totals.values()),
        isolation=reports.isolation(results) if results else "",
        grader_version=version,
        status=status_of(submission, outcome),
        error="; ".join(problems),
    )
    return row


def write_feedback(folder: Path, submission: Submission, row: dict, outcome: Outcome | None) -> None:
    lines = [messages.FEEDBACK_TITLE.format(id=submission.id), "",
             messages.FEEDBACK_POINTS.format(points=row["points"], total=row["total"])]
    if row["error"]:  # names of the submission's files: student text, inside a fence like the rest
        lines += ["", messages.FEEDBACK_NOTE.format(note="").rstrip(), "", untrusted.markdown_code(row["error"])]
    if outcome and outcome.feedback.strip():
        lines += ["", untrusted.markdown_code(outcome.feedback.strip("\n"))]
    reports.write_file(folder / "feedback.md", "\n".join(lines) + "\n")


def grade_one(grader: Grader, submission: Submission, out: Path, lessons: list[str], version: str,
              totals: dict[str, int], key: str) -> tuple[dict, bool]:
    """Grade one submission into out/<id>/ unless it is unchanged; (its row, whether it was skipped)."""
    folder = out / submission.id
    saved = folder / "row.json"
    if saved.is_file():
        try:
            previous = json.loads(saved.read_text())
            if previous.get("key") == key and previous.get("final") and previous.get("row", {}).get("id") == submission.id:
                return previous["row"], True
        except ValueError:
            pass
    extra = ["--pcap", str(folder / "packets")] if grader.pcap else None
    outcome = None if submission.error else grader.grade(submission.files, lessons, extra)
    if (outcome and outcome.results is not None and reports.isolation(outcome.results) == "basic"
            and not grader.allow_unisolated):  # the machine gave less than the probe said: say so, grade again
        outcome.error = messages.SUBMISSION_UNISOLATED
    row = make_row(submission, outcome, version, totals, lessons)
    if grader.stopping:  # interrupted: nothing half-done is written; a re-run grades it
        return row, False
    folder.mkdir(parents=True, exist_ok=True)
    if outcome and outcome.results is not None:
        reports.write_file(folder / "results.json", reports.to_json(outcome.results))
    else:
        (folder / "results.json").unlink(missing_ok=True)
    write_feedback(folder, submission, row, outcome)
    # Final: the grade would be the same next time. Not final: stopped at the bound, or the grader failed;
    # a re-run (perhaps with a longer --timeout) grades it again.
    final = bool(submission.error) or (outcome is not None and not outcome.error)
    reports.write_file(saved, json.dumps({"key": key, "final": final, "row": row}, ensure_ascii=False) + "\n")
    return row, False


class Progress:
    """One line, rewritten in place, on a terminal only."""

    def __init__(self, total: int, stream=sys.stdout) -> None:
        self.total, self.stream, self.started = total, stream, time.monotonic()
        self.done = self.skipped = self.errors = 0
        self.live = stream.isatty()

    def update(self, row: dict, skipped: bool) -> None:
        self.done += 1
        self.skipped += skipped
        self.errors += bool(row["error"])
        if not self.live:
            return
        elapsed = time.monotonic() - self.started
        graded = self.done - self.skipped
        rate = graded / elapsed * 60 if elapsed > 0 and graded else 0
        left = (self.total - self.done) / (graded / elapsed) if graded else 0
        line = (f"  {self.done}/{self.total} done ({self.skipped} unchanged, {self.errors} with errors)"
                f"  {rate:.0f}/min  about {left:.0f} s left  last: {row['id']}")
        self.stream.write("\r\x1b[K" + line[:150])
        self.stream.flush()

    def finish(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def write_csv(path: Path, rows: list[dict], lessons: list[str]) -> None:
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS_BEFORE + lessons + FIELDS_AFTER, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: untrusted.csv_cell(value) for key, value in row.items()} for row in rows)
    reports.write_file(path, out.getvalue())


def _looks_like_a_class(submission: Submission, lessons: list[str]) -> bool:
    """Lesson files under three or more different top-level folders (or zips): a class passed as one submission."""
    if not submission.source.is_dir():
        return False
    if any((submission.source / marker).exists() for marker in (".git", "course.toml", "exercises")):
        return False  # a student's repository (a Classroom clone, a copy of the course): one submission
    wanted = {f"{lesson}.py" for lesson in lessons}
    holders = set()
    for folder, _dirs, files in walk(submission.source):  # bounded: a folder 3000 deep is no class
        top = folder.split("/", 1)[0]
        if not folder:
            holders |= {name for name in files if name.lower().endswith(".zip")}
        elif wanted & set(files):
            holders.add(top)
        if len(holders) >= 3:
            return True
    return False


def _earlier_rows(out: Path, ids: set[str], lessons: list[str]) -> dict[str, dict]:
    """The rows an earlier run wrote into `out` (<id>/row.json) for submissions not graded in this run, where
    they cover the same lessons: a re-run of part of a class keeps the rest of its gradebook."""
    kept = {}
    for saved in sorted(out.glob("*/row.json")):
        try:
            row = json.loads(saved.read_text()).get("row", {})
        except (OSError, ValueError):
            continue
        if row.get("id") and row["id"] not in ids and saved.parent.name == row["id"] and all(
                lesson in row for lesson in lessons):
            kept[row["id"]] = row
    return kept


def grade_class(paths: list[Path], out: Path, *, lessons: list[str], jobs: int, timeout: float,
                allow_unisolated: bool, python: str = sys.executable, say=print, pcap: bool = False) -> list[dict]:
    """Grade every submission; write the gradebook, the feedback and the report; return the rows."""
    started = time.monotonic()
    printer = say

    def say(text: str) -> None:  # folder names and notes are the students' text: no control sequence gets out
        printer(untrusted.clean(text))

    if out.exists() and not out.is_dir():
        raise Refused(f"--out {out}: that is a file; give a folder (it is made if it does not exist).")
    if any(path.resolve() == out.resolve() for path in paths):  # `submissions/*` with --out submissions/graded
        say(f"Note: {out} is the output folder, not a submission: skipped.")
        paths = [path for path in paths if path.resolve() != out.resolve()]
    inside = [path for path in paths if path.is_dir() and path.resolve() in out.resolve().parents]
    if inside:  # its feedback would become part of that submission at the next run
        raise Refused(f"--out {out} is inside the submission {inside[0]}: choose a folder outside the submissions.")
    unique: dict[Path, Path] = {}
    for path in paths:
        if path.resolve() in unique:
            say(f"Note: {path} was given more than once: graded once.")
        else:
            unique[path.resolve()] = path
    paths = list(unique.values())
    submissions = read_submissions(paths, lessons, say)
    ids: dict[str, Path] = {}
    for submission in submissions:
        if submission.id in ids:
            raise Refused(f"Two submissions would both be called {submission.id!r}: {ids[submission.id]} and "
                          f"{submission.source}. Rename one (the id is the folder or zip name).")
        ids[submission.id] = submission.source
    for submission in submissions:
        if _looks_like_a_class(submission, lessons):
            say(f"Note: {submission.source} holds lesson files in several folders of its own: is it a folder of "
                f"submissions? Then pass each one: nox -s grade-class -- {submission.source}/* --out {out}")
    level = probe()
    refuse_basic(level, allow_unisolated)
    grader = Grader(python, timeout)
    grader.allow_unisolated = allow_unisolated
    grader.pcap = pcap
    totals = {lesson: count for lesson, count in classroom.checks_per_lesson().items() if lesson in lessons}
    version, digest = grader_version(), grader_digest()
    out.mkdir(parents=True, exist_ok=True)
    say(f"Grading {len(submissions)} submission(s), {jobs} at a time, lessons {', '.join(lessons)}; "
        f"isolation level {level}; grader {version}.")
    progress = Progress(len(submissions))
    rows: dict[str, dict] = {}
    skipped = 0
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
    try:
        edition = f"{digest}:{lang.current()}"  # feedback in another edition is another grading
        futures = {pool.submit(grade_one, grader, submission, out, lessons, version, totals,
                               submission.digest(edition, lessons)): submission for submission in submissions}
        for future in concurrent.futures.as_completed(futures):
            try:
                row, was_skipped = future.result()
            except Exception as error:  # noqa: BLE001 - one submission's failure is its row, never the class's
                submission = futures[future]
                submission.error = messages.SUBMISSION_UNREADABLE.format(
                    path=submission.source.name, reason=f"{type(error).__name__}: {error}")
                row, was_skipped = make_row(submission, None, version, totals, lessons), False
            rows[row["id"]] = row
            skipped += was_skipped
            progress.update(row, was_skipped)
    except KeyboardInterrupt:
        grader.stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        progress.finish()
        raise
    pool.shutdown(wait=True)
    progress.finish()
    kept = _earlier_rows(out, set(rows), lessons)
    if kept:
        say(f"Kept {len(kept)} row(s) of an earlier run into {out} (submissions not given this time): "
            f"{', '.join(sorted(kept)[:5])}{' ...' if len(kept) > 5 else ''}. Delete their folders there to drop them.")
    graded = len(rows) - skipped  # graded in this run: not the rows kept from an earlier one, nor the skipped
    rows.update(kept)
    ordered = [rows[key] for key in sorted(rows)]
    write_csv(out / "grades.csv", ordered, lessons)
    same = identical_files(submissions)
    reports.write_file(out / "report.html", class_report.render(ordered, lessons, out, same))
    elapsed = time.monotonic() - started
    points = sorted(row["points"] for row in ordered if row.get("status") in ("graded", "not-started"))
    errors = [row for row in ordered if row["error"]]
    rate = f" ({graded / elapsed * 60:.0f} a minute)" if graded else ""
    say(f"Done in {elapsed:.1f} s: {graded} graded now{rate}, {skipped} unchanged since the last run (skipped)"
        + (f", {len(kept)} kept from an earlier run" if kept else "") + f"; {len(errors)} with a note in the error column.")
    statuses = {status: sum(row.get("status") == status for row in ordered) for status in STATUSES}
    say("Status: " + ", ".join(f"{count} {status}" for status, count in statuses.items() if count)
        + " (the status column of grades.csv; not-started: every lesson untouched; stopped: hung past --timeout).")
    if points:
        say(f"Points, of the {len(points)} submissions with a grade (report.html's figures): median "
            f"{points[len(points) // 2]}/{ordered[0]['total'] or sum(totals.values())}, lowest {points[0]}, "
            f"highest {points[-1]}.")
    for row in errors[:10]:
        say(f"  {row['id']}: {row['error'][:200]}")
    if len(errors) > 10:
        say(f"  ... and {len(errors) - 10} more (grades.csv, column 'error').")
    if same:
        say(f"Identical lesson files (the same bytes in several submissions, the stub aside; report.html lists them "
            f"all): {len(same)}")
        for lesson, ids in same[:10]:
            say(f"  {lesson}.py: {', '.join(ids[:8])}{' ...' if len(ids) > 8 else ''}")
    say(f"Gradebook: {out / 'grades.csv'}\nReport:    {out / 'report.html'}\nFeedback:  {out}/<id>/feedback.md")
    return ordered


def cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    known = [lesson.id for lesson in course.lessons()]
    parser = argparse.ArgumentParser(prog="nox -s grade-class --", description=__doc__.splitlines()[0],
                                     epilog="--lang zh (or COURSE_LANG=zh): the feedback in Chinese.")
    parser.add_argument("submissions", nargs="+", type=Path, help="folders or .zip files, one per student")
    parser.add_argument("--out", required=True, type=Path, help="folder for grades.csv, report.html and feedback")
    parser.add_argument("--jobs", type=int, default=2 * cores(), help="submissions graded at once "
                        "(default: twice the number of cores)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=f"wall-clock bound for one submission, in seconds (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--lesson", dest="lessons", action="append", choices=known, metavar="LESSON",
                        help=f"grade only this lesson (repeatable; default: all of {', '.join(known)})")
    parser.add_argument("--allow-unisolated", action="store_true",
                        help="grade even when the machine gives only the 'basic' isolation level")
    parser.add_argument("--pcap", action="store_true",
                        help="also write each submission's packets to OUT/<id>/packets/, one pcap file per conversation")
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.submissions if not path.exists()]
    if missing:
        parser.error("no such file or folder: " + ", ".join(missing))
    if args.jobs < 1 or args.timeout <= 0:
        parser.error("--jobs and --timeout must be positive")
    out = args.out.resolve()
    lessons = [lesson for lesson in known if lesson in (args.lessons or known)]
    signal.signal(signal.SIGTERM, _interrupted)  # stopped by a scheduler or `kill`: clean up as for Ctrl-C
    signal.signal(signal.SIGINT, _interrupted)  # even where the shell started us with Ctrl-C ignored
    try:
        grade_class(args.submissions, out, lessons=lessons, jobs=args.jobs, timeout=args.timeout,
                    allow_unisolated=args.allow_unisolated, pcap=args.pcap)
    except Refused as refused:
        print(f"grade-class: {untrusted.clean(refused)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ngrade-class: interrupted; every grading process was stopped. Re-run to finish: what was "
              "graded is kept.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
