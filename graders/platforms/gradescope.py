"""Gradescope: build autograder.zip, and grade one submission inside it.

    nox -s gradescope [-- --out autograder.zip] [--allow-unisolated]   build the bundle
    python -m graders.platforms.gradescope run                                   what run_autograder calls

The bundle (gradescope/autograder_samples docs/specs.md) has `setup.sh` and
`run_autograder` at its root, beside the grader itself (graders/, the
reference solutions the speed checks measure against, course.toml,
pyproject.toml). Gradescope unpacks it into /autograder/source, runs
setup.sh once to build the image, copies run_autograder to /autograder/ and
runs it for each submission, which it puts in /autograder/submission. The
grade must land in /autograder/results/results.json, and must land there
even when everything else fails: a missing or malformed file shows the
student "The autograder failed to execute correctly".

AUTOGRADER_ROOT replaces /autograder (the tests unpack the bundle into a
temporary folder); AUTOGRADER_PYTHON names a Python 3.11+ with pytest
already installed, and makes setup.sh skip its installs. setup.sh installs
no third-party package archive: the system's python3 when it is 3.11+, else
a standalone CPython through uv (itself from PyPI).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import stat
import sys
import time
import traceback
import zipfile
from pathlib import Path

from graders import course
from graders.platforms import grade_class, reports
from graders.text import lang, messages

ROOT = course.ROOT
DEFAULT_OUT = ROOT / "autograder.zip"
# Gradescope stops run_autograder at 10 minutes by default and then keeps no result at all:
# stop grading well before, so a grade (or a clear error) is always written.
GRADING_BOUND = 480.0
BUNDLED = ["course.toml", "pyproject.toml", "graders/**/*.py", "graders/text/locale/*/LC_MESSAGES/*.mo", "solutions/*.py"]

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, on its Ubuntu base image, to build the autograder image.
# The grader needs Python 3.11+. Ubuntu 22.04's python3 is 3.10 and Gradescope's own harness uses it: it
# is left alone. No third-party package archive (PPA) is used: where the system python3 is 3.11+ (Ubuntu
# 24.04), the venv is made from it; otherwise uv (from PyPI) installs a standalone CPython build into
# /opt/tcp-course-python, readable by every user (the student's code runs as another uid), and the venv
# is made from that. Plus bubblewrap, from Ubuntu's own archive, for the sandbox.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
VENV="$ROOT/venv"
if [ -n "${AUTOGRADER_PYTHON:-}" ]; then
    # A Python with pytest is given (a test, or an image built another way): check it, install nothing.
    "$AUTOGRADER_PYTHON" -c 'import sys, pytest; assert sys.version_info >= (3, 11), sys.version'
    echo "setup.sh: using $AUTOGRADER_PYTHON; nothing installed"
    exit 0
fi
if ! command -v bwrap >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends ca-certificates bubblewrap python3-venv
fi
if python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "setup.sh: the system's $(python3 --version) is recent enough"
    python3 -m venv "$VENV"
else
    python3 -m venv "$ROOT/uv-venv"
    "$ROOT/uv-venv/bin/python" -m pip install --no-cache-dir --quiet uv
    export UV_PYTHON_INSTALL_DIR=/opt/tcp-course-python
    "$ROOT/uv-venv/bin/uv" python install 3.12
    chmod -R a+rX "$UV_PYTHON_INSTALL_DIR"
    "$ROOT/uv-venv/bin/uv" venv --seed --python 3.12 "$VENV"
fi
"$VENV/bin/python" -m pip install --no-cache-dir --quiet -r "$SOURCE/requirements.txt"
"$VENV/bin/python" -c 'import sys, pytest; assert sys.version_info >= (3, 11); print("setup.sh: Python", sys.version.split()[0], "pytest", pytest.__version__)'
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this, as root, once per submission. Whatever happens, it leaves a results.json.
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}"
RESULTS="$ROOT/results/results.json"
export COURSE_LANG=@EDITION@  # the edition the students read (nox -s gradescope -- --lang zh)
mkdir -p "$ROOT/results"
rm -f "$RESULTS"
cd "$ROOT/source" && "$PYTHON" -m graders.platforms.gradescope run --root "$ROOT" @FLAGS@
status=$?
if [ ! -s "$RESULTS" ]; then
    # The grader could not even start (no Python, a broken image): still a valid results.json.
    FALLBACK=@FALLBACK@
    printf '%s\n' "${FALLBACK//@STATUS@/$status}" > "$RESULTS"
fi
exit 0
"""


