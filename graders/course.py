"""The course manifest (course.toml): lesson order, titles, texts and hints.

Each lesson has its `title`, `text` and `hints` here in English; another
edition translates the title and hints in its catalogue (msgctxt
`COURSE[<id>][title]`, `COURSE[<id>][hints][N]`, graders/text/lang.py) and has
the text under `lessons/<code>/`, the same file name. `lessons()` gives them
in the edition COURSE_LANG selects.
"""

from __future__ import annotations

import copy
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from graders.text import lang

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "course.toml"
SOLUTIONS = ROOT / "solutions"
# The student's folder. COURSE_EXERCISES points elsewhere (the tests of the
# progress tools use a scratch copy, so they never touch a student's work).
EXERCISES = Path(os.environ.get("COURSE_EXERCISES", ROOT / "exercises"))
# The stubs as shipped: exercises/ starts as a copy and becomes the student's
# work; `nox -s reset` restores a lesson from here, and the graders' own tests
# grade these, so they hold whatever the student has done.
STUBS = ROOT / "graders" / "lessons" / "stubs"


@dataclass(frozen=True)
class Lesson:
    number: int
    id: str
    title: str
    text: str
    hints: tuple[str, ...]

    @property
    def grader(self) -> Path:
        return ROOT / "graders" / "lessons" / f"test_{self.id}.py"


def parts(lesson_id: str) -> dict[str, Path]:
    """Every file a lesson is made of, by what it is: what adding a lesson means (ARCHITECTURE.md).

    Besides these files, a lesson has its entry in course.toml (title, text,
    hints, in each edition), its check titles and hint ladders in the text
    layer (graders/text/messages*.py, graders/text/hints*.py), and at least one
    known-buggy submission per check. `tests/test_consistency.py` names
    whatever is missing.
    """
    entry = next((e for e in manifest() if e["id"] == lesson_id), {})
    return {
        "stub": ROOT / "exercises" / f"{lesson_id}.py",
        "stub as shipped": STUBS / f"{lesson_id}.py",
        "reference solution": SOLUTIONS / f"{lesson_id}.py",
        "lesson text": ROOT / "lessons" / entry.get("text", f"{lesson_id}.md"),
        **{f"lesson text ({code})": ROOT / "lessons" / code / entry.get("text", f"{lesson_id}.md")
           for code in lang.EDITIONS if code != lang.DEFAULT},
        "grader (checks and reference peers)": ROOT / "graders" / "lessons" / f"test_{lesson_id}.py",
        "catalogue": ROOT / "tests" / f"test_catalogue_{lesson_id}.py",
        "catalogue's submissions": ROOT / "tests" / "submissions" / lesson_id,
    }


def manifest() -> list[dict]:
    """The lessons' entries as written in course.toml, every edition's fields (a copy: the caller's to change).

    Parsed once per version of the file (its size and modification time): a whole-course grading asks
    about twenty times, and `nox -s new-lesson` writes the file in the same process that reads it again.
    """
    stat = MANIFEST.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    if _PARSED.get("key") != key:
        with open(MANIFEST, "rb") as f:
            _PARSED.update(key=key, lessons=tomllib.load(f)["lesson"])
    return copy.deepcopy(_PARSED["lessons"])


_PARSED: dict = {}  # manifest()'s last parse of MANIFEST and the file's version it was made from


def english() -> dict:
    """The lessons' texts of the English edition, as the catalogues name them (`COURSE[<id>][title]`, ...)."""
    return {"COURSE": {entry["id"]: {"title": entry["title"], "hints": tuple(entry.get("hints", ()))}
                       for entry in manifest()}}


def lessons(edition: str | None = None) -> list[Lesson]:
    """The lessons in order, with title, text (a path under lessons/) and hints in `edition`
    (default: the one COURSE_LANG selects); a text the edition's catalogue lacks stays English."""
    edition = edition or lang.current()
    texts = lang.translated(english()["COURSE"], edition, "COURSE")
    return [
        Lesson(number, entry["id"], texts[entry["id"]]["title"],
               entry["text"] if edition == lang.DEFAULT else f"{edition}/{entry['text']}",
               texts[entry["id"]]["hints"])
        for number, entry in enumerate(manifest(), 1)
    ]


def lesson(lesson_id: str) -> Lesson | None:
    return next((item for item in lessons() if item.id == lesson_id), None)


UNUSED_PLUGINS = ("doctest", "pastebin", "junitxml", "legacypath", "stepwise", "setuponly", "setupplan", "recwarn",
                  "monkeypatch", "tmpdir", "python_path", "unittest", "logging", "debugging", "warnings", "timeout")


def grading_args(lessons: list[str], target: Path | str | None = None, json_path: Path | str | None = None,
                 root: Path = ROOT, checks: list[str] | None = None) -> list[str]:
    """The arguments of `python -m pytest` that grade these lessons: the one place they are built.

    `--noconftest`: a grading run loads no conftest.py, wherever one was written.
    `root` is the course the graders come from (a scratch copy, in the tests);
    `checks`, if given, grades only those checks of the lessons.
    """
    # no:unraisableexception: that plugin runs gc.collect() twice per run, a seventh of a one-lesson run, to turn
    # exceptions in the grader's own finalizers into warnings (Python still prints them); a student's code
    # runs in other processes, where it never looks.
    # The other no:s are pytest's plugins that a grading never uses (doctests, pastebin, JUnit of pytest's own:
    # --report junit is ours, tmp_path, monkeypatch, log capture, --pdb, pytest-timeout: the checks have limits
    # of their own...): each costs its import and its registration in every run, about a tenth of a one-check run.
    args = ["-p", "graders.plugin", "-p", "no:cacheprovider", "-p", "no:unraisableexception",
            *[arg for name in UNUSED_PLUGINS for arg in ("-p", f"no:{name}")],
            "-q", "--no-header", "--noconftest", "--rootdir", str(root)]
    files = [str(root / "graders" / "lessons" / f"test_{name}.py") for name in lessons]
    args += [f"{file}::{check}" for file in files for check in checks] if checks else files
    if target is not None:
        args += ["--target", str(target)]
    if json_path is not None:
        args += ["--json", str(json_path)]
    return args
