"""Grade as an ordinary user: the `userns` isolation level, tested where the suite runs as root.

A student grading on their own Linux machine is not root: the grader then
makes its namespaces without privileges (sandbox.py, the `userns` level).
When the suite itself runs as an ordinary user, every grading is already
that. When it runs as root (CI containers), `ordinary()` finds (or creates,
with `useradd`) an ordinary user and an interpreter that user can run with
pytest importable, and `tests.grading.grade(..., as_user=...)` runs the
grading as that user with `runuser`. Where neither can be had, `why_not`
says why, and the tests that need it skip with that reason.
"""

from __future__ import annotations

import functools
import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

USER = os.environ.get("COURSE_TEST_USER", "course-student")  # made with useradd when missing (root only)


@dataclass(frozen=True)
class OrdinaryUser:
    name: str
    uid: int
    gid: int
    python: str  # an interpreter this user can run
    pythonpath: str  # where that interpreter finds pytest ("" when it has it itself)

    def command(self, args: list[str]) -> list[str]:
        """Run `python args...` as this user (from root), keeping the environment as given."""
        return [shutil.which("runuser") or "runuser", "-u", self.name, "--", self.python, *args]

    def env(self, env: dict) -> dict:
        env = {**env, "HOME": env.get("TMPDIR", "/tmp")}
        if self.pythonpath:
            env["PYTHONPATH"] = self.pythonpath
        return env

    def own(self, path: Path) -> Path:
        os.chown(path, self.uid, self.gid)
        return path


def _runs_pytest(user: str, python: str, pythonpath: str) -> bool:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": pythonpath} if pythonpath else {"PATH": "/usr/bin:/bin"}
    try:
        proc = subprocess.run([shutil.which("runuser") or "runuser", "-u", user, "--", python, "-c",
                               "import pytest"], env=env, capture_output=True, timeout=60, cwd="/")
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


@functools.cache
def ordinary() -> OrdinaryUser | str:
    """An ordinary user who can grade, or why there is none here."""
    if not sys.platform.startswith("linux"):
        return "user namespaces are Linux's"
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        return OrdinaryUser(me.pw_name, me.pw_uid, me.pw_gid, sys.executable, "")
    if not shutil.which("runuser"):
        return "runuser (util-linux) is missing: the suite, running as root, cannot grade as an ordinary user"
    try:
        entry = pwd.getpwnam(USER)
    except KeyError:
        useradd = shutil.which("useradd")
        if not useradd:
            return f"no user {USER!r}, and no useradd to make one (set COURSE_TEST_USER to an ordinary user)"
        subprocess.run([useradd, "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell",
                        "/usr/sbin/nologin", USER], capture_output=True)
        try:
            entry = pwd.getpwnam(USER)
        except KeyError:
            return f"useradd could not make the user {USER!r}"
    if entry.pw_uid == 0:
        return f"COURSE_TEST_USER={USER} is root"
    # This interpreter, or else the system's of the same version given this environment's packages (pytest is
    # pure Python): e.g. pyenv under /root, which no other user may traverse, next to Debian's /usr/bin/python3.
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    purelib = sysconfig.get_paths()["purelib"]
    candidates = [(sys.executable, ""), (os.path.realpath(sys._base_executable), purelib),
                  (f"/usr/bin/{version}", purelib), (f"/usr/local/bin/{version}", purelib)]
    for python, pythonpath in candidates:
        if os.path.exists(python) and _runs_pytest(entry.pw_name, python, pythonpath):
            return OrdinaryUser(entry.pw_name, entry.pw_uid, entry.pw_gid, python, pythonpath)
    return (f"the ordinary user {entry.pw_name!r} can run no {version} with pytest: this one "
            f"({sys.executable}) or its packages ({purelib}) are in a folder that user cannot read or traverse, and "
            f"there is no /usr/bin/{version}")
