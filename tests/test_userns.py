"""The `userns` isolation level: a student grading on their own Linux machine, without root.

Every grading here runs as an ordinary user (this process's user when the
suite is not root; otherwise one found or made by `tests/ordinary_user.py`
and reached with `runuser`), on a course copy that user owns, as a student
owns their checkout. What the level promises (sandbox.py; README, "Setup"):

* the level is called `userns` in every report: the terminal (both
  editions), the JSON, the platforms' formats;
* the verdicts are those of the other levels: the solutions pass;
* the grader and its reference peers share the run's private loopback with
  the student's code, and the grader owns that network namespace (it holds
  CAP_NET_RAW there: a packet capture of the run needs nothing more);
* without bubblewrap, the same level made by the grader's runner itself;
* `basic` where no namespace can be made (the kernel refuses user namespaces).

The attacks themselves (the host network, outliving the run, writing the
course or the --json file, ...) are graded at this level by
tests/test_adversarial.py, like at every other.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from graders.platforms import reports
from graders.text import messages
from tests.grading import ROOT, grade, leftovers
from tests.ordinary_user import OrdinaryUser, ordinary

messages_zh = messages.texts("zh")  # the Chinese edition, read from its catalogue

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="user namespaces are Linux's")


@pytest.fixture(scope="module")
def user() -> OrdinaryUser:
    found = ordinary()
    if isinstance(found, str):
        pytest.skip(f"no ordinary user to grade as: {found}")
    return found


@pytest.fixture(scope="module")
def course(user: OrdinaryUser):
    """A copy of the course owned by the ordinary user, with the solutions as a submission."""
    base = Path(tempfile.mkdtemp(prefix="userns-course-", dir="/var/tmp" if os.path.isdir("/var/tmp") else None))
    copy = base / "course"
    copy.mkdir()
    for name in ("graders", "solutions"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("course.toml", "pyproject.toml"):
        shutil.copy(ROOT / name, copy / name)
    for path in [base, *base.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
        if os.geteuid() == 0:
            os.chown(path, user.uid, user.gid)
    yield copy
    shutil.rmtree(base, ignore_errors=True)


def _as_user(user: OrdinaryUser, code: str, course: Path, path: str | None = None) -> subprocess.CompletedProcess:
    """Run Python `code` as the ordinary user, in the course copy (its graders importable)."""
    env = {"PATH": path or os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONDONTWRITEBYTECODE": "1",
           "TMPDIR": "/tmp"}
    env = user.env(env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(course), env.get("PYTHONPATH", "")]))
    command = [user.python, "-c", code] if user.uid == os.geteuid() else user.command(["-c", code])
    return subprocess.run(command, cwd=course, env=env, capture_output=True, text=True, timeout=120)


def test_an_ordinary_user_is_graded_at_the_userns_level_with_the_same_verdicts(user, course):
    graded = grade(course / "solutions", ["client_flow", "server_flow"], root=course, as_user=user)
    assert graded.results.get("isolation") == "userns", graded.output[-3000:]
    details = graded.results["isolation_details"]
    assert details["user_namespace"] and details["private_network"] and details["pid_namespace_per_call"]
    assert details["bubblewrap"] and not details["unprivileged_uid"]
    assert graded.results["netns"], "the run had no private network namespace"
    assert {record["outcome"] for record in graded.checks.values()} == {"passed"}, graded.output[-3000:]
    expected = messages.ISOLATION_LINE.format(level="userns", what=messages.ISOLATION_WHAT["userns"])
    assert expected in graded.output
    assert leftovers(graded) == []


def test_every_report_names_the_level(user, course, tmp_path):
    graded = grade(course / "solutions", ["client_flow"], root=course, as_user=user, lang="zh")
    assert graded.results.get("isolation") == "userns", graded.output[-3000:]
    line = messages_zh.ISOLATION_LINE.format(level="userns", what=messages_zh.ISOLATION_WHAT["userns"])
    assert line in graded.output  # the terminal, Chinese edition
    gradescope = json.loads(reports.to_gradescope(graded.results))
    assert gradescope["extra_data"]["isolation"] == "userns"
    prairielearn = json.loads(reports.to_prairielearn(graded.results))
    assert "userns" in prairielearn["output"]
    assert 'name="isolation" value="userns"' in reports.to_junit(graded.results)
    assert all(row.endswith(",userns,") for row in reports.to_csv(graded.results).splitlines()[1:])


def test_where_only_bwrap_may_make_namespaces_the_grader_joins_those_bwrap_made(user, course):
    """Ubuntu 23.10+ gives a user namespace with capabilities to bwrap alone (its AppArmor profile): the
    grader then has bwrap make its user and network namespaces and joins them (COURSE_USERNS_ENTRY=bwrap
    takes that way here). The same level, the same verdicts."""
    graded = grade(course / "solutions", ["client_flow"], root=course, as_user=user,
                   env={"COURSE_USERNS_ENTRY": "bwrap"})
    assert graded.results.get("isolation") == "userns", graded.output[-3000:]
    assert graded.results["isolation_details"]["grader_namespace_from"] == "bwrap"
    assert graded.results["isolation_details"]["private_network"]
    assert {record["outcome"] for record in graded.checks.values()} == {"passed"}, graded.output[-3000:]
    assert leftovers(graded) == []


@pytest.mark.parametrize("entry", ["unshare", "bwrap"])
def test_the_grader_owns_the_runs_network_namespace_and_may_capture_its_packets(user, course, entry):
    """As an ordinary user the grader enters a user namespace of its own with a new network namespace:
    its loopback is up, the machine's namespace is left, and it holds CAP_NET_RAW (an AF_PACKET socket opens)."""
    code = (
        "import os, shutil, socket\n"
        "from graders.engine import sandbox\n"
        "before = os.readlink('/proc/self/ns/net')\n"
        f"netns = sandbox.enter_private_network(user_namespace=True, entry={entry!r}, bwrap=shutil.which('bwrap'))\n"
        "assert netns and netns != before, (netns, before)\n"
        "with socket.create_server(('127.0.0.1', 0)) as server:\n"
        "    socket.create_connection(server.getsockname()).close()\n"
        "with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3)) as capture:\n"
        "    capture.bind(('lo', 0))\n"
        "print('ok', os.getuid())\n"
    )
    proc = _as_user(user, code, course)
    assert proc.stdout.split() == ["ok", str(user.uid)], proc.stderr  # its own uid, unchanged, in the namespace


