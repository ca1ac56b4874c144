"""Sessions of the course. Run every command in this folder, the course's root.

    nox -s grade                         grade exercises/ (every lesson)
    nox -s grade -- client_flow          grade one lesson (or several)
    nox -s grade -- --target DIR         grade the modules in DIR instead
    nox -s grade -- --json results.json  also write the results as JSON
    nox -s grade -- --report junit:x.xml also write a platform's report (json, gradescope, prairielearn, junit, csv)
    nox -s grade -- LESSON --packets     show the packets of every conversation (handshake, data, close)
    nox -s grade -- LESSON --pcap DIR    write them as pcap files (tcpdump -r, Wireshark)
    nox -s progress                      each lesson's state and what to do next
    nox -s hint -- LESSON                the next hint for a lesson's first failing check
    nox -s watch -- LESSON               re-grade a lesson each time its file is saved
    nox -s peer -- server|client         a reference peer by hand, with a live transcript
    nox -s reset -- LESSON               put a lesson's stub back (keeps your version)
    nox -s solutions                     grade solutions/ (must pass)
    nox -s tests                         the graders' own tests
    nox -s mutants [-- LESSON]           mutation testing: every mutant of the solutions must fail a check
    nox -s lint                          ruff
    nox -s bench                         how long grading takes
    nox -s grade-class -- SUB... --out DIR   grade a class (INSTRUCTORS.md)
    nox -s gradescope                    build autograder.zip for Gradescope
    nox -s classroom                     write the GitHub Classroom workflow
    nox -s new-lesson -- ID              scaffold every part of a new lesson, to fill in (ARCHITECTURE.md)

Every session takes --lang zh (or COURSE_LANG=zh) for the Chinese edition:
    nox -s grade -- client_flow --lang zh

grade, solutions, progress, hint, watch, peer, bench and grade-class share
one virtual environment, .nox/course, made once on first use (delete it to
start over); tests and lint have their own.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import nox

nox.needs_version = ">=2024.10.9"


def find_uv() -> str | None:
    """uv's program, on PATH or installed with nox (`pipx install nox[uv]`); None without uv."""
    found = shutil.which("uv")
    if found is None:
        with contextlib.suppress(ImportError, FileNotFoundError):
            from uv import find_uv_bin

            found = find_uv_bin()
    return found


# uv when it is there, virtualenv otherwise: "uv|virtualenv" alone makes nox look for uv and say
# "uv binary not found" on every command of a machine without uv.
UV = find_uv()
nox.options.default_venv_backend = "uv|virtualenv" if UV else "virtualenv"
if UV is None:
    # Recent nox looks for uv when any session starts, even one with python=False, and logs the same line;
    # give it the answer it would find, so that it does not look (an older nox computed these at import).
    import nox.virtualenv

    with contextlib.suppress(Exception):
        from packaging.version import Version

        nox.virtualenv.HAS_UV, nox.virtualenv.UV, nox.virtualenv.UV_VERSION = False, "uv", Version("0.0")
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")


def requirements_digest(requirements: list[str]) -> str:
    return hashlib.sha256(json.dumps(requirements).encode()).hexdigest()


def install(session: nox.Session, group: str) -> None:
    """Install a dependency group from pyproject.toml into the session's own venv, only when it changed.

    A reused venv then costs no pip call at all, which keeps a re-run fast.
    """
    requirements = nox.project.dependency_groups(PYPROJECT, group)
    stamp = Path(session.virtualenv.location) / f".installed-{group}"
    digest = requirements_digest(requirements)
    if stamp.exists() and stamp.read_text() == digest:
        return
    session.install(*requirements)
    stamp.write_text(digest)


# --------------------------------------------------------------------------- the one venv of the student's sessions

# grade, solutions, progress, hint, watch, peer and bench all need the same
# thing (the "grade" group), so they share one venv instead of each building
# its own: nox has no option for that, so these sessions run with python=False
# and use this venv, which the noxfile makes itself, once. Its path is
# relative to the course's root, where nox runs every session.
COURSE_VENV = Path(".nox") / "course"
COURSE_PYTHON = COURSE_VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


