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
import html.parser
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graders.engine import sandbox
from tests.grading import HANG_LIMIT, ROOT, SUBMISSIONS, Graded, describe, grade, leftovers, share_bytecode
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
# The levels this process grades at itself. `userns` is an ordinary user's, graded through `runuser` by the
# attack matrix and tests/test_userns.py; a test of the grader's own sinks or of the interpreter as root runs here.
ROOTS_LEVELS = [level for level in LEVELS if not level.startswith("userns") or os.geteuid() != 0]


@dataclass(frozen=True)
class Attack:
    name: str  # tests/submissions/adversarial/<name>.py, or a folder built by `build_submission`
    stopped_at: tuple[str, ...]  # the levels that stop it, every time
    gets_through_at: tuple[str, ...] = ()  # the levels where it succeeds (documented; asserted too)
    lesson: str = "client_flow"
    select: str | None = None  # only these checks (pytest -k)
    not_run_at: dict = field(default_factory=dict)  # level -> why this attack is not let loose there
    call_limit: float = HANG_LIMIT  # a call's limit (COURSE_CALL_LIMIT)

    def __str__(self) -> str:
        return self.name


AS_ROOT = "at this level the student's code runs as the grader's own user (root, in CI): it would harm the machine"
# Not harmful, only not guaranteed, and not let loose in the suite, whose other gradings it would reach (the table
# says "not guaranteed", not "too harmful").
OTHERS_REACHED = "it would connect to the servers of the suite's other gradings, which nothing keeps apart at basic"

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
    # At basic nothing keeps runs apart (no network namespace): let loose there, it connects to the reference servers
    # of whatever else the suite grades at the same time, and their checks see a stranger's connection (seen: a
    # spinning client_flow passed "connects" under -n 4). Not guaranteed there, as INSTRUCTORS.md says.
    Attack("interfere", stopped_at=("full", "userns", "uid"),
           not_run_at={"basic": OTHERS_REACHED}),
    Attack("sibling_symlink_secret", stopped_at=ALL),
    Attack("sibling_symlink_fifo", stopped_at=ALL),
    # Its CPU-time limit is 1 s (the finest there is); the wall-clock limit is far above, for a busy machine.
    Attack("killed_like_oom", stopped_at=ALL, call_limit=30.0),
    Attack("realtime_signal", stopped_at=ALL),
    Attack("leave_on_the_host", stopped_at=("full", "userns", "uid"), gets_through_at=("basic",)),
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

    It lives in /srv or /opt (as root), not in /tmp or /var/tmp: a real
    checkout is not in the shared temporary folders that the uid level hides
    behind private ones.
    """
    places = [place for place in ("/srv", "/opt", "/var/tmp") if os.path.isdir(place) and os.access(place, os.W_OK)]
    base = Path(tempfile.mkdtemp(prefix="course-copy-", dir=places[0] if places else None))
    copy = base / "course"
    copy.mkdir()
    for name in ("graders", "solutions"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("course.toml", "pyproject.toml"):
        shutil.copy(ROOT / name, copy / name)
    share_bytecode(copy)  # its first run need not compile the graders
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
        shutil.copy(course / "graders" / "lessons" / "stubs" / f"{attack.lesson}.py", target)
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
    if attack.name.startswith("sibling_symlink_"):
        # A root-only file of the host with a secret on its third line, or a FIFO nobody writes to.
        planted = course.parent / "planted"
        if attack.name.endswith("secret"):
            planted.write_text(f"root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n{SECRET}\n" * 3)
            planted.chmod(0o600)
        else:
            os.mkfifo(planted, 0o600)
        (folder / "timeouts.py").symlink_to(planted)
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


def grade_attack(attack: Attack, level: str, course: Path, submission: Path, tmpdir: Path,
                 user: OrdinaryUser | None, path: str | None) -> Graded:
    env = {"GITHUB_TOKEN": SECRET, "CI_JOB_TOKEN": SECRET, **({"PATH": path} if path else {})}
    # An attack documented as getting through at this level may break the grader itself (it planted code in
    # the course): there, and only there, a grader error is what the table says. Elsewhere the test asserts none.
    return grade(submission, [attack.lesson], root=course, isolation=level, select=attack.select,
                 env=env, call_limit=attack.call_limit, tmpdir=tmpdir, as_user=user,
                 grader_errors_expected=level in attack.gets_through_at)


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
    if attack.name in ("read_secrets", "sibling_symlink_secret"):
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
    if attack.name == "leave_on_the_host":  # nothing of the run's uid left where the next run could find it
        uid = graded.results.get("isolation_details", {}).get("uid")
        # no uid of the run's own (userns, basic): the grading user's, who owns the course copy
        return nothing_passed and not host_leftovers(course.parent.stat().st_uid if uid is None else uid)
    if attack.name in ("killed_like_oom", "realtime_signal"):  # the student's failure, named by its signal
        messages = [record["message"] for record in graded.checks.values()]
        if attack.name == "realtime_signal" and graded.results.get("isolation") != "basic":
            return nothing_passed  # PID 1 of its namespace: the kernel ignores a signal it sends itself
        return nothing_passed and all(("SIGKILL" if attack.name == "killed_like_oom" else "signal 39") in message
                                      for message in messages)
    if attack.name == "exhaust_memory":  # refused (MemoryError), or at worst stopped at its time limit (busy)
        return nothing_passed and ("MemoryError" in graded.output or {"timeout", "slow"} & set(outcomes))
    return nothing_passed


CHANNEL_KEYS = {0x5EC2E7: "shm", 0x5EC2E8: "sem", 0x5EC2E9: "msg"}  # leave_on_the_host's SysV IPC keys
IDS = {"shm": "shmid", "sem": "semid", "msg": "msqid"}  # /proc/sysvipc/<kind>: the column of the id


def channel_objects(uid: int | None = None) -> list[tuple[str, int, int]]:
    """The SysV IPC objects of `leave_on_the_host` in this host's IPC namespace: (kind, id, owner uid)."""
    found = []
    for kind in ("shm", "sem", "msg"):
        header, *rows = Path(f"/proc/sysvipc/{kind}").read_text().splitlines()
        columns = header.split()
        for row in rows:
            fields = dict(zip(columns, row.split(), strict=True))
            if CHANNEL_KEYS.get(int(fields["key"])) == kind and uid in (None, int(fields["uid"])):
                found.append((kind, int(fields[IDS[kind]]), int(fields["uid"])))
    return found


