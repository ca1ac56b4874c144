"""What the machine or container the grader runs in allows: its memory limit, from the cgroup.

A call of student code has an address-space limit (`sandbox.LIMITS`,
RLIMIT_AS). Inside a container with less memory than that (Gradescope's
default is 768 MB), a call could allocate within its own limit and still
push the container past its limit: the kernel's OOM killer then ends some
process with SIGKILL, the student's or the grader's. So the call's limit is
taken under the container's, with a margin for the grader and the
reference peers (`call_memory_limit`), and a call the kernel killed anyway
is reported as the student's (`student.StudentCall`, `messages.KILLED_HINT`).

The container's limit is the lowest of its cgroup and every parent's:
cgroup v2 `memory.max` ("max": none), cgroup v1 `memory.limit_in_bytes` (a
huge number: none).
"""

from __future__ import annotations

import ctypes
import os
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
MARGIN = 256 << 20  # left for the grader, pytest and the reference peers under the container's limit
MARGIN_SHARE = 4  # ... or a quarter of the container's limit, whichever is more
FLOOR = 128 << 20  # a call's limit is never set below this (a container that small cannot grade anyway)
UNLIMITED = 1 << 60  # cgroup v1 writes "no limit" as a page-rounded 2**63 - 1


def _read_limit(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not text.isdigit():
        return None  # "max", or nothing
    value = int(text)
    return value if value < UNLIMITED else None


def container_memory(root: Path = CGROUP_ROOT, proc_cgroup: str | None = None) -> int | None:
    """Bytes of memory this process's cgroup (and its parents) allow; None without a limit.

    `proc_cgroup` is the text of /proc/self/cgroup (read when None); `root` is
    where the cgroup file systems are mounted.
    """
    if proc_cgroup is None:
        try:
            proc_cgroup = Path("/proc/self/cgroup").read_text()
        except OSError:
            return None
    limits = []
    for line in proc_cgroup.splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, path = parts
        if controllers == "":  # cgroup v2: one hierarchy
            base, name = root, "memory.max"
            if not (base / "cgroup.controllers").exists() and (root / "unified").is_dir():
                base = root / "unified"  # a hybrid host: v2 mounted beside the v1 controllers
        elif "memory" in controllers.split(","):
            base, name = root / "memory", "memory.limit_in_bytes"
        else:
            continue
        folder = base / path.lstrip("/")
        # From this cgroup up to the root: the lowest limit holds. (Inside a container's own cgroup
        # namespace, its path is "/" and the folder is the mount itself.)
        while True:
            value = _read_limit(folder / name)
            if value is not None:
                limits.append(value)
            if folder == base or base not in folder.parents:
                break
            folder = folder.parent
    return min(limits) if limits else None


def call_memory_limit(cap: int, memory: int | None = None) -> int:
    """A call's address-space limit: `cap`, or less, under the container's memory limit with a margin."""
    memory = container_memory() if memory is None else memory
    if not memory:
        return cap
    return max(FLOOR, min(cap, memory - max(MARGIN, memory // MARGIN_SHARE)))



# ---------------------------------------------------------------- the uid level: what the student's uid can reach

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
# Shared places of the host where a process of any uid may leave something for the next run to find.
SHARED_TMP = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")
_cache: dict = {}


def _in_child(action) -> bool:
    """Run `action()` in a fork of this process; True if it returned True (the child then exits)."""
    if not sys.platform.startswith("linux"):
        return False
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = 0 if action() else 1
        except BaseException:  # noqa: BLE001 - any failure is a "no"
            code = 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def unshare_works(flags: int) -> bool:
    """Can a process of ours unshare these namespaces? (Docker's default seccomp profile says no.)"""
    key = ("unshare", flags)
    if key not in _cache:
        _cache[key] = _in_child(lambda: ctypes.CDLL(None, use_errno=True).unshare(flags) == 0)
    return _cache[key]


def stdlib_readable(uid: int) -> bool:
    """Can `uid` read the standard library of the interpreter that runs the fork server?

    It cannot when the interpreter lives under a folder that uid cannot
    traverse (pyenv under /root, mode 700): then `import datetime` fails
    inside the student's call, after the fork server dropped to that uid.
    """
    key = ("stdlib", uid)
    if key not in _cache:
        paths = sysconfig.get_paths()

        def readable() -> bool:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            for folder in {paths["stdlib"], paths["platstdlib"]}:
                os.listdir(folder)
            with open(os.path.join(paths["stdlib"], "datetime.py"), "rb"):
                pass
            dynload = os.path.join(paths["platstdlib"], "lib-dynload")
            if os.path.isdir(dynload):
                os.listdir(dynload)
            return True

        _cache[key] = _in_child(readable)
    return _cache[key]


def interpreter_prefix() -> str:
    """The folder of the interpreter the fork server runs (the base one, not a venv's)."""
    return os.path.realpath(sys.base_prefix)


def uid_level_config(uid: int, work: str, keep: list[str]) -> tuple[dict, str]:
    """The fork server's options at the uid level, and how the standard library was made importable.

    Where the kernel allows a mount namespace: a private, size-capped tmpfs
    on each shared temporary folder (and the call's work folder), and, when
    the interpreter is hidden from the uid, its folder bound back into a
    tmpfs over the folder that hides it. A private IPC namespace where
    allowed. Without a mount namespace and with a hidden interpreter, the
    fork server imports the standard library's common modules before it
    drops privileges (`stdlib`: "readable", "made-readable", "preloaded").
    """
    config: dict = {"private_ipc": unshare_works(CLONE_NEWIPC)}
    mounts = unshare_works(CLONE_NEWNS)
    if mounts:
        config["private_tmp"] = sorted({*(p for p in SHARED_TMP if os.path.isdir(p)), work})
        config["keep"] = list(keep)
    stdlib = "readable"
    if not stdlib_readable(uid):
        if mounts:
            config["readable_prefix"] = interpreter_prefix()
            stdlib = "made-readable"
        else:
            config["preload_stdlib"] = True
            stdlib = "preloaded"
    return config, stdlib


# ---------------------------------------------------------------- the uid level: nothing left on the host

IPC_RMID = 0
SYSVIPC = {"shm": ("shmid", "shmctl"), "sem": ("semid", "semctl"), "msg": ("msqid", "msgctl")}  # id column, remover
SWEEP_ENTRIES = 20_000  # entries looked at per shared folder: a sweep is bounded too


def sysvipc_of(uid: int) -> list[tuple[str, int]]:
    """The SysV IPC objects (kind, id) this IPC namespace holds for `uid`, from /proc/sysvipc."""
    found = []
    for kind in SYSVIPC:
        try:
            with open(f"/proc/sysvipc/{kind}") as f:
                header, *rows = f.read().splitlines()
        except (OSError, ValueError):
            continue
        columns = header.split()
        ident = SYSVIPC[kind][0]
        if ident not in columns or "uid" not in columns:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) == len(columns) and int(fields[columns.index("uid")]) == uid:
                found.append((kind, int(fields[columns.index(ident)])))
    return found


def files_of(uid: int, places=SHARED_TMP) -> list[str]:
    """What `uid` owns in the shared temporary folders: their entries, and those of world-writable folders in them."""
    found: list[str] = []
    looked = 0
    pending = [p for p in places if os.path.isdir(p)]
    while pending and looked < SWEEP_ENTRIES * len(places):
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            looked += 1
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if info.st_uid == uid:
                found.append(entry.path)
            elif stat.S_ISDIR(info.st_mode) and info.st_mode & 0o002:  # another folder the uid could write in
                pending.append(entry.path)
    return found


def sweep_uid(uid: int) -> list[str]:
    """Remove everything `uid` left in the shared temporary folders and in SysV IPC; what was removed.

    The run's uid is its own (one per run, never a real user's), so all of it
    is the run's. Used at the uid level after a run, where the kernel gave no
    private IPC or mount namespace (and as a backstop where it did).
    """
    removed = []
    libc = ctypes.CDLL(None, use_errno=True)
    for kind, ident in sysvipc_of(uid):
        if kind == "sem":
            ok = libc.semctl(ident, 0, IPC_RMID) == 0
        else:
            ok = getattr(libc, SYSVIPC[kind][1])(ident, IPC_RMID, None) == 0
        if ok:
            removed.append(f"sysvipc:{kind}:{ident}")
    for path in files_of(uid):
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                subprocess.run(["rm", "-rf", "--one-file-system", "--", path], check=False, timeout=60,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            else:
                os.unlink(path)
            removed.append(path)
        except (OSError, subprocess.SubprocessError):
            pass
    return removed
