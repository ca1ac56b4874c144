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