def container_sweep_channel() -> None:
    """Remove what `leave_on_the_host` left as the grader's own user (at basic it gets through)."""
    import ctypes

    from graders.engine import container

    libc = ctypes.CDLL(None, use_errno=True)
    for kind, ident, _ in channel_objects(os.getuid()):
        if kind == "sem":
            libc.semctl(ident, 0, 0)
        else:
            getattr(libc, kind + "ctl")(ident, 0, None)
    for folder in container.SHARED_TMP:
        try:
            os.unlink(os.path.join(folder, "left-by-a-run"))
        except OSError:
            pass


def host_leftovers(uid: int) -> list[str]:
    """What `leave_on_the_host` left on this host as `uid`: its SysV IPC objects and its files."""
    from graders.engine import container

    found = [f"{kind}:{ident}" for kind, ident, _ in channel_objects(uid)]
    found += [path for path in container.files_of(uid) if os.path.basename(path) == "left-by-a-run"]
    return found




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
    share_bytecode(course, user=user)  # its first run need not compile the graders either
    return user


# Where bwrap is missing only the sandbox's own making differs: these attacks test it again there (the others
# test the grader's side of the result channel, the same whoever made the sandbox).
SANDBOX_MADE = {"plant_modules", "copy_the_answer", "read_the_answer", "read_secrets", "reach_host_network",
                "rewrite_results", "daemon_setsid", "kill_the_grader", "write_grader_memory", "exhaust_processes",
                "exhaust_disk", "interfere", "delete_scratch"}
CASES = [pytest.param(attack, variant, id=f"{attack}-{variant}") for attack in ATTACKS_LIST for variant in LEVELS
         if not variant.endswith(NO_BWRAP) or attack.name in SANDBOX_MADE]


@pytest.mark.parametrize(("attack", "variant"), CASES)
def test_attack_is_stopped(attack: Attack, variant: str, course_copy: Path, request) -> None:
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
        if attack.name == "leave_on_the_host" and level == "basic":  # got through, as the grader's user: clean up
            request.addfinalizer(lambda: container_sweep_channel())
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
    "sibling_symlink_secret": "hang in code named after a lesson file that is a symlink to a root-only file",
    "sibling_symlink_fifo": "hang in code named after a lesson file that is a symlink to a FIFO",
    "killed_like_oom": "die of SIGKILL mid-call, as the kernel's out-of-memory killer ends a process",
    "realtime_signal": "die of a realtime signal, which the signal module has no name for",
    "leave_on_the_host": "leave SysV IPC objects and files in /tmp, /var/tmp, /dev/shm, /run/lock for the next run",
}


