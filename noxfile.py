"""Sessions of the course: grade, solutions, tests, lint, bench, and the instructors' sessions.

    nox -s grade                         grade exercises/ (every lesson)
    nox -s grade -- client_flow          grade one lesson (or several)
    nox -s grade -- --target DIR         grade the modules in DIR instead
    nox -s grade -- --json results.json  also write the results as JSON
    nox -s grade -- --report junit:x.xml also write a platform's report (json, gradescope, prairielearn, junit, csv)
    nox -s solutions                     grade solutions/ (must pass)
    nox -s tests                         the graders' own tests
    nox -s lint                          ruff
    nox -s bench                         how long grading takes
    nox -s grade-class -- SUB... --out DIR   grade a class (INSTRUCTORS.md)
    nox -s gradescope                    build autograder.zip for Gradescope
    nox -s classroom                     write the GitHub Classroom workflow

Every session takes --lang zh (or COURSE_LANG=zh) for the Chinese edition;
`nox -l` shows each session's line in both languages:
    nox -s grade -- client_flow --lang zh
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
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
from graders import course, lang, reports  # noqa: E402  (the course's own manifest and texts)


def edition(session: nox.Session) -> tuple[list[str], dict[str, str], object]:
    """`--lang X` (anywhere in the posargs) or COURSE_LANG: the edition of every text.

    Returns the posargs without `--lang X`, the environment that carries the
    choice to the session's processes, and the noxfile's own texts in it.
    """
    posargs, chosen, args = [], os.environ.get("COURSE_LANG", ""), iter(session.posargs)
    for arg in args:
        if arg == "--lang":
            chosen = next(args, "--lang")  # a --lang without its value is an unknown edition
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
        else:
            posargs.append(arg)
    picked = lang.normalize(chosen)
    if picked is None:
        texts = lang.texts(lang.current())
        session.error(texts.UNKNOWN_LANG.format(value=chosen, known=", ".join(lang.EDITIONS)))
    return posargs, {"COURSE_LANG": picked}, lang.texts(picked)


def grade_args(session: nox.Session, posargs: list[str], texts, target: str | None = None) -> list[str]:
    """Turn `LESSON ... --target DIR --json FILE` into pytest arguments."""
    parser = argparse.ArgumentParser(prog="nox -s grade --", add_help=True)
    parser.add_argument("lessons", nargs="*", help=texts.HELP_LESSONS)
    parser.add_argument("--target", default=target, help=texts.HELP_TARGET)
    parser.add_argument("--json", dest="json_path", help=texts.HELP_JSON)
    parser.add_argument("--report", dest="reports", action="append", default=[], metavar="FORMAT:FILE",
                        help=texts.HELP_REPORT)
    args, extra = parser.parse_known_args(posargs)
    known = [lesson.id for lesson in course.lessons()]
    for name in args.lessons:
        if name not in known:
            session.error(texts.UNKNOWN_LESSON.format(name=name, known=", ".join(known)))
    chosen = args.lessons or known
    target_dir = None
    if args.target:
        target_dir = Path(args.target)
        if not target_dir.is_dir():
            session.error(texts.NO_SUCH_FOLDER.format(path=args.target))
        target_dir = target_dir.resolve()
    json_path = Path(args.json_path).resolve() if args.json_path else None
    report_args = []
    for spec in args.reports:
        try:
            fmt, path = reports.parse_spec(spec)
        except argparse.ArgumentTypeError as error:
            session.error(str(error))
        report_args += ["--report", f"{fmt}:{Path(path).resolve()}"]
    return course.grading_args(chosen, target_dir, json_path) + report_args + extra


@nox.session(default=True)
def grade(session: nox.Session) -> None:
    """Grade your exercises (or -- LESSON ..., --target DIR, --json FILE). / 给你的代码评分"""
    posargs, env, texts = edition(session)
    install(session, "grade")
    session.run("python", "-m", "pytest", *grade_args(session, posargs, texts), env=env)


@nox.session(default=False)
def solutions(session: nox.Session) -> None:
    """Grade the reference solutions: every check must pass. / 给参考解评分"""
    posargs, env, texts = edition(session)
    install(session, "grade")
    session.run("python", "-m", "pytest", *grade_args(session, posargs, texts, target="solutions"), env=env)


@nox.session(default=False)
def progress(session: nox.Session) -> None:
    """Show each lesson's state and what to do next (re-grades only what changed). / 学习进度与下一步"""
    posargs, env, _ = edition(session)
    install(session, "grade")
    session.run("python", "-m", "graders.progress", *posargs, env=env, silent=False)


