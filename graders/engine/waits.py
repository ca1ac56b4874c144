"""How long a call's thread will sleep in a readiness wait: its timeout argument, read from the kernel.

A wait with a timeout (Python's settimeout() makes recv() wait in poll()
with the time given, in milliseconds) wakes no earlier than its timeout
after it began, unless something it waits on becomes ready. When the call
is one process of one thread, with no alarm handler (nothing else can wake
it), asleep in poll, ppoll, select, pselect6 or epoll_wait on one socket
only, its wake-up comes at the earliest `timeout` after the wait began:
`planned(pid, inode)` says that timeout, read from /proc/<pid>/task/*/syscall
(and the timespec or timeval it points to, from /proc/<pid>/mem). None
wherever the kernel cannot say for sure.
"""

from __future__ import annotations

import os
import struct

from graders.engine import deadlock, kernel

# Signals whose handler may end a wait early, sent by a timer of the process itself: SIGALRM, SIGVTALRM, SIGPROF,
# SIGUSR2, SIGIO. (SIGUSR1 is the runner's own: the grader's request for the stack, never a timer's.)
WAKING_SIGNALS = (1 << 13) | (1 << 25) | (1 << 26) | (1 << 11) | (1 << 28)


def planned(pid: int, inode: int) -> float | None:
    """The timeout (seconds) of the one wait the call's only thread sleeps in, on socket `inode` alone; or None."""
    if not deadlock.AVAILABLE:
        return None
    try:
        if kernel.call_processes(pid) != {pid}:
            return None
        with open(f"/proc/{pid}/status") as f:
            status = f.read()
        tasks = os.listdir(f"/proc/{pid}/task")
        if len(tasks) != 1:
            return None
        for line in status.splitlines():
            if line.startswith("SigCgt:") and int(line.split()[1], 16) & WAKING_SIGNALS:
                return None
        base = f"/proc/{pid}/task/{tasks[0]}"
        with open(f"{base}/syscall") as f:
            words = f.read().split()
        with open(f"{base}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        if state != "S" or not words or not words[0].isdigit():
            return None
        name = deadlock.SYSCALLS.get(int(words[0]))
        if name is None or name in deadlock.DIRECT:
            return None
        args = [int(w, 16) for w in words[1:7]]
        timeout, fds = _timeout_and_fds(pid, name, args)
        if timeout is None or len(fds) != 1 or deadlock._socket_inode(pid, fds.pop()) != inode:
            return None
        return timeout
    except (deadlock.Unknown, OSError, ValueError, IndexError, struct.error):
        return None


def _timespec(pid: int, address: int, micro: bool) -> float | None:
    if not address:
        return None  # no timeout: forever
    seconds, fraction = struct.unpack("@qq", deadlock._memory(pid, address, 16))
    return seconds + fraction / (1e6 if micro else 1e9)


def _timeout_and_fds(pid: int, name: str, args: list[int]) -> tuple[float | None, set[int]]:
    fds: set[int] = set()
    if name in ("poll", "ppoll"):
        timeout = (deadlock._int32(args[2]) / 1000 if deadlock._int32(args[2]) >= 0 else None) if name == "poll" \
            else _timespec(pid, args[2], micro=False)
        count = args[1]
        if count > deadlock.MAX_FDS:
            return None, fds
        data = deadlock._memory(pid, args[0], 8 * count)
        for i in range(count):
            fd, _events, _ = struct.unpack_from("=ihh", data, 8 * i)
            if fd >= 0:
                fds.add(fd)
    elif name in ("select", "pselect6"):
        timeout = _timespec(pid, args[4], micro=name == "select")
        count = args[0]
        if count > deadlock.MAX_FDS:
            return None, fds
        size = (count + 63) // 64 * 8
        for pointer in args[1:4]:
            if pointer:
                bits = int.from_bytes(deadlock._memory(pid, pointer, size), "little")
                fds.update(fd for fd in range(count) if bits >> fd & 1)
    else:  # epoll_wait, epoll_pwait, epoll_pwait2
        if name == "epoll_pwait2":
            timeout = _timespec(pid, args[3], micro=False)
        else:
            timeout = deadlock._int32(args[3]) / 1000 if deadlock._int32(args[3]) >= 0 else None
        with open(f"/proc/{pid}/fdinfo/{deadlock._int32(args[0])}") as f:
            for line in f.read().splitlines():
                if line.startswith("tfd:"):
                    fds.add(int(line.split()[1]))
    return timeout, fds

