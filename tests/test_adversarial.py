"""Hostile submissions: each attack of GRADING.md is stopped, at the levels that promise to stop it.

Every attack is graded by the real grader, at every isolation level this
machine supports (`full`, `userns`, `uid`, `basic`; forced with
COURSE_ISOLATION), on a scratch copy of the course (so that an attack that
gets through can never harm the repository). `userns` is an ordinary user's
level: when the suite runs as root, those gradings run as an ordinary user
(`tests/ordinary_user.py`, with `runuser`), on a course copy that user owns,
as a student's checkout is; and once more with no bwrap on the PATH
(`userns-no-bwrap`: the runner makes the same sandbox itself). Whatever the
attack, at every level:

* the grader survives: the JSON holds every selected check, none of them a
  grader error, and the run ends normally;
* no process of the run is left (found by the run's markers: its network
  namespace and COURSE_RUN in every process's environment).

Then each attack's own verdict: `stopped_at` names the levels that stop it,
and the test asserts both ways: stopped there, and (the documented
weakness) not stopped at the other levels it runs at. An attack too
dangerous to let loose at a level (a fork bomb running as root, say) is not
run there, and the reason says so.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graders import sandbox
from tests.grading import HANG_LIMIT, ROOT, SUBMISSIONS, Graded, describe, grade, leftovers
from tests.ordinary_user import OrdinaryUser, ordinary

ATTACKS = SUBMISSIONS / "adversarial"
SECRET = "s3cr3t-t0ken-3b1d"  # planted in the grader's environment and in the course copy's .git/config
ALL = ("full", "userns", "uid", "basic")


def available_levels() -> list[str]:
    """The levels this machine gives: as root `full`, `uid`, `basic` (and `userns`, as an ordinary user)."""
    best = sandbox.probe().level
    levels = list(ALL[ALL.index(best):])
    if os.geteuid() == 0 and sys.platform.startswith("linux") and "userns" not in levels:
        levels.insert(0, "userns")  # an ordinary user's (skipped with the reason when none can have it)
    levels = [level for level in levels if level != "uid" or os.geteuid() == 0]  # uid: root's alone
    if "userns" in levels:  # and the same level where bubblewrap is missing: the runner makes the sandbox
        levels.insert(levels.index("userns") + 1, "userns" + NO_BWRAP)
    return levels


NO_BWRAP = "-no-bwrap"  # a level graded with no bwrap on the grader's PATH


LEVELS = available_levels()


@dataclass(frozen=True)
class Attack:
    name: str  # tests/submissions/adversarial/<name>.py, or a folder built by `build_submission`
    stopped_at: tuple[str, ...]  # the levels that stop it, every time
    gets_through_at: tuple[str, ...] = ()  # the levels where it succeeds (documented; asserted too)
    lesson: str = "client_flow"
    select: str | None = None  # only these checks (pytest -k)
    not_run_at: dict = field(default_factory=dict)  # level -> why this attack is not let loose there

    def __str__(self) -> str:
        return self.name


AS_ROOT = "at this level the student's code runs as the grader's own user (root, in CI): it would harm the machine"

ATTACKS_LIST = [
    Attack("plant_modules", stopped_at=("full", "userns", "uid"), gets_through_at=("basic",)),
    Attack("copy_the_answer", stopped_at=("full", "userns"), gets_through_at=("uid", "basic")),
    Attack("read_the_answer", stopped_at=("full", "userns"), gets_through_at=("uid", "basic")),
    Attack("pyc_shadow", stopped_at=ALL),
    Attack("symlink_out", stopped_at=ALL),
    Attack("forge_report", stopped_at=ALL),
    Attack("write_to_terminal", stopped_at=ALL),
    Attack("rewrite_results", stopped_at=ALL),
    Attack("patch_the_clock", stopped_at=ALL, lesson="recv_loop", select="recv_until_closed_is_fast"),
    Attack("daemon_setsid", stopped_at=ALL),
    # uid: only where the kernel gives it a network namespace (not in Docker): not guaranteed
    Attack("reach_host_network", stopped_at=("full", "userns"), gets_through_at=("basic",)),
    Attack("kill_the_grader", stopped_at=("full", "userns", "uid"), not_run_at={"basic": AS_ROOT}),
    Attack("kill_the_fork_server", stopped_at=ALL, lesson="server_flow"),
    Attack("write_grader_memory", stopped_at=("full", "userns", "uid"), not_run_at={"basic": AS_ROOT}),
    Attack("exhaust_memory", stopped_at=ALL),
    Attack("exhaust_cpu", stopped_at=ALL),
    Attack("exhaust_processes", stopped_at=("full", "userns", "uid"), not_run_at={"basic": AS_ROOT}),
    Attack("exhaust_disk", stopped_at=("full", "userns", "uid"),
           not_run_at={"basic": "no cap on the scratch folder's size"}),
    Attack("exhaust_files", stopped_at=ALL),
    Attack("interfere", stopped_at=("full", "userns", "uid")),  # at basic it depends on timing: not guaranteed
    Attack("delete_scratch", stopped_at=ALL),
    Attack("huge_report", stopped_at=ALL),
    Attack("deep_report", stopped_at=ALL),
    # .git/config; the environment: always
    Attack("read_secrets", stopped_at=("full", "userns"), gets_through_at=("uid", "basic")),
]


def tree_hash(root: Path) -> str:
    """A digest of every file under root (bytecode caches aside): what 'unchanged' means."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@pytest.fixture
