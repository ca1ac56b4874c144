"""How student code is isolated: probe what the machine allows once per run, and say what we got.

The sandbox is a thin layer with one job: run the fork server (`runner.py
--serve`) that forks every call of student code, with as much isolation as
the machine allows, and report the level as data. Three levels:

* ``full``: bubblewrap (``bwrap``) runs the fork server in its own mount,
  IPC and UTS namespaces, with only the system, the Python installation, the
  runner and the run's copy of the lesson files visible (read-only), a
  private size-capped ``/tmp`` and scratch folder, and a clean environment;
  every call gets its own PID namespace (nothing it starts outlives it) and
  runs as the run's own unprivileged uid; the grading run has its own
  network namespace (a private loopback: no other run can see its sockets).
  The student's code cannot see the course, `solutions/`, `.git` or the
  grader's environment, and cannot write anywhere but its scratch folder.
* ``uid``: the grader is root but bubblewrap is missing or refused (e.g.
  Docker's default seccomp profile): the student's code runs as the run's
  unprivileged uid, in a PID namespace per call where the kernel allows it
  and otherwise under a subreaper that kills every orphan; a private network
  namespace where allowed; limits; a clean environment. The course stays
  readable to it (not writable).
* ``basic``: limits, a clean environment, a subreaper. The student's code
  runs as the same user as the grader (a student grading their own work on
  their laptop).

Every level sets the limits in `LIMITS`. `COURSE_ISOLATION=basic|uid|full`
forces a level (lower than the best, for tests; never a higher one).
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import random
import shutil
import socket
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from graders import container

LEVELS = ("basic", "uid", "full")
# What each call of student code may use.
LIMITS = {
    # RLIMIT_AS, bytes of address space (threads reserve their stacks here): 1 GiB, or less under a container's
    # memory limit (Gradescope's 768 MB: container.py), so that the kernel's OOM killer need not step in.
    "memory": container.call_memory_limit(1 << 30),
    "processes": 128,  # RLIMIT_NPROC: processes and threads of the run's uid (uid and full levels)
    "files": 256,  # RLIMIT_NOFILE: open file descriptors
    "scratch": 16 << 20,  # bytes of the private scratch folder and /tmp (full level: size-capped tmpfs)
}
UID_BASE = 0x40000000  # the run's uid: above every uid a system hands out, one per run
CLONE_NEWNET = 0x40000000
CLONE_NEWPID = 0x20000000
_SIOCGIFFLAGS = 0x8913
_SIOCSIFFLAGS = 0x8914
_IFF_UP = 0x1


@dataclass(frozen=True)
class Isolation:
    """The isolation a grading run got, as data the reports carry."""

    level: str  # "full", "uid" or "basic"
    uid: int | None = None  # the unprivileged uid of the student's code (uid and full)
    pidns: bool = False  # a PID namespace per call
    netns: str | None = None  # the run's private network namespace ("net:[...]"), if any
    bwrap: str | None = None  # bubblewrap's path (full)

    def describe(self) -> dict:
        return {"level": self.level, "pid_namespace_per_call": self.pidns, "private_network": bool(self.netns),
                "unprivileged_uid": self.uid is not None, "bubblewrap": bool(self.bwrap),
                "limits": dict(LIMITS)}


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def enter_private_network() -> str | None:
    """Move this process into a new network namespace with its loopback up; its id, or None.

    Called by the grader before it opens any socket or starts any thread:
    the grader, its reference peers and every student process then share a
    loopback that no other run (and no daemon of an earlier run) can reach.
    """
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return None
    if _libc().unshare(CLONE_NEWNET) != 0:
        return None
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(s, _SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(s, _SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | _IFF_UP))
    return os.readlink("/proc/self/ns/net")


def _pidns_works() -> bool:
    """Can a child of ours unshare a PID namespace? (Docker's default seccomp says no.)"""
    if not sys.platform.startswith("linux"):
        return False
    pid = os.fork()
    if pid == 0:
        os._exit(0 if _libc().unshare(CLONE_NEWPID) == 0 else 1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _bwrap_works(bwrap: str) -> bool:
    """Does bubblewrap start a process here, with the namespaces and capabilities we ask of it?

    (It may be installed and still refused: Docker's default seccomp profile.)
    """
    true = shutil.which("true") or "/bin/true"
    try:
        proc = subprocess.run([bwrap, *_system_binds(), "--unshare-ipc", "--unshare-uts", "--cap-add", "CAP_SYS_ADMIN",
                               "--", true], stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


def probe(forced: str | None = None) -> Isolation:
    """The strongest isolation this machine gives (or `forced`, if that is lower)."""
    if forced and forced not in LEVELS:
        raise ValueError(f"COURSE_ISOLATION={forced!r}: use one of {', '.join(LEVELS)}")
    ceiling = LEVELS.index(forced) if forced else len(LEVELS) - 1
    root = sys.platform.startswith("linux") and os.geteuid() == 0
    if not root or ceiling == 0:
        return Isolation("basic")
    uid = UID_BASE + random.SystemRandom().randrange(1 << 24)
    pidns = _pidns_works()
    bwrap = shutil.which("bwrap")
    if ceiling >= 2 and bwrap and pidns and _bwrap_works(bwrap):
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


def forkserver_command(isolation: Isolation, runner: Path, readable: list[Path], scratch: str,
                       env: dict[str, str]) -> list[str]:
    """The command that starts the fork server at this level (bwrap's options first, at `full`).

    `env` is its whole environment (bwrap clears the rest).
    """
    command = [python(), "-I", "-S", "-u", str(runner)]
    if isolation.level != "full":
        return command
    size = str(LIMITS["scratch"])
    args = [isolation.bwrap, *_system_binds(), "--size", size, "--tmpfs", "/tmp", "--size", size, "--tmpfs", scratch]
    for path in [runner, runner.with_name("wire.py"), *readable]:  # after /tmp: a folder in it stays visible
        args += ["--ro-bind", str(path), str(path)]
    args += ["--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session",
             "--clearenv"]
    for name, value in env.items():
        args += ["--setenv", name, value]
    for cap in ("CAP_SYS_ADMIN", "CAP_SETUID", "CAP_SETGID", "CAP_KILL", "CAP_CHOWN"):
        args += ["--cap-add", cap]
    return args + ["--", *command]