@contextlib.contextmanager
def locked(path: Path):
    """One nox at a time past this point: two first runs at once must not build the venv together."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: the course points its users at WSL anyway
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def course_venv(session: nox.Session, texts) -> dict[str, str]:
    """Make (once) and fill (when pyproject.toml's "grade" group changed) the shared venv.

    Returns the environment that runs a command inside it. A reused venv costs
    two stat() calls and a file read: no process at all. Its commands are
    run_install's, so `nox -s grade --install-only` makes the venv and stops.
    """
    location = ROOT / COURSE_VENV
    requirements = nox.project.dependency_groups(PYPROJECT, "grade")
    stamp = location / ".installed-grade"
    digest = requirements_digest(requirements)
    if not ((ROOT / COURSE_PYTHON).exists() and stamp.exists() and stamp.read_text() == digest):
        with locked(ROOT / ".nox" / "course.lock"):
            if not (ROOT / COURSE_PYTHON).exists():
                session.log(texts.VENV_MAKING.format(path=COURSE_VENV))
                shutil.rmtree(location, ignore_errors=True)  # a broken one (its Python gone): start over
                if UV:
                    session.run_install(UV, "venv", "--quiet", "--python", sys.executable, str(COURSE_VENV),
                                        external=True, silent=True)
                else:
                    session.run_install(sys.executable, "-m", "virtualenv", "--quiet", str(COURSE_VENV),
                                        external=True, silent=True)
            if not (stamp.exists() and stamp.read_text() == digest):
                if UV:
                    session.run_install(UV, "pip", "install", "--quiet", "--python", str(COURSE_PYTHON),
                                        *requirements, external=True, silent=True)
                else:
                    session.run_install(str(COURSE_PYTHON), "-m", "pip", "install", "--quiet",
                                        "--disable-pip-version-check", *requirements, external=True, silent=True)
                stamp.write_text(digest)
    bin_dir = str(location / COURSE_PYTHON.parent.name)
    return {"VIRTUAL_ENV": str(location), "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def run_in_course_venv(session: nox.Session, env: dict[str, str], texts, *args: str) -> None:
    """`python ARGS` in the shared venv, with the edition's environment.

    The student's tools end the output themselves (the report's last line,
    the next command): when this session is the only one asked for, nox
    says nothing after it ("Command ... failed with exit code 1", "Session
    grade failed.") and exits with the tool's own status. Ctrl-C goes to the
    tool, which stops in one line and leaves nothing running; nox waits for it.
    """
    run_tool(session, [str(COURSE_PYTHON), *args], {**env, **course_venv(session, texts)})


def run_tool(session: nox.Session, command: list[str], environment: dict[str, str]) -> None:
    """Run a student's tool as run_in_course_venv says: alone, nox adds nothing after the tool's last line."""
    if not only_session(session):  # several sessions in one nox command: nox runs them and sums them up
        session.run(*command, env=environment, external=True)
        return
    session.log(shlex.join(command))
    handler = signal.signal(signal.SIGINT, lambda *_: None)  # not SIG_IGN: the tool must not inherit it
    try:
        code = subprocess.Popen(command, env={**os.environ, **environment}).wait()
    finally:
        signal.signal(signal.SIGINT, handler)
    sys.stdout.flush()
    raise SystemExit(code)


def only_session(session: nox.Session) -> bool:
    """Whether this is the one session the nox command runs (`nox -s grade`, or `nox` alone)."""
    try:
        chosen = session._runner.global_config.sessions
    except AttributeError:
        return False
    return not chosen or len(chosen) == 1


sys.path.insert(0, str(ROOT))
from graders import course  # noqa: E402  (the course's own manifest and texts)
from graders.platforms import reports  # noqa: E402  (the course's own manifest and texts)
from graders.text import lang, messages  # noqa: E402  (the course's own manifest and texts)

if messages.texts(lang.current()).NOXFILE_HELP:  # `nox -l` prints this docstring: in the edition of COURSE_LANG
    __doc__ = messages.texts(lang.current()).NOXFILE_HELP


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
        texts = messages.texts(lang.current())
        session.error(texts.UNKNOWN_LANG.format(value=chosen, known=texts.LIST_SEPARATOR.join(lang.EDITIONS)))
    return posargs, {"COURSE_LANG": picked}, messages.texts(picked)


def grade_args(session: nox.Session, posargs: list[str], texts, target: str | None = None) -> list[str]:
    """Turn `LESSON ... --target DIR --json FILE` into pytest arguments."""
    parser = argparse.ArgumentParser(prog="nox -s grade --", add_help=True)
    parser.add_argument("lessons", nargs="*", help=texts.HELP_LESSONS)
    parser.add_argument("--target", default=target, help=texts.HELP_TARGET)
    parser.add_argument("--json", dest="json_path", help=texts.HELP_JSON)
    parser.add_argument("--report", dest="reports", action="append", default=[], metavar="FORMAT:FILE",
                        help=texts.HELP_REPORT)
    parser.add_argument("--packets", action="store_true", help=texts.HELP_PACKETS)
    parser.add_argument("--pcap", metavar="DIR", help=texts.HELP_PCAP)
    args, extra = parser.parse_known_args(posargs)
    known = [lesson.id for lesson in course.lessons()]
    for name in args.lessons:
        if name not in known:
            session.error(texts.UNKNOWN_LESSON.format(name=name, known=texts.LIST_SEPARATOR.join(known)))
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
    packet_args = (["--packets"] if args.packets else []) + (["--pcap", str(Path(args.pcap).resolve())] if args.pcap else [])
    return course.grading_args(chosen, target_dir, json_path) + report_args + packet_args + extra


@nox.session(default=True, python=False)
def grade(session: nox.Session) -> None:
    """Grade your exercises (or -- LESSON ..., --target DIR, --json FILE). / 给你的代码评分"""
    posargs, env, texts = edition(session)
    run_in_course_venv(session, env, texts, "-m", "pytest", *grade_args(session, posargs, texts))


@nox.session(default=False, python=False)
def solutions(session: nox.Session) -> None:
    """Grade the reference solutions: every check must pass. / 给参考解评分"""
    posargs, env, texts = edition(session)
    run_in_course_venv(session, env, texts, "-m", "pytest", *grade_args(session, posargs, texts, target="solutions"))


@nox.session(default=False, python=False)
def progress(session: nox.Session) -> None:
    """Show each lesson's state and what to do next (re-grades only what changed). / 学习进度与下一步"""
    posargs, env, texts = edition(session)
    run_in_course_venv(session, env, texts, "-m", "graders.tools.progress", *posargs)


@nox.session(default=False, python=False)
def hint(session: nox.Session) -> None:
    """The next hint for a lesson's first failing check: -- LESSON. / 下一条提示"""
    posargs, env, texts = edition(session)
    run_in_course_venv(session, env, texts, "-m", "graders.tools.hint", *posargs)


@nox.session(default=False, python=False)
def watch(session: nox.Session) -> None:
    """Re-grade a lesson each time its file is saved: [-- LESSON] (Ctrl-C to stop). / 保存即重新评分"""
    posargs, env, texts = edition(session)
    run_in_course_venv(session, env, texts, "-m", "graders.tools.watch", *posargs)


@nox.session(default=False, python=False)
def peer(session: nox.Session) -> None:
    """Run a reference peer by hand, with a live transcript: -- server|client [--port N]. / 手动运行参考对端"""
    posargs, env, texts = edition(session)
    run_in_course_venv(session, env, texts, "-m", "graders.tools.peer", *posargs)


@nox.session(default=False, python=False)
def reset(session: nox.Session) -> None:
    """Restore a lesson's stub (asks first, keeps your version): -- LESSON. / 恢复初始代码"""
    posargs, env, _ = edition(session)
    run_tool(session, [sys.executable, "-m", "graders.tools.reset", *posargs], env)


@nox.session(default=False)
def tests(session: nox.Session) -> None:
    """Prove the graders right: solutions pass, stubs and known bugs fail as they should. / 评分器自己的测试"""
    posargs, env, _ = edition(session)
    install(session, "tests")
    # Two workers per core: a grading mostly waits (on sockets, on a hung call's limit). The graders hold on
    # a machine this busy: lessons 6-8 judge the student's code on its own time, net of its wait for a CPU.
    workers = [] if any(arg.startswith("-n") for arg in posargs) else ["-n", str(2 * (os.cpu_count() or 1))]
    # `-- tests/test_x.py` runs that file only; without a path, the whole of tests/.
    chosen = any(not arg.startswith("-") and (ROOT / arg.split("::")[0]).exists() for arg in posargs)
    session.run("python", "-m", "pytest", *([] if chosen else ["tests"]), *workers, *posargs, env=env)


@nox.session(default=False)
def mutants(session: nox.Session) -> None:
    """Mutate the reference solutions; every mutant must fail a check: [-- LESSON ...]. / 变异测试"""
    posargs, env, _ = edition(session)
    install(session, "tests")
    session.run("python", "-m", "tests.mutants", *posargs, env=env)


@nox.session(default=False)
def lint(session: nox.Session) -> None:
    """Lint the course's code with ruff. / 代码检查"""
    posargs, env, _ = edition(session)
    install(session, "lint")
    session.run("ruff", "check", ".", *posargs, env=env)


@nox.session(default=False, python=False)
def bench(session: nox.Session) -> None:
    """Print how long grading takes: the solutions, the stubs, one lesson. / 评分耗时"""
    posargs, env, texts = edition(session)
    run_in_course_venv(session, env, texts, "tests/bench.py", *posargs)


# Instructor sessions (INSTRUCTORS.md).


@nox.session(name="grade-class", default=False, python=False)
def grade_class(session: nox.Session) -> None:
    """Grade a class in parallel: -- SUBMISSION... --out DIR (grades.csv, feedback, report.html). / 给全班评分"""
    posargs, env, texts = edition(session)
    run_in_course_venv(session, env, texts, "-m", "graders.platforms.grade_class", *posargs)


@nox.session(default=False, python=False)
def gradescope(session: nox.Session) -> None:
    """Build autograder.zip for Gradescope: [-- --out FILE] [--allow-unisolated]. / 生成 Gradescope 自动评分包"""
    posargs, env, _ = edition(session)
    session.run(sys.executable, "-m", "graders.platforms.gradescope", *posargs, env=env, external=True)


@nox.session(default=False, python=False)
def classroom(session: nox.Session) -> None:
    """Write the GitHub Classroom autograding workflow: [-- --out FILE]. / 生成 GitHub Classroom 工作流"""
    posargs, env, _ = edition(session)
    session.run(sys.executable, "-m", "graders.platforms.classroom", *posargs, env=env, external=True)



@nox.session(name="new-lesson", default=False, python=False)
def new_lesson(session: nox.Session) -> None:
    """Scaffold every part of a new lesson: -- ID [--title T] [--title-zh T]. / 生成新一课的全部部件"""
    session.run(sys.executable, "-m", "graders.tools.scaffold", *session.posargs, external=True)


if __name__ == "__main__":
    nox.main()