def levels_table() -> str:
    """The documented table (INSTRUCTORS.md): per attack, what each level does with it."""
    lines = ["| attack | full | userns | uid | basic |", "| --- | --- | --- | --- | --- |"]
    for attack in ATTACKS_LIST:
        cells = []
        for level in ALL:
            if level in attack.not_run_at and attack.not_run_at[level] != OTHERS_REACHED:
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


# ---------------------------------------------------------------- a container's memory limit (Gradescope: 768 MB)

GRADESCOPE_MEMORY = 768 * 10**6


def _cgroup_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text + "\n")
    return root


@pytest.mark.parametrize("layout", ["v2-container", "v2-nested", "v1", "hybrid", "none"])
def test_a_call_may_allocate_less_than_its_container_has(layout: str, tmp_path: Path) -> None:
    """A call that allocates up to its own limit stays under the container's: MemoryError, not the OOM killer.

    The cgroup files are laid out as the kernel shows them: inside a Docker
    container (cgroup v2, its own namespace: the path is "/"), a systemd
    host (v2, nested, the limit on a parent), cgroup v1, and a hybrid host.
    """
    from graders.engine import container

    allocation = 750 * 10**6  # the red team's call: within 1 GiB, past Gradescope's container with the grader in it
    trees = {
        "v2-container": ("0::/\n", {"cgroup.controllers": "memory pids", "memory.max": str(GRADESCOPE_MEMORY)}),
        "v2-nested": ("0::/grading/run-1\n", {"cgroup.controllers": "memory", "memory.max": "max",
                                              "grading/memory.max": str(GRADESCOPE_MEMORY),
                                              "grading/run-1/memory.max": "max"}),
        "v1": ("4:memory:/docker/abc\n1:cpu:/docker/abc\n", {"memory/docker/abc/memory.limit_in_bytes": str(GRADESCOPE_MEMORY),
                                                            "memory/memory.limit_in_bytes": "9223372036854771712"}),
        "hybrid": ("4:memory:/x\n0::/x\n", {"memory/x/memory.limit_in_bytes": str(GRADESCOPE_MEMORY),
                                          "unified/x/memory.max": "max"}),
        "none": ("0::/\n", {"cgroup.controllers": "memory", "memory.max": "max"}),
    }
    proc_cgroup, files = trees[layout]
    root = _cgroup_tree(tmp_path, files)
    memory = container.container_memory(root, proc_cgroup)
    limit = container.call_memory_limit(1 << 30, memory or 0)
    if layout == "none":
        assert memory is None and limit == 1 << 30
        return
    assert memory == GRADESCOPE_MEMORY
    assert limit < allocation, "a 750 MB allocation must fail in the call (MemoryError), not in the container"
    assert limit <= GRADESCOPE_MEMORY - container.MARGIN
    assert limit >= container.FLOOR


def test_this_machines_call_limit_is_under_its_container() -> None:
    from graders.engine import container

    memory = container.container_memory()
    assert sandbox.LIMITS["memory"] <= 1 << 30
    if memory is not None:
        assert sandbox.LIMITS["memory"] <= memory - container.MARGIN or sandbox.LIMITS["memory"] == container.FLOOR


# ---------------------------------------------------------------- the uid level: the standard library, nothing left

STDLIB = ("argparse", "asyncio", "base64", "datetime", "decimal", "uuid", "json", "csv", "hashlib", "logging",
          "email.message", "xml.etree.ElementTree", "urllib.parse", "statistics", "fractions", "zlib", "ssl")