@nox.session(default=False)
def hint(session: nox.Session) -> None:
    """The next hint for a lesson's first failing check: -- LESSON. / 下一条提示"""
    posargs, env, _ = edition(session)
    install(session, "grade")
    session.run("python", "-m", "graders.hint", *posargs, env=env)


@nox.session(default=False)
def watch(session: nox.Session) -> None:
    """Re-grade a lesson each time its file is saved: [-- LESSON] (Ctrl-C to stop). / 保存即重新评分"""
    posargs, env, _ = edition(session)
    install(session, "grade")
    session.run("python", "-m", "graders.watch", *posargs, env=env)


@nox.session(default=False)
def peer(session: nox.Session) -> None:
    """Run a reference peer by hand, with a live transcript: -- server|client [--port N]. / 手动运行参考对端"""
    posargs, env, _ = edition(session)
    session.run("python", "-m", "graders.peer", *posargs, env=env)


@nox.session(default=False, python=False)
def reset(session: nox.Session) -> None:
    """Restore a lesson's stub (asks first, keeps your version): -- LESSON. / 恢复初始代码"""
    posargs, env, _ = edition(session)
    session.run(sys.executable, "-m", "graders.reset", *posargs, env=env, external=True)


@nox.session(default=False)
def tests(session: nox.Session) -> None:
    """Prove the graders right: solutions pass, stubs and known bugs fail as they should. / 评分器自己的测试"""
    posargs, env, _ = edition(session)
    install(session, "tests")
    # One worker per core. (Twice as many finishes sooner, gradings mostly wait; but lesson 6's deadlines
    # are short on purpose, and its reference servers then miss them on a 2-core machine.)
    workers = [] if any(arg.startswith("-n") for arg in posargs) else ["-n", "auto"]
    session.run("python", "-m", "pytest", "tests", *workers, *posargs, env=env)


@nox.session(default=False)
def lint(session: nox.Session) -> None:
    """Lint the course's code with ruff. / 代码检查"""
    posargs, env, _ = edition(session)
    install(session, "lint")
    session.run("ruff", "check", ".", *posargs, env=env)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Print how long grading takes: the solutions, the stubs, one lesson. / 评分耗时"""
    posargs, env, _ = edition(session)
    install(session, "grade")
    session.run("python", "tests/bench.py", *posargs, env=env)


# Instructor sessions (INSTRUCTORS.md).


@nox.session(name="grade-class", default=False)
def grade_class(session: nox.Session) -> None:
    """Grade a class in parallel: -- SUBMISSION... --out DIR (grades.csv, feedback, report.html). / 给全班评分"""
    posargs, env, _ = edition(session)
    install(session, "grade")
    session.run("python", "-m", "graders.grade_class", *posargs, env=env)


@nox.session(default=False, python=False)
def gradescope(session: nox.Session) -> None:
    """Build autograder.zip for Gradescope: [-- --out FILE] [--allow-unisolated]. / 生成 Gradescope 自动评分包"""
    posargs, env, _ = edition(session)
    session.run(sys.executable, "-m", "graders.gradescope", *posargs, env=env, external=True)


@nox.session(default=False, python=False)
def classroom(session: nox.Session) -> None:
    """Write the GitHub Classroom autograding workflow: [-- --out FILE]. / 生成 GitHub Classroom 工作流"""
    posargs, env, _ = edition(session)
    session.run(sys.executable, "-m", "graders.classroom", *posargs, env=env, external=True)


if __name__ == "__main__":
    nox.main()
