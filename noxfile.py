"""Sessions of the course: grade, solutions, tests, lint, bench.

    nox -s grade                         grade exercises/ (every lesson)
    nox -s grade -- client_flow          grade one lesson (or several)
    nox -s grade -- --target DIR         grade the modules in DIR instead
    nox -s grade -- --json results.json  also write the results as JSON
    nox -s solutions                     grade solutions/ (must pass)
    nox -s tests                         the graders' own tests
    nox -s lint                          ruff
    nox -s bench                         how long grading takes
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import nox

nox.needs_version = ">=2024.10.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")


def install(session: nox.Session, group: str) -> None:
    """Install a dependency group from pyproject.toml, only when it changed.

    A reused venv then costs no pip call at all, which keeps a re-grade fast.
    """
    requirements = nox.project.dependency_groups(PYPROJECT, group)
    stamp = Path(session.virtualenv.location) / f".installed-{group}"
    digest = hashlib.sha256(json.dumps(requirements).encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    session.install(*requirements)
    stamp.write_text(digest)


sys.path.insert(0, str(ROOT))
from graders import course, messages  # noqa: E402  (the course's own manifest and texts)


def grade_args(session: nox.Session, posargs: list[str], target: str | None = None) -> list[str]:
    """Turn `LESSON ... --target DIR --json FILE` into pytest arguments."""
    parser = argparse.ArgumentParser(prog="nox -s grade --", add_help=True)
    parser.add_argument("lessons", nargs="*", help="lessons to grade (default: all)")
    parser.add_argument("--target", default=target, help="folder of modules to grade (default: exercises)")
    parser.add_argument("--json", dest="json_path", help="write results as JSON to this file")
    args, extra = parser.parse_known_args(posargs)
    known = [lesson.id for lesson in course.lessons()]
    for name in args.lessons:
        if name not in known:
            session.error(messages.UNKNOWN_LESSON.format(name=name, known=", ".join(known)))
    chosen = args.lessons or known
    target_dir = None
    if args.target:
        target_dir = Path(args.target)
        if not target_dir.is_dir():
            session.error(f"--target {args.target}: no such folder")
        target_dir = target_dir.resolve()
    json_path = Path(args.json_path).resolve() if args.json_path else None
    return course.grading_args(chosen, target_dir, json_path) + extra


@nox.session(default=True)
def grade(session: nox.Session) -> None:
    """Grade your exercises (or -- LESSON ..., --target DIR, --json FILE)."""
    install(session, "grade")
    session.run("python", "-m", "pytest", *grade_args(session, session.posargs))


@nox.session(default=False)
def solutions(session: nox.Session) -> None:
    """Grade the reference solutions: every check must pass."""
    install(session, "grade")
    session.run("python", "-m", "pytest", *grade_args(session, session.posargs, target="solutions"))


@nox.session(default=False)
def progress(session: nox.Session) -> None:
    """Show each lesson's state and what to do next (re-grades only what changed)."""
    install(session, "grade")
    session.run("python", "-m", "graders.progress", *session.posargs, silent=False)


@nox.session(default=False)
def hint(session: nox.Session) -> None:
    """The next hint for a lesson's first failing check: -- LESSON."""
    install(session, "grade")
    session.run("python", "-m", "graders.hint", *session.posargs)


@nox.session(default=False)
def watch(session: nox.Session) -> None:
    """Re-grade a lesson each time its file is saved: [-- LESSON] (Ctrl-C to stop)."""
    install(session, "grade")
    session.run("python", "-m", "graders.watch", *session.posargs)


@nox.session(default=False)
def peer(session: nox.Session) -> None:
    """Run a reference peer by hand, with a live transcript: -- server|client [--port N]."""
    session.run("python", "-m", "graders.peer", *session.posargs)


@nox.session(default=False, python=False)
def reset(session: nox.Session) -> None:
    """Restore a lesson's stub (asks first, keeps your version): -- LESSON."""
    session.run(sys.executable, "-m", "graders.reset", *session.posargs, external=True)


@nox.session(default=False)
def tests(session: nox.Session) -> None:
    """Prove the graders right: solutions pass, stubs and known bugs fail as they should."""
    install(session, "tests")
    workers = [] if any(arg.startswith("-n") for arg in session.posargs) else ["-n", "auto"]
    session.run("python", "-m", "pytest", "tests", *workers, *session.posargs)


@nox.session(default=False)
def lint(session: nox.Session) -> None:
    """Lint the course's code with ruff."""
    install(session, "lint")
    session.run("ruff", "check", ".", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Print how long grading takes: the solutions, the stubs, one lesson."""
    install(session, "grade")
    session.run("python", "tests/bench.py", *session.posargs)


if __name__ == "__main__":
    nox.main()