@pytest.mark.parametrize("level", ROOTS_LEVELS)
def test_the_students_code_can_import_the_standard_library(level: str, tmp_path: Path) -> None:
    """At every level, whoever owns the interpreter's folders (pyenv under /root, mode 700: this machine).

    The modules are imported inside the call, after the fork server has
    dropped to the run's uid: nothing the fork server preloaded helps.
    """
    folder = tmp_path / "submission"
    folder.mkdir()
    imports = "".join(f"    importlib.import_module({name!r})\n" for name in STDLIB)
    solution = (ROOT / "solutions" / "client_flow.py").read_text()
    solution = solution.replace("def request(host: str, port: int, message: bytes) -> bytes:\n",
                                "def request(host: str, port: int, message: bytes) -> bytes:\n"
                                f"    import importlib\n{imports}", 1)
    assert "import_module('ssl')" in solution
    (folder / "client_flow.py").write_text(solution)
    graded = grade(folder, ["client_flow"], isolation=level)
    assert graded.results.get("isolation") == level, describe(graded)
    assert graded.checks and all(r["outcome"] == "passed" for r in graded.checks.values()), describe(graded)
    if level == "uid":  # how: this machine's Python is readable to the uid, or was made so for the run
        from graders.engine import container

        readable = container.stdlib_readable(sandbox.UID_BASE + 1)
        assert graded.results["isolation_details"]["stdlib"] == ("readable" if readable else "made-readable")


@pytest.mark.parametrize("level", ROOTS_LEVELS)
def test_the_students_code_can_write_in_tmp(level: str, tmp_path: Path) -> None:
    """At every level the student's code may write a file in /tmp, as the README says (private and size-capped
    where bubblewrap runs): a log file there is ordinary debugging (a trial's server failed every check with
    PermissionError, bwrap's tmpfs being root's)."""
    folder = tmp_path / "submission"
    folder.mkdir()
    solution = (ROOT / "solutions" / "client_flow.py").read_text()
    solution = solution.replace("def request(host: str, port: int, message: bytes) -> bytes:\n",
                                "def request(host: str, port: int, message: bytes) -> bytes:\n"
                                "    import os\n"
                                "    with open(f'/tmp/student-log-{os.getpid()}', 'w') as log:\n"
                                "        log.write('connecting')\n", 1)
    assert "student-log" in solution
    (folder / "client_flow.py").write_text(solution)
    graded = grade(folder, ["client_flow"], isolation=level)
    assert graded.results.get("isolation") == level, describe(graded)
    assert graded.checks and all(r["outcome"] == "passed" for r in graded.checks.values()), describe(graded)


@pytest.mark.skipif("uid" not in LEVELS, reason="the uid level needs root on Linux")
def test_where_no_namespace_is_allowed_the_grader_sweeps_what_the_uid_left() -> None:
    """The uid level's fallback (a container that refuses unshare): everything the run's uid owns is removed.

    A process of a fresh uid leaves, in the host's own namespaces, a SysV
    shared-memory segment, semaphore and message queue, and files and a deep
    folder in every shared temporary folder; `container.sweep_uid` finds and
    removes every one of them, and nothing of another owner.
    """
    import ctypes
    import random

    from graders.engine import container

    uid = sandbox.UID_BASE + random.SystemRandom().randrange(1 << 24)
    places = [place for place in container.SHARED_TMP if os.path.isdir(place)]
    mine = Path(tempfile.mkdtemp(prefix="not-the-uids-", dir="/tmp"))  # the grader's own: must stay
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            libc = ctypes.CDLL(None, use_errno=True)
            ok = [libc.shmget(0, 4096, 0o1600) >= 0, libc.semget(0, 1, 0o1600) >= 0, libc.msgget(0, 0o1600) >= 0]
            for place in places:
                with open(os.path.join(place, f"left-{uid}"), "w") as f:
                    f.write("x")
                folder = os.path.join(place, f"left-dir-{uid}")
                os.makedirs(os.path.join(folder, *["d"] * 50))
            os._exit(0 if all(ok) else 1)
        finally:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    try:
        assert {kind for kind, _ in container.sysvipc_of(uid)} == {"shm", "sem", "msg"}
        assert len(container.files_of(uid)) == 2 * len(places)
        removed = container.sweep_uid(uid)
        assert len(removed) == 3 + 2 * len(places), removed
        assert container.sysvipc_of(uid) == [] and container.files_of(uid) == []
        assert mine.is_dir()
    finally:
        container.sweep_uid(uid)
        mine.rmdir()


# ---------------------------------------------------------------- untrusted text, at every sink