def test_an_ordinary_users_report_shows_the_packets_of_its_own_conversations(user, course):
    """The capture of the run's loopback (graders/engine/packets.py) works for a student without root: with
    --packets every check's record holds its conversation's packets, from the handshake to the close."""
    graded = grade(course / "solutions", ["client_flow"], root=course, as_user=user, extra=["--packets"])
    assert graded.results.get("isolation") == "userns", graded.output[-3000:]
    labels = messages.PK_LABEL
    for check, record in graded.checks.items():
        lines = record.get("packets") or []
        assert any(line.endswith(labels["handshake-1"]) for line in lines), (check, lines, graded.output[-2000:])
        assert any(line.endswith(labels["close-1"]) for line in lines), (check, lines)
    assert messages.PK_TITLE in graded.output
    assert leftovers(graded) == []


def test_without_bubblewrap_the_grader_makes_the_sandbox_itself(user, course):
    """bubblewrap missing (not on the PATH): the same level, made by the runner (runner.own_sandbox)."""
    empty = tempfile.mkdtemp(prefix="no-bwrap-")
    try:
        os.chmod(empty, 0o755)
        graded = grade(course / "solutions", ["client_flow"], root=course, as_user=user, env={"PATH": empty})
    finally:
        os.rmdir(empty)
    assert graded.results.get("isolation") == "userns", graded.output[-3000:]
    assert not graded.results["isolation_details"]["bubblewrap"]
    assert graded.results["isolation_details"]["private_network"]
    assert {record["outcome"] for record in graded.checks.values()} == {"passed"}, graded.output[-3000:]
    assert leftovers(graded) == []


def test_where_no_user_namespace_can_be_made_the_level_is_basic(user, course):
    """A kernel that refuses user namespaces (user.max_user_namespaces=0, here set inside a namespace of the
    test's own, for it and what it starts): `basic`, with or without bubblewrap, and the report says how to
    get the sandbox."""
    code = (
        "import ctypes, os\n"
        "uid, gid = os.getuid(), os.getgid()\n"
        "assert ctypes.CDLL(None, use_errno=True).unshare(0x10000000) == 0\n"
        "for path, text in (('/proc/self/setgroups', 'deny'), ('/proc/self/uid_map', f'{uid} {uid} 1'),\n"
        "                   ('/proc/self/gid_map', f'{gid} {gid} 1'), ('/proc/sys/user/max_user_namespaces', '0')):\n"
        "    with open(path, 'w') as f:\n"
        "        f.write(text)\n"
        "import subprocess, sys\n"
        "from pathlib import Path\n"
        "from graders import course; from graders.engine import sandbox\n"
        "print(sandbox.probe().level)\n"
        "args = course.grading_args(['client_flow'], Path('solutions'), root=Path('.'))\n"
        "env = {**os.environ, 'NO_COLOR': '1', 'COURSE_LANG': 'en'}\n"
        "print(subprocess.run([sys.executable, '-m', 'pytest', *args], capture_output=True, text=True,\n"
        "                     env=env).stdout)\n"
    )
    proc = _as_user(user, code, course)
    assert proc.stdout.split()[:1] == ["basic"], proc.stderr
    # The grading there says so, and how to get the sandbox.
    assert messages.ISOLATION_LINE.format(level="basic", what=messages.ISOLATION_WHAT["basic"]) in proc.stdout
    assert messages.ISOLATION_BASIC_HINT in proc.stdout, proc.stdout[-3000:]