def shell_quote(text: str) -> str:
    """A single-quoted shell word: the text exactly, whatever it holds."""
    return "'" + text.replace("'", "'\\''") + "'"


def requirements() -> list[str]:
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["dependency-groups"]["grade"]


def build(out: Path, allow_unisolated: bool = False) -> list[str]:
    """Write the bundle; return the names it holds."""
    files = sorted({path for pattern in BUNDLED for path in ROOT.glob(pattern)
                    if "__pycache__" not in path.parts and path.is_file()})
    flags = "--allow-unisolated" if allow_unisolated else ""
    entries = {
        "setup.sh": (SETUP_SH, 0o755),
        "run_autograder": (RUN_AUTOGRADER.replace("@FLAGS@", flags).replace("@EDITION@", lang.current())
                           .replace("@FALLBACK@", shell_quote(json.dumps(
            failure(messages.AUTOGRADER_NO_START.format(status="@STATUS@")), ensure_ascii=False))), 0o755),
        "requirements.txt": ("\n".join(requirements()) + "\n", 0o644),
        "GRADER_VERSION": (grade_class.grader_version() + "\n", 0o644),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, (text, mode) in entries.items():
            info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, text)
        for path in files:
            bundle.write(path, path.relative_to(ROOT).as_posix())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())
    return [*entries, *(path.relative_to(ROOT).as_posix() for path in files)]


def failure(reason: str) -> dict:
    """A results.json for a submission that got no grade: score 0, and why."""
    # The autograder's stdout (the full report, tracebacks) is for the instructor only, as in every result.
    return {"score": 0, "output": messages.AUTOGRADER_FAILED.format(reason=reason), "tests": [],
            "stdout_visibility": "hidden"}


def run(root: Path, allow_unisolated: bool, bound: float) -> None:
    """Grade root/submission and write root/results/results.json (always)."""
    results_path = root / "results" / "results.json"
    try:
        lessons = [lesson.id for lesson in course.lessons()]
        submission = grade_class.read_folder(root / "submission", lessons)
        for note in submission.notes:
            print(f"run_autograder: {note}")
        grader = grade_class.Grader(sys.executable, bound)
        level = grade_class.probe()
        print(f"run_autograder: isolation level {level}")
        if level == "basic" and not allow_unisolated:
            document = failure(messages.GRADESCOPE_UNISOLATED)
        else:
            outcome = grader.grade(submission.files, lessons)
            print(outcome.feedback)  # the autograder's stdout: hidden from students, there for the instructor
            if outcome.error or outcome.results is None:
                document = failure(outcome.error or "the grader wrote no results")
            else:
                document = json.loads(reports.to_gradescope(outcome.results))
                if submission.notes:
                    document["output"] += "\n" + "\n".join(submission.notes)
    except BaseException as error:  # noqa: B036  (even an interrupt must leave a results.json)
        traceback.print_exc()
        document = failure(f"{type(error).__name__}: {error}")
    reports.write_file(results_path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s gradescope --", description="Build autograder.zip for Gradescope.")
    commands = parser.add_subparsers(dest="command")
    build_parser = commands.add_parser("build", help="build the bundle (the default)")
    build_parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where (default {DEFAULT_OUT.name})")
    build_parser.add_argument("--allow-unisolated", action="store_true",
                              help="grade even where only the 'basic' isolation level is available")
    run_parser = commands.add_parser("run", help="grade /autograder/submission (run_autograder calls this)")
    run_parser.add_argument("--root", type=Path, default=Path(os.environ.get("AUTOGRADER_ROOT", "/autograder")))
    run_parser.add_argument("--allow-unisolated", action="store_true")
    run_parser.add_argument("--bound", type=float, default=float(os.environ.get("AUTOGRADER_BOUND", GRADING_BOUND)))
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv if argv[:1] in (["build"], ["run"], ["-h"], ["--help"]) else ["build", *argv])
    if args.command == "run":
        run(args.root, args.allow_unisolated, args.bound)
        return 0
    out = args.out.resolve()
    names = build(out, args.allow_unisolated)
    print(f"Wrote {out} ({len(names)} files, {out.stat().st_size // 1024} KiB). Upload it as the autograder of a "
          f"Gradescope programming assignment (base image Ubuntu 22.04); see INSTRUCTORS.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