RAW = ("\x1b", "\x07", "\x00", "\x08", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\ufffe")


@pytest.mark.parametrize("level", ROOTS_LEVELS)
def test_escape_sequences_reach_no_sink_raw(level: str, course_copy: Path, tmp_path: Path) -> None:
    """Control sequences in a print, an exception and the submission folder's name: escaped in every report."""
    import csv
    import io
    import json
    import xml.etree.ElementTree as ET

    attack = Attack("escape_sequences", stopped_at=ALL)
    folder = tmp_path / "sub\x1b]0;owned\x07\x1b[2J\u202e<b>=x<i>"
    build_submission(attack, course_copy, folder)
    reports_dir = tmp_path / "reports"
    reports_dir.mkdir()
    extra = [f"--report={fmt}:{reports_dir / fmt}" for fmt in ("junit", "csv", "gradescope", "prairielearn")]
    graded = grade(folder, ["client_flow"], root=course_copy, isolation=level, call_limit=HANG_LIMIT, extra=extra)
    assert graded.results.get("isolation") == level, describe(graded)
    assert "RuntimeError" in graded.output, describe(graded)
    texts = {"terminal": graded.output, "json": json.dumps(graded.results, ensure_ascii=False)}
    texts.update({fmt: (reports_dir / fmt).read_text(encoding="utf-8") for fmt in ("junit", "csv", "gradescope",
                                                                                   "prairielearn")})
    for sink, text in texts.items():
        found = sorted({repr(char) for char in RAW if char in text})
        assert not found, f"{sink} holds raw {', '.join(found)}"
    ET.fromstring(texts["junit"].encode("utf-8"))  # valid XML 1.0
    for fmt in ("gradescope", "prairielearn"):
        json.loads(texts[fmt])
    for row in csv.reader(io.StringIO(texts["csv"])):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    assert "\\x1b]52;c;" in graded.output  # shown, escaped, for the instructor to see


# What no sink may write raw: C0 but tab and newline, DEL, C1, bidi controls, surrogates, U+FFFE/U+FFFF.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                       "\ud800-\udfff\ufffe\uffff]")


def _tricky_texts() -> list[str]:
    every_byte = bytes(range(256))
    texts = [f"a{chr(code)}b" for code in range(256)]  # every byte, alone, as a character
    texts += [every_byte.decode("latin-1"), every_byte.decode("utf-8", errors="surrogateescape"),
              every_byte.decode("utf-8", errors="replace")]
    texts += [chr(code) for code in (0x061C, 0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                                     0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF)]
    texts += ["\r\n", "```", "````x````", "~~~", "<script>alert(1)</script>", "]]>", "&amp;", "\"'", "=1+1",
              "@SUM(A1)", "-2", "+3", "\t=x", "\r=x", "é漢字😀", "e\u0301", "\x1b]52;c;cHduZWQ=\x07",
              "\x1b]0;title\x1b\\", "\x1b[2J\x1b[H", "\x9b2J", "\x1bP+q\x1b\\"]
    texts += ["\x1b" * 10_000, "`" * 500, "\x00" * 4096, "\ud800" * 1000, "\u202e" * 1000, every_byte.decode("latin-1") * 40]
    return texts


def _model(texts: list[str]) -> dict:
    """A result model with one failed check per text, the text in its message and timeline."""
    records = [{"lesson": "client_flow", "check": f"test_{number}", "title": f"check {number}", "outcome": "failed",
                "message": text + "\nsecond line " + text, "timeline": [text, "x " + text], "duration": 0.1,
                "points": 1, "earned": 0, "template": None, "templates": []} for number, text in enumerate(texts)]
    return {"target": "".join(texts)[:1000], "host": "127.0.0.1", "isolation": "uid",
            "finished": "2026-12-05T00:00:00", "passed": 0, "total": len(records), "points": 0,
            "max_points": len(records), "checks": records}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (*_strings(key), *_strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _assert_safe(sink: str, text: str) -> None:
    raw = sorted({f"U+{ord(char):04X}" for char in FORBIDDEN.findall(text)})
    assert not raw, f"{sink} writes raw {raw[:10]}"
    text.encode("utf-8")  # strict: a lone surrogate would raise here


def _fenced_outside(markdown: str) -> list[str]:
    """The lines of a Markdown text outside its fenced code blocks (CommonMark's backtick fences)."""
    outside, fence = [], ""
    for line in markdown.split("\n"):
        stripped = line.strip()
        if not fence and stripped.startswith("```"):
            fence = stripped[:len(stripped) - len(stripped.lstrip("`"))]
        elif fence and stripped.startswith(fence) and not stripped.strip("`"):
            fence = ""
        elif not fence:
            outside.append(line)
    assert not fence, "a fence was left open"
    return outside


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.data += [value or "" for _, value in attrs]

    def handle_data(self, data):
        self.data.append(data)


def test_every_sink_makes_every_byte_and_tricky_character_safe(tmp_path: Path) -> None:
    """Every byte 0-255, bidi and C1 controls, lone surrogates, long runs: through every sink, parsed back.

    The terminal (`untrusted.clean`), the --json model and every --report format (json, gradescope,
    prairielearn: json; junit: xml.etree; csv: csv), grade-class's grades.csv (csv), feedback.md (its
    student text only inside fences) and report.html (html.parser: no element but the page's own).
    """
    import csv
    import io
    import json
    import xml.etree.ElementTree as ET

    from graders.engine import untrusted
    from graders.platforms import class_report, grade_class, reports

    def page_tags(texts: list[str], out: Path) -> set[str]:
        rows = [{"id": f"s{number}", "client_flow": "0/1", "points": 0, "total": 1, "isolation": "uid",
                 "grader_version": "v", "error": text} for number, text in enumerate(texts)]
        for row, text in zip(rows, texts, strict=True):
            reports.write_file(out / row["id"] / "results.json", reports.to_json(_model([text])))
        parser = _Tags()
        parser.feed(class_report.render(rows, ["client_flow"], out))
        return parser.tags

    own_tags = page_tags(["plain words", "more plain words"], tmp_path / "plain")  # the page's own elements
    texts = _tricky_texts()
    assert len(texts) > 300
    chunk = 16
    for start in range(0, len(texts), chunk):
        group = texts[start:start + chunk]
        where = f"texts #{start}-{start + len(group) - 1}"
        for text in group:
            _assert_safe(f"terminal, {where}", untrusted.clean(text))
        model = _model(group)
        for fmt in ("json", "gradescope", "prairielearn"):
            written = reports.ADAPTERS[fmt](model)
            _assert_safe(f"{fmt}, {where}", written)
            for string in _strings(json.loads(written)):
                _assert_safe(f"{fmt} (parsed), {where}", string)
        junit = reports.to_junit(model)
        _assert_safe(f"junit, {where}", junit)
        failures = ET.fromstring(junit.encode("utf-8")).findall("testsuite/testcase/failure")
        assert [failure.text for failure in failures] == [untrusted.clean(reports.check_text(record))
                                                          for record in model["checks"]], where
        rows = list(csv.reader(io.StringIO(reports.to_csv(model))))
        assert len(rows) == 1 + len(group) and all(len(row) == len(reports.CSV_FIELDS) for row in rows), where
        for row in rows:
            assert not any(cell.startswith(untrusted.FORMULA_STARTS) for cell in row), where
            for cell in row:
                _assert_safe(f"csv, {where}", cell)
        # grade-class: grades.csv, feedback.md, report.html (a submission per text)
        out = tmp_path / f"class-{start}"
        class_rows = [{"id": f"s{number}", "client_flow": "0/1", "points": 0, "total": 1, "isolation": "uid",
                       "grader_version": "v", "error": text} for number, text in enumerate(group)]
        grade_class.write_csv(out / "grades.csv", class_rows, ["client_flow"])
        written = (out / "grades.csv").read_text(encoding="utf-8")
        _assert_safe(f"grades.csv, {where}", written)
        parsed = list(csv.DictReader(io.StringIO(written)))
        assert [row["error"] for row in parsed] == [untrusted.csv_cell(text) for text in group], where
        for row, text in zip(class_rows, group, strict=True):
            outcome = grade_class.Outcome(model, text + "\n" + text)
            grade_class.write_feedback(out / row["id"], grade_class.Submission(row["id"], out), row, outcome)
            feedback = (out / row["id"] / "feedback.md").read_text(encoding="utf-8")
            _assert_safe(f"feedback.md, {where}", feedback)
            own = set(feedback.split("\n")[:3]) | {""}
            outside = _fenced_outside(feedback)
            assert all(line in own or line.startswith(("Note", "说明")) for line in outside), (where, outside)
            reports.write_file(out / row["id"] / "results.json", reports.to_json(_model([text])))
        page = class_report.render(class_rows, ["client_flow"], out)
        _assert_safe(f"report.html, {where}", page)
        parser = _Tags()
        parser.feed(page)
        parser.close()
        assert parser.tags <= own_tags, (where, parser.tags - own_tags)
        for data in parser.data:
            _assert_safe(f"report.html (parsed), {where}", data)
