"""How student code is isolated: probe what the machine allows once per run, and say what we got.

The sandbox is a thin layer with one job: run the fork server (`fork_server.py
--serve`) that forks every call of student code, with as much isolation as
the machine allows, and report the level as data. Four levels, strongest first:

* ``full``: bubblewrap (``bwrap``) runs the fork server in its own mount,
  IPC and UTS namespaces, with only the system, the Python installation, the
  runner and the run's copy of the lesson files visible (read-only), a
  private size-capped ``/tmp`` and scratch folder, and a clean environment;
  every call gets its own PID namespace (nothing it starts outlives it) and
  runs as the run's own unprivileged uid; the grading run has its own
  network namespace (a private loopback: no other run can see its sockets).
  The student's code cannot see the course, `solutions/`, `.git` or the
  grader's environment, and cannot write anywhere but its scratch folder.
* ``userns``: the same sandbox for an ordinary user (a student grading on
  their own Linux machine): bubblewrap without root makes a user namespace,
  and in it the mount, IPC and UTS namespaces of ``full``, the course hidden,
  the system read-only, a private size-capped ``/tmp``; every call gets its
  own PID namespace. The grader itself first moves into a user namespace of
  its own with a new network namespace (`enter_private_network`), so that
  grader, reference peers and student share a private loopback and nothing
  else. What ``full`` adds: a second uid (at ``userns`` the student's code
  has the grader's uid, with no capability, and sees none of its files or
  processes).
* ``uid``: the grader is root but bubblewrap is missing or refused (e.g.
  Docker's default seccomp profile): the student's code runs as the run's
  unprivileged uid, in a PID namespace per call where the kernel allows it
  and otherwise under a subreaper that kills every orphan; a private network
  namespace where allowed; limits; a clean environment. The course stays
  readable to it (not writable).
* ``basic``: limits, a clean environment, a subreaper. The student's code
  runs as the same user as the grader (a student grading their own work on
  their laptop).

Every level sets the limits in `LIMITS`. `COURSE_ISOLATION=basic|uid|userns|full`
forces a level (lower than the best, for tests; never a higher one). Root
gets ``full`` or ``uid``, an ordinary user ``userns``: the level below the
one forced that this user can have.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import json
import os
import py_compile
import random
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from graders.engine import container

LEVELS = ("basic", "uid", "userns", "full")  # weakest first
# What each call of student code may use.
LIMITS = {
    # RLIMIT_AS, bytes of address space (threads reserve their stacks here): 1 GiB, or less under a container's
    # memory limit (Gradescope's 768 MB: container.py), so that the kernel's OOM killer need not step in.
    "memory": container.call_memory_limit(1 << 30),
    "processes": 128,  # RLIMIT_NPROC: processes and threads of the run's uid (uid and full levels)
    "files": 256,  # RLIMIT_NOFILE: open file descriptors
    "scratch": 16 << 20,  # bytes of the private scratch folder and /tmp (full level: size-capped tmpfs)
    # RLIMIT_FSIZE, bytes of stdout + stderr a student's code may write (student.OUTPUT_CAP reads it here)
    "output": 1 << 20,
    "source": 1 << 20,  # bytes of a lesson file: a larger one is not a lesson file (run.SOURCE_LIMIT, the runner)
}
UID_BASE = 0x40000000  # the run's uid: above every uid a system hands out, one per run
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
_SIOCGIFFLAGS = 0x8913
_SIOCSIFFLAGS = 0x8914
_IFF_UP = 0x1
_NS_GET_USERNS = 0xB701  # ioctl on a namespace's descriptor: the user namespace that owns it


@dataclass(frozen=True)
class Isolation:
    """The isolation a grading run got, as data the reports carry."""

    level: str  # "full", "userns", "uid" or "basic"
    uid: int | None = None  # the unprivileged uid of the student's code (uid and full)
    pidns: bool = False  # a PID namespace per call
    netns: str | None = None  # the run's private network namespace ("net:[...]"), if any
    bwrap: str | None = None  # bubblewrap's path (full, userns)
    entry: str | None = None  # userns: how the grader gets its user namespace ("unshare", or "bwrap" makes it)

    def describe(self) -> dict:
        return {"level": self.level, "pid_namespace_per_call": self.pidns, "private_network": bool(self.netns),
                "unprivileged_uid": self.uid is not None, "bubblewrap": bool(self.bwrap),
                "user_namespace": self.level == "userns", "grader_namespace_from": self.entry,
                "limits": dict(LIMITS)}


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def enter_private_network(user_namespace: bool = False, entry: str = "unshare", bwrap: str | None = None) -> str | None:
    """Move this process into a new network namespace with its loopback up; its id, or None.

    Called by the grader before it opens any socket or starts any thread:
    the grader, its reference peers and every student process then share a
    loopback that no other run (and no daemon of an earlier run) can reach.

    As root the network namespace is enough. As an ordinary user
    (`user_namespace`, the ``userns`` level) this process first makes a user
    namespace of its own, mapping its uid and gid to themselves (files and
    permissions look the same to it), and makes the network namespace in
    it. It is that user namespace's owner: it holds every capability there
    (CAP_NET_ADMIN brings the loopback up; CAP_NET_RAW opens an AF_PACKET
    socket on it) for as long as it does not exec another program, and its
    children and threads inherit them; nothing outside the namespace is
    granted. It must be single-threaded (the kernel refuses a user namespace
    to a threaded process). None, and nothing changed, where the kernel
    refuses the namespaces.

    With `entry="bwrap"` bubblewrap makes the two namespaces and this
    process joins them (`_join_bwrap_namespaces`): for a host that lets
    bwrap make namespaces but not Python (Ubuntu 23.10+, whose AppArmor
    restriction is lifted for bwrap alone). Joining gives the same
    capabilities there as making them.
    """
    if not sys.platform.startswith("linux"):
        return None
    if os.geteuid() != 0 and not user_namespace:
        return None
    if os.geteuid() != 0 and entry == "bwrap":
        if not bwrap or not _join_bwrap_namespaces(bwrap):
            return None
    elif os.geteuid() != 0:
        uid, gid = os.getuid(), os.getgid()
        if _libc().unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
            return None
        try:
            for path, text in (("/proc/self/setgroups", "deny"), ("/proc/self/uid_map", f"{uid} {uid} 1"),
                               ("/proc/self/gid_map", f"{gid} {gid} 1")):
                with open(path, "w") as f:
                    f.write(text)
        except OSError:
            return None  # (a probe in a fork comes first: the grader itself never gets here half-way)
    elif _libc().unshare(CLONE_NEWNET) != 0:
        return None
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            request = struct.pack("16sH14x", b"lo", 0)
            flags = struct.unpack("16sH14x", fcntl.ioctl(s, _SIOCGIFFLAGS, request))[1]
            fcntl.ioctl(s, _SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | _IFF_UP))
    except OSError:  # a user namespace without capabilities (Ubuntu's AppArmor restriction): no loopback
        return None
    return os.readlink("/proc/self/ns/net")


def _join_bwrap_namespaces(bwrap: str) -> bool:
    """Let bubblewrap make a user namespace (this uid and gid mapped to themselves) and a network namespace in
    it (its loopback up), and move this process into both; False, and nothing changed, if that fails.

    The process bwrap starts in them says its pid once they are ready and
    waits on its stdin; this process then joins the network namespace's
    owning user namespace, then the network namespace (setns: as the owner's
    uid it may, and it gets every capability in that user namespace), and
    closes the pipe, and bwrap ends. (No ``--dev``: bwrap would then map
    root in an outer namespace and this uid only in an inner one.)
    """
    sh = "/bin/sh" if os.path.exists("/bin/sh") else shutil.which("sh")
    if not sh:
        return False
    uid = os.getuid()
    try:
        holder = subprocess.Popen([bwrap, "--unshare-user", "--unshare-net", "--die-with-parent", "--ro-bind", "/",
                                   "/", "--", sh, "-c", "echo $$; exec cat"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return False
    joined = False
    try:
        line = holder.stdout.readline().strip()
        if line.isdigit():
            net = os.open(f"/proc/{int(line)}/ns/net", os.O_RDONLY)
            try:
                user = fcntl.ioctl(net, _NS_GET_USERNS)  # a new descriptor of the namespace that owns it
                try:
                    libc = _libc()
                    joined = libc.setns(user, CLONE_NEWUSER) == 0 and libc.setns(net, CLONE_NEWNET) == 0
                finally:
                    os.close(user)
            finally:
                os.close(net)
    except OSError:
        joined = False
    finally:
        holder.stdin.close()
        holder.stdout.close()
        holder.wait()
    return joined and os.getuid() == uid


def _pidns_works() -> bool:
    """Can a child of ours unshare a PID namespace? (Docker's default seccomp says no.)"""
    if not sys.platform.startswith("linux"):
        return False
    pid = os.fork()
    if pid == 0:
        os._exit(0 if _libc().unshare(CLONE_NEWPID) == 0 else 1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _bwrap_works(bwrap: str, caps: list[str] | None = None, pidns: bool = False) -> bool:
    """Does bubblewrap start a process here, with the namespaces and capabilities we ask of it?

    (It may be installed and still refused: Docker's default seccomp profile.)
    With `pidns`: and can that process make a PID namespace (its
    capabilities are real, not taken away by an AppArmor profile)?
    """
    command = [shutil.which("true") or "/bin/true"]
    if pidns:
        command = [python(), "-I", "-S", "-c",
                   f"import ctypes, sys; sys.exit(ctypes.CDLL(None).unshare({CLONE_NEWPID}) != 0)"]
    return _bwrap_started(bwrap, caps, command)()


def _bwrap_started(bwrap: str, caps: list[str] | None = None, command: list[str] | None = None):
    """_bwrap_works, started now: returns the function that waits for its answer (meanwhile, other probes)."""
    command = command or [shutil.which("true") or "/bin/true"]
    options = [option for cap in (caps or ["CAP_SYS_ADMIN"]) for option in ("--cap-add", cap)]
    try:
        proc = subprocess.Popen([bwrap, *_system_binds(), "--unshare-ipc", "--unshare-uts", *options,
                                 "--", *command], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return lambda: False

    def answer() -> bool:
        try:
            return proc.wait(timeout=60) == 0
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return False
    return answer


def _userns_works(bwrap: str, entry: str) -> bool:
    """Can this ordinary user make the ``userns`` sandbox: the grader's user and network namespaces (entered
    this way), then bubblewrap inside them, its fork server able to give a call a PID namespace? Tried in a
    fork, which then exits.

    (Ubuntu 23.10+ lets a process make a user namespace but, outside an
    AppArmor profile that allows it, without capabilities: the loopback
    stays down, or bwrap cannot write its uid map, and the probe says no.)
    """
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            if enter_private_network(user_namespace=True, entry=entry, bwrap=bwrap) is not None and _bwrap_works(
                    bwrap, ["CAP_SYS_ADMIN", "CAP_SETPCAP"], pidns=True):
                code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


# What the userns level hides where it makes the sandbox itself (no bwrap): besides the course and the home.
HIDDEN = ("/home", "/root", "/tmp", "/var/tmp", "/dev/shm", "/run", "/mnt", "/media", "/srv", "/proc", "/sys")
WRITABLE = ("/tmp", "/var/tmp", "/dev/shm")  # private and size-capped, as bwrap's --tmpfs


def own_sandbox_setup(keep: list[Path], scratch: list[str]) -> dict:
    """What `fork_server.own_sandbox` hides, keeps (read-only) and gives as scratch: the userns level without bwrap."""
    course_root = Path(__file__).resolve().parents[2]  # graders/engine/ -> the course
    prefix = os.path.realpath(sys.base_prefix)
    return {"hide": sorted({str(course_root), str(Path.home()), *HIDDEN}), "writable": list(WRITABLE),
            "keep": sorted({prefix, *map(str, keep)}), "scratch": list(scratch), "size": LIMITS["scratch"]}


def _own_sandbox_works(runner: Path) -> bool:
    """Can the fork server make the userns sandbox itself (bubblewrap missing)? Tried in a fork, inside the
    grader's user and network namespaces, by the runner itself: it must hide the course and the homes and
    leave the rest read-only."""
    scratch = tempfile.mkdtemp(prefix="sandbox-probe-")
    try:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                if enter_private_network(user_namespace=True) is not None:
                    setup = own_sandbox_setup([], [scratch])
                    code = subprocess.run([python(), "-I", "-S", str(runner), "--probe-own-sandbox",
                                           json.dumps(setup)], stdin=subprocess.DEVNULL, capture_output=True,
                                          timeout=60).returncode
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def probe(forced: str | None = None) -> Isolation:
    """The strongest isolation this machine gives (or the strongest below `forced`, if that is lower).

    Root gets ``full`` or ``uid``; an ordinary user ``userns``; ``basic``
    where no namespace can be made (macOS, a host that refuses them).
    """
    if forced and forced not in LEVELS:
        raise ValueError(f"COURSE_ISOLATION={forced!r}: use one of {', '.join(LEVELS)}")
    ceiling = LEVELS.index(forced) if forced else len(LEVELS) - 1
    if not sys.platform.startswith("linux") or ceiling == 0:
        return Isolation("basic")
    bwrap = shutil.which("bwrap")
    if os.geteuid() != 0:
        if ceiling >= LEVELS.index("userns"):
            # COURSE_USERNS_ENTRY=bwrap: only the way Ubuntu 23.10+ leaves (for the tests, on a host that has both)
            entries = [os.environ["COURSE_USERNS_ENTRY"]] if os.environ.get("COURSE_USERNS_ENTRY") else [
                "unshare", "bwrap"]
            for entry in entries:
                if bwrap and _userns_works(bwrap, entry):
                    return Isolation("userns", pidns=True, bwrap=bwrap, entry=entry)
            if _own_sandbox_works(Path(__file__).with_name("fork_server.py")):  # no bwrap: the same, made by hand
                return Isolation("userns", pidns=True, entry="unshare")
        return Isolation("basic")
    uid = UID_BASE + random.SystemRandom().randrange(1 << 24)
    # Bubblewrap's start (about 9 ms) goes on while the PID namespace is tried (a fork, about 6 ms).
    bwrap_works = _bwrap_started(bwrap) if ceiling >= LEVELS.index("full") and bwrap else lambda: False
    pidns = _pidns_works()
    if bwrap_works() and pidns:
        return Isolation("full", uid=uid, pidns=True, bwrap=bwrap)
    return Isolation("uid", uid=uid, pidns=pidns)


def _system_binds() -> list[str]:
    """What the fork server needs to run Python: the system, read-only, and nothing of the course."""
    args = []
    for path in ("/usr", "/etc", "/lib", "/lib64", "/lib32", "/bin", "/sbin"):
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    prefix = os.path.realpath(sys.base_prefix)
    if not any(prefix == p or prefix.startswith(p + "/") for p in ("/usr", "/lib", "/bin")):
        # Its parent folders must be traversable by the student's uid (e.g. /root/.pyenv/...).
        for parent in reversed(Path(prefix).parents[:-1]):
            args += ["--perms", "0755", "--dir", str(parent)]
        args += ["--ro-bind", prefix, prefix]
    return args + ["--dev", "/dev"]


def python() -> str:
    """The interpreter for the fork server: the base one (a venv's python is a symlink into a folder we hide)."""
    base = getattr(sys, "_base_executable", None) or sys.executable
    return os.path.realpath(base)


def compiled_runner(runner: Path) -> Path:
    """fork_server.py and wire.py compiled once to .pyc files, in a folder of this Python's own environment;
    the path of the fork server's .pyc, or `runner` itself where that folder cannot be written.

    A script is compiled from source at every start (Python caches only
    what it imports): some 20 ms of CPU in every grading, for a file that
    changes only with the course. The folder's name is the sources' hash
    and the interpreter's cache tag, so a changed grader never runs an old
    file; each file is written whole, then renamed, so that gradings that
    start together never read half of one.
    """
    sources = [runner, runner.with_name("wire.py")]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:16]
    folder = Path(sys.prefix) / "course-cache" / f"runner-{sys.implementation.cache_tag}-{digest}"
    compiled = [folder / path.with_suffix(".pyc").name for path in sources]
    if all(path.exists() for path in compiled):
        return compiled[0]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source, target in zip(sources, compiled, strict=True):
            partial = target.with_name(f".{target.name}.{os.getpid()}")
            py_compile.compile(str(source), cfile=str(partial), doraise=True,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            os.replace(partial, target)
    except (OSError, py_compile.PyCompileError):
        return runner
    return compiled[0]


def forkserver_command(isolation: Isolation, runner: Path, readable: list[Path], scratch: str,
                       env: dict[str, str]) -> list[str]:
    """The command that starts the fork server at this level (bwrap's options first, at `full` and `userns`).

    `env` is its whole environment (bwrap clears the rest). At `userns`
    bubblewrap runs without root: it makes the user namespace itself, and
    stays in the grader's network namespace (the run's private loopback).
    The fork server keeps CAP_SYS_ADMIN there (a PID namespace per call)
    and CAP_SETPCAP (to empty the call's bounding set), and each call drops
    every capability before the student's code runs.
    """
    command = [python(), "-I", "-S", "-u", str(runner)]
    if isolation.level not in ("full", "userns") or not isolation.bwrap:
        return command  # (userns without bwrap: the runner makes the sandbox itself, runner.own_sandbox)
    size = str(LIMITS["scratch"])
    # /dev/shm writable by every user, as on the host (--dev makes it root's): POSIX semaphores and shared
    # memory live there (a multiprocessing.Queue's lock, shared_memory), private to this run and size-capped.
    # /tmp writable by every user too (bwrap's tmpfs is root's 0755 otherwise): a student's log file there is
    # ordinary debugging, and the README promises it.
    args = [isolation.bwrap, *_system_binds(), "--size", size, "--perms", "1777", "--tmpfs", "/dev/shm",
            "--size", size, "--perms", "1777", "--tmpfs", "/tmp", "--size", size, "--tmpfs", scratch]
    wire = runner.with_name("wire.pyc" if runner.suffix == ".pyc" else "wire.py")  # its one import, by path
    for path in [runner, wire, *readable]:  # after /tmp: a folder in it stays visible
        args += ["--ro-bind", str(path), str(path)]
    args += ["--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session",
             "--clearenv"]
    for name, value in env.items():
        args += ["--setenv", name, value]
    caps = ("CAP_SYS_ADMIN", "CAP_SETPCAP") if isolation.level == "userns" else (
        "CAP_SYS_ADMIN", "CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_CHOWN")
    for cap in caps:
        args += ["--cap-add", cap]
    return args + ["--", *command]
