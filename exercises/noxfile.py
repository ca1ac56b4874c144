"""You are in exercises/: the course's sessions run from the folder above, the course's root.

nox only reads the noxfile.py of the folder it is started in. This one is
there so that `nox -s grade` typed here says where to go instead of nox's
own "Failed to load Noxfile": each of the course's sessions, by the same
name, only prints the command to run from the course's root (`cd ..`
first) and fails. It is not a lesson file: the grader never takes it.
"""

from __future__ import annotations

import ast
import os
import shlex
import sys
from pathlib import Path

import nox
import nox.virtualenv

# None of these sessions makes a venv; without this, a recent nox looks for uv as each one starts and
# logs "uv binary not found" on a machine without it (see ../noxfile.py).
try:
    from packaging.version import Version

    nox.virtualenv.HAS_UV, nox.virtualenv.UV, nox.virtualenv.UV_VERSION = False, "uv", Version("0.0")
except Exception:  # another nox: it may log that line, nothing worse
    pass

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from graders.text import lang, messages  # noqa: E402  (the course's texts, in the edition asked for)


def course_sessions() -> dict[str, str]:
    """The course's sessions, read from ../noxfile.py (never imported: its sessions must not run here),
    with their one-line docstrings, so that `nox -l` here lists the same ones."""
    tree = ast.parse((ROOT / "noxfile.py").read_text())
    sessions = {}
    for node in tree.body:
        for decorator in getattr(node, "decorator_list", ()):
            if "nox.session" in ast.unparse(decorator):
                named = [k.value.value for k in getattr(decorator, "keywords", ()) if k.arg == "name"]
                sessions[named[0] if named else node.name] = (ast.get_docstring(node) or "").splitlines()[0]
    return sessions


def edition(posargs: list[str]) -> str:
    chosen = os.environ.get("COURSE_LANG", "")
    for number, arg in enumerate(posargs):
        if arg == "--lang" and number + 1 < len(posargs):
            chosen = posargs[number + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    return lang.normalize(chosen) or lang.DEFAULT


def redirect(name: str, description: str) -> None:
    def session(session: nox.Session) -> None:
        texts = messages.texts(edition(session.posargs))
        command = f"nox -s {name}" + (" -- " + shlex.join(session.posargs) if session.posargs else "")
        # Printed as it is, not as session.error's reason: nox would end the command with a full stop.
        print(texts.RUN_FROM_ROOT.format(here=Path.cwd().name, root=ROOT, command=command), file=sys.stderr)
        session.error()

    session.__name__ = name
    session.__doc__ = description
    nox.session(name=name, python=False, default=name == "grade")(session)


for _name, _description in course_sessions().items():
    redirect(_name, _description)