def course_copy() -> Path:
    """A scratch copy of the course, laid out and readable as a real checkout is, with a secret in .git/config.

    It lives in /var/tmp, not /tmp: a real checkout is not in the /tmp that
    the uid level hides behind a private one.
    """
    base = Path(tempfile.mkdtemp(prefix="course-copy-", dir="/var/tmp" if os.path.isdir("/var/tmp") else None))
    copy = base / "course"
    copy.mkdir()
    for name in ("graders", "solutions"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("course.toml", "pyproject.toml"):
        shutil.copy(ROOT / name, copy / name)
    (copy / ".git").mkdir()
    (copy / ".git" / "config").write_text(f'[remote "origin"]\n\turl = https://x-access-token:{SECRET}@github.com/x\n')
    for path in [base, copy, *copy.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield copy
    shutil.rmtree(base, ignore_errors=True)


def build_submission(attack: Attack, course: Path, folder: Path, fill: dict[str, str] | None = None) -> Path:
    folder.mkdir()
    target = folder / f"{attack.lesson}.py"
    if attack.name == "pyc_shadow":
        # The .py a reviewer reads is the untouched stub; the .pyc beside it is the reference solution,
        # stamped with the stub's size and time so that a plain import would take it.
        shutil.copy(course / "graders" / "stubs" / f"{attack.lesson}.py", target)
        cache = folder / "__pycache__"
        cache.mkdir()
        solution = folder / "solution_source.py"
        shutil.copy(course / "solutions" / f"{attack.lesson}.py", solution)
        import py_compile

        pyc = cache / f"{attack.lesson}.{sys.implementation.cache_tag}.pyc"
        py_compile.compile(str(solution), cfile=str(pyc), dfile=str(target))
        stat = target.stat()
        data = bytearray(pyc.read_bytes())
        data[8:12] = int(stat.st_mtime).to_bytes(4, "little")
        data[12:16] = (stat.st_size & 0xFFFFFFFF).to_bytes(4, "little")
        pyc.write_bytes(bytes(data))
        solution.unlink()
    elif attack.name == "symlink_out":
        target.symlink_to(course / "solutions" / f"{attack.lesson}.py")
    else:
        source = (ATTACKS / f"{attack.name}.py").read_text().replace("__COURSE_ROOT__", str(course))
        for placeholder, value in (fill or {}).items():
            source = source.replace(placeholder, value)
        target.write_text(source)
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


def grade_attack(attack: Attack, level: str, course: Path, submission: Path, tmpdir: Path,
                 user: OrdinaryUser | None, path: str | None) -> Graded:
    env = {"GITHUB_TOKEN": SECRET, "CI_JOB_TOKEN": SECRET, **({"PATH": path} if path else {})}
    return grade(submission, [attack.lesson], root=course, isolation=level, select=attack.select,
                 env=env, call_limit=HANG_LIMIT, tmpdir=tmpdir, as_user=user)


def stopped(attack: Attack, graded: Graded, course: Path, before: str, others: Graded | None,
            host_server: socket.socket) -> bool:
    """Did the attack fail to get what it was after?"""
    outcomes = [record["outcome"] for record in graded.checks.values()]
    nothing_passed = not any(outcome == "passed" for outcome in outcomes)
    if attack.name == "reach_host_network":  # a connection that reached it waits in its accept queue
        try:
            host_server.accept()[0].close()
            return False
        except BlockingIOError:
            return True
    if attack.name == "rewrite_results":  # read again now that no process of the run is left
        results = graded.tmpdir / "results.json"
        return results.exists() and "forged" not in results.read_text() and graded.results.get("run_id")
    if attack.name == "plant_modules":
        return tree_hash(course) == before and nothing_passed
    if attack.name == "read_secrets":
        return SECRET not in graded.output and SECRET not in str(graded.results)
    if attack.name == "interfere":
        return others is not None and all(r["outcome"] == "passed" for r in others.checks.values())
    if attack.name in ("huge_report", "deep_report"):
        message = graded.checks["test_connects_to_the_given_host_and_port"]["message"]
        return nothing_passed and "result channel" in message
    if attack.name == "write_to_terminal":  # what it printed is shown indented, as its output, never as ours
        return nothing_passed and not any(line.startswith("Every selected lesson passes")
                                          for line in graded.output.splitlines())
    if attack.name == "write_grader_memory":
        return nothing_passed and "written=0" in graded.output
    if attack.name == "exhaust_memory":  # refused (MemoryError), or at worst stopped at its time limit (busy)
        return nothing_passed and ("MemoryError" in graded.output or {"timeout", "slow"} & set(outcomes))
    return nothing_passed


def grading_user(level: str, course: Path) -> OrdinaryUser | None:
    """Who grades at this level: an ordinary user at `userns` when the suite is root (who then owns the course
    copy, as a student owns their checkout; skipped, with the reason, where there is none); else this process."""
    if level != "userns" or os.geteuid() != 0:
        return None
    user = ordinary()
    if isinstance(user, str):
        pytest.skip(f"the userns level is an ordinary user's: {user}")
    for path in [course.parent, *course.parent.rglob("*")]:
        os.chown(path, user.uid, user.gid, follow_symlinks=False)
    return user


# Where bwrap is missing only the sandbox's own making differs: these attacks test it again there (the others
# test the grader's side of the result channel, the same whoever made the sandbox).
SANDBOX_MADE = {"plant_modules", "copy_the_answer", "read_the_answer", "read_secrets", "reach_host_network",
                "rewrite_results", "daemon_setsid", "kill_the_grader", "write_grader_memory", "exhaust_processes",
                "exhaust_disk", "interfere", "delete_scratch"}
CASES = [pytest.param(attack, variant, id=f"{attack}-{variant}") for attack in ATTACKS_LIST for variant in LEVELS
         if not variant.endswith(NO_BWRAP) or attack.name in SANDBOX_MADE]


@pytest.mark.parametrize(("attack", "variant"), CASES)
def test_attack_is_stopped(attack: Attack, variant: str, course_copy: Path) -> None:
    level = variant.removesuffix(NO_BWRAP)
    if level in attack.not_run_at:
        pytest.skip(f"{attack.name} is not run at the {level} level: {attack.not_run_at[level]}")
    work = course_copy.parent  # readable by the grading user, whoever it is (not pytest's tmp_path, root's alone)
    tmpdir = work / "run"
    tmpdir.mkdir()
    path = None
    if variant.endswith(NO_BWRAP):
        path = str(work / "no-bwrap")  # an empty folder: no bwrap on the PATH
        os.mkdir(path, 0o755)
    # A server on the machine's own network (this process's namespace), for reach_host_network to look for.
    host_server = socket.create_server(("127.0.0.1", 0))
    host_server.setblocking(False)
    fill = {"__HOST_SERVER__": f"127.0.0.1:{host_server.getsockname()[1]}",
            "__RESULTS__": str(tmpdir / "results.json")}
    submission = build_submission(attack, course_copy, work / "submission", fill)
    user = grading_user(level, course_copy)
    before = tree_hash(course_copy)
    others = None
    if attack.name == "interfere":
        # A correct submission graded at the same time, by another run: the attack must not reach it.
        correct = work / "correct"
        correct.mkdir()
        shutil.copy(course_copy / "solutions" / "client_flow.py", correct / "client_flow.py")
        for made in (correct, correct / "client_flow.py"):
            made.chmod(0o755 if made.is_dir() else 0o644)
        box: dict = {}
        neighbour = threading.Thread(target=lambda: box.update(graded=grade(
            correct, ["client_flow"], root=course_copy, isolation=level, as_user=user,
            env={"PATH": path} if path else None)))
        neighbour.start()
    with host_server:
        graded = grade_attack(attack, level, course_copy, submission, tmpdir, user, path)
        if attack.name == "interfere":
            neighbour.join(timeout=120)
            others = box.get("graded")
        assert graded.results.get("isolation") == level, describe(graded)
        assert graded.results["isolation_details"]["bubblewrap"] == (level in ("full", "userns") and not path)
        assert leftovers(graded) == []
        verdict = stopped(attack, graded, course_copy, before, others, host_server)
    if level in attack.gets_through_at:
        assert not verdict, f"{attack.name} is documented as getting through at {level}, but it was stopped: update the docs"
        return
    assert graded.checks, f"no results:\n{describe(graded)}"
    errors = {c: r for c, r in graded.checks.items() if r["outcome"] == "error"}
    assert not errors, "the grader broke:\n" + "\n".join(describe(graded, c) for c in errors)
    assert graded.returncode == 1, f"grading ended with {graded.returncode}:\n{describe(graded)}"
    if level in attack.stopped_at:
        assert verdict, f"{attack.name} got through at the {level} level:\n{describe(graded)}"
        assert tree_hash(course_copy) == before, f"{attack.name} changed the course tree at the {level} level"


WHAT = {
    "plant_modules": "plant modules, a conftest.py and edits in the course for the grader to run",
    "copy_the_answer": "import the reference solution from solutions/",
    "read_the_answer": "read the reference solution's source and run it",
    "pyc_shadow": "ship a __pycache__/*.pyc that differs from the .py a reviewer reads",
    "symlink_out": "a lesson file that is a symlink to the reference solution",
    "forge_report": "write a report of its own on the grader's result channel",
    "write_to_terminal": "write a fake \"all passed\" to the grader's terminal",
    "patch_the_clock": "patch its own clocks so that slow code looks fast",
    "daemon_setsid": "fork, setsid, fork: a daemon that keeps a listening socket",
    "kill_the_grader": "stop and kill its parent, its group, every process it may signal",
    "kill_the_fork_server": "kill the process that starts it, on every call",
    "write_grader_memory": "write into other processes' memory through /proc/<pid>/mem",
    "exhaust_memory": "allocate far more memory than a call may have",
    "exhaust_cpu": "spin on every core, in threads and forked processes",
    "exhaust_processes": "a fork bomb",
    "exhaust_disk": "fill the disk with many files",
    "exhaust_files": "open and listen on sockets until nothing more opens",
    "interfere": "connect to every listening socket it can find, while another run grades",
    "delete_scratch": "delete the grading run's folders",
    "huge_report": "announce a report of 2**40 bytes",
    "deep_report": "a report nested 100 000 levels deep",
    "read_secrets": "send the grader's tokens (environment, .git/config) to the reference server",
    "rewrite_results": "rewrite the --json results file, during the run and from a daemon after it",
    "reach_host_network": "connect to a server on the machine's own network, outside the run",
}


def levels_table() -> str:
    """The documented table (INSTRUCTORS.md): per attack, what each level does with it."""
    lines = ["| attack | full | userns | uid | basic |", "| --- | --- | --- | --- | --- |"]
    for attack in ATTACKS_LIST:
        cells = []
        for level in ALL:
            if level in attack.not_run_at:
                cells.append("not stopped (too harmful to try)")
            elif level in attack.stopped_at:
                cells.append("stopped")
            elif level in attack.gets_through_at:
                cells.append("**gets through**")
            else:
                cells.append("not guaranteed")
        lines.append(f"| {WHAT[attack.name]} (`{attack.name}`) | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def test_every_attack_is_described_and_the_instructors_table_is_this_one() -> None:
    assert set(WHAT) == {attack.name for attack in ATTACKS_LIST}
    for attack in ATTACKS_LIST:
        if attack.name not in ("pyc_shadow", "symlink_out"):
            assert (ATTACKS / f"{attack.name}.py").exists(), attack.name
    docs = ROOT / "INSTRUCTORS.md"
    if docs.exists():
        assert levels_table() in docs.read_text(), "INSTRUCTORS.md's table of attacks is out of date:\n" + levels_table()
