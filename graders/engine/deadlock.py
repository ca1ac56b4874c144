"""A deadlock the kernel can see: the student's code and the reference peer each waiting for the other.

A hung call costs its limit (3 s). Most hangs are deadlocks that the kernel
shows at once: every thread of every process of the call asleep in a socket
wait that has no timeout, on TCP sockets with nothing to read and nothing on
its way to them, while the grader's peer waits for the student's code. Then
nothing can change any more, and the grader stops the call at once
(`StudentCall.deadlock_seen`, asked by the peer's wait loops), with the same
verdict (HUNG) and stack.

What counts as such a wait, from /proc/<pid>/task/<tid>/syscall (the call
and its arguments) with the thread asleep (state S):

* recvfrom, recvmsg, recvmmsg (without its own timeout), read, readv,
  accept, accept4 on a TCP socket that has no SO_RCVTIMEO (asked of the
  socket itself: a copy of its descriptor, pidfd_getfd);
* poll, ppoll, select, pselect6, epoll_wait, epoll_pwait, epoll_pwait2
  with an infinite timeout (Python's settimeout() makes a poll() with a
  finite one), waiting to read only, on TCP sockets only (the pollfd array
  and fd_sets read from /proc/<pid>/mem, an epoll's list from fdinfo).

Anything else (a sleep, a lock, a wait with a timeout, a connect, a send, a
pipe, a Unix socket, a SIGALRM handler) is not such a wait: the limit
applies, as it does wherever the kernel cannot say (no /proc, an unknown
machine, a syscall file the grader may not read).

Each socket waited on must have an empty receive queue (a listener: an
empty accept queue) and nothing unacknowledged in either direction; its
peer's end (the grader's) nothing unsent nor unread. Two looks LOOK_GAP
apart must agree, and no thread may have run in between (its schedstat
unchanged): a thread momentarily in recv() while data is in flight is
never called deadlocked.

`asleep_past` and `returned_in_silence` ask a lesser question of the same
view, for a peer that holds its FIN: can the code wake by itself before a
moment (a wait with a timeout that outlasts it counts as asleep)?

Over 500 lines: one reading of /proc's waits (the syscalls, their arguments
and timeouts, the sockets' queues), asked three ways; split, each part would
import the others' parsing.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import select
import signal
import socket
import struct
import time

from graders.engine import kernel

LOOK_EVERY = 0.01  # how often a waiting peer looks (the second look confirms the first)

_NUMBERS = {
    "x86_64": {0: "read", 19: "readv", 45: "recvfrom", 47: "recvmsg", 299: "recvmmsg", 43: "accept",
               288: "accept4", 7: "poll", 271: "ppoll", 23: "select", 270: "pselect6", 232: "epoll_wait",
               281: "epoll_pwait", 441: "epoll_pwait2"},
    "aarch64": {63: "read", 65: "readv", 207: "recvfrom", 212: "recvmsg", 243: "recvmmsg", 202: "accept",
                242: "accept4", 73: "ppoll", 72: "pselect6", 22: "epoll_pwait", 441: "epoll_pwait2"},
}
SYSCALLS = _NUMBERS.get(platform.machine())
DIRECT = {"read", "readv", "recvfrom", "recvmsg", "recvmmsg", "accept", "accept4"}
# POLLIN, POLLPRI, POLLRDNORM, POLLRDBAND, POLLRDHUP; and POLLERR, POLLHUP, POLLNVAL, which every wait gets
POLLIN_ONLY = 0x1 | 0x2 | 0x40 | 0x80 | 0x2000 | 0x8 | 0x10 | 0x20
EPOLL_READ = 0x1 | 0x2 | 0x40 | 0x80 | 0x2000 | 0x8 | 0x10  # the same for epoll (EPOLLERR, EPOLLHUP always)
EPOLL_FLAGS = 0xF0000000  # EPOLLET, EPOLLONESHOT, EPOLLWAKEUP, EPOLLEXCLUSIVE: not interests
MAX_FDS = 1024  # a wait on more descriptors than this is not looked into
SIGALRM_BIT = 1 << 13
_PIDFD_GETFD = 438

try:
    _libc = ctypes.CDLL(None, use_errno=True)
    _libc.syscall.restype = ctypes.c_long
except (OSError, AttributeError):
    _libc = None

AVAILABLE = kernel.AVAILABLE and SYSCALLS is not None and hasattr(os, "pidfd_open") and _libc is not None


class Unknown(Exception):
    """The kernel's view cannot decide: not a deadlock."""


def _int32(word: int) -> int:
    word &= 0xFFFFFFFF
    return word - (1 << 32) if word & 0x80000000 else word


def _socket_inode(pid: int, fd: int) -> int:
    try:
        link = os.readlink(f"/proc/{pid}/fd/{fd}")
    except OSError:
        raise Unknown from None
    if not link.startswith("socket:["):
        raise Unknown  # a pipe, a file, an eventfd: not a socket of the conversation
    return int(link[8:-1])


def _memory(pid: int, address: int, size: int) -> bytes:
    try:
        fd = os.open(f"/proc/{pid}/mem", os.O_RDONLY)
    except OSError:
        raise Unknown from None
    try:
        data = os.pread(fd, size, address)
    except OSError:
        raise Unknown from None
    finally:
        os.close(fd)
    if len(data) != size:
        raise Unknown
    return data


def _copy_of(pid: int, fd: int) -> socket.socket | None:
    """A copy of the student's descriptor `fd` (pidfd_getfd) as a socket of the grader's, to ask its options (close
    it after: the student's descriptor stays as it is); None if it is not a socket. Unknown where it cannot be made."""
    try:
        pidfd = os.pidfd_open(pid)
    except OSError:
        raise Unknown from None
    try:
        copy = _libc.syscall(_PIDFD_GETFD, pidfd, fd, 0)
    finally:
        os.close(pidfd)
    if copy < 0:
        raise Unknown
    try:
        return socket.socket(fileno=copy)
    except OSError:
        os.close(copy)
        return None  # not a socket (a pipe, a file)


def _socket_timeout(pid: int, fd: int, option: int) -> float | None:
    """A socket option that holds a timeval (SO_RCVTIMEO, SO_SNDTIMEO) of the student's descriptor, in seconds,
    asked of a copy of it (pidfd_getfd); None if `fd` is not a socket. Unknown where it cannot be asked."""
    sock = _copy_of(pid, fd)
    if sock is None:
        return None
    try:
        seconds, micros = struct.unpack("@ll", sock.getsockopt(socket.SOL_SOCKET, option, 16))
    except OSError:
        raise Unknown from None
    finally:
        sock.close()  # our copy only: the student's descriptor stays as it is
    return seconds + micros / 1e6


def _has_receive_timeout(pid: int, fd: int) -> bool:
    """SO_RCVTIMEO of the student's socket, asked of a copy of its descriptor (pidfd_getfd)."""
    timeout = _socket_timeout(pid, fd, socket.SO_RCVTIMEO)
    if timeout is None:
        raise Unknown  # not a socket
    return bool(timeout)


def has_no_timeout(pid: int, inode: int) -> bool | None:
    """Is socket `inode` of process `pid` blocking with no receive timeout at all (no O_NONBLOCK, which Python's
    settimeout() sets, and no SO_RCVTIMEO)? None where the kernel cannot say."""
    if not AVAILABLE:
        return None
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            if os.readlink(f"/proc/{pid}/fd/{fd}") != f"socket:[{inode}]":
                continue
            with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                flags = next(int(line.split()[1], 8) for line in f if line.startswith("flags:"))
            return not flags & os.O_NONBLOCK and not _has_receive_timeout(pid, int(fd))
    except (OSError, ValueError, StopIteration, Unknown):
        return None
    return None


def _waited_sockets(pid: int, name: str, args: list[int]) -> set[int]:
    """The socket inodes a thread asleep in `name` waits to read from, without a timeout; Unknown otherwise."""
    if name in DIRECT:
        if name == "recvmmsg" and args[4]:
            raise Unknown  # its own timeout
        inode = _socket_inode(pid, _int32(args[0]))
        if _has_receive_timeout(pid, _int32(args[0])):
            raise Unknown
        return {inode}
    fds: set[int] = set()
    if name in ("poll", "ppoll"):
        if (name == "poll" and _int32(args[2]) >= 0) or (name == "ppoll" and args[2]):
            raise Unknown  # a finite timeout
        count = args[1]
        if count > MAX_FDS:
            raise Unknown
        data = _memory(pid, args[0], 8 * count)
        for i in range(count):
            fd, events, _ = struct.unpack_from("=ihh", data, 8 * i)
            if fd < 0:
                continue
            if events & ~POLLIN_ONLY & 0xFFFF:
                raise Unknown  # waits to write too
            fds.add(fd)
    elif name in ("select", "pselect6"):
        if args[4]:
            raise Unknown
        count = args[0]
        if count > MAX_FDS:
            raise Unknown
        size = (count + 63) // 64 * 8
        if args[2] and any(_memory(pid, args[2], size)):
            raise Unknown  # waits to write too
        if args[1]:
            bits = int.from_bytes(_memory(pid, args[1], size), "little")
            fds.update(fd for fd in range(count) if bits >> fd & 1)
    else:  # epoll_wait, epoll_pwait, epoll_pwait2
        if (name == "epoll_pwait2" and args[3]) or (name != "epoll_pwait2" and _int32(args[3]) >= 0):
            raise Unknown
        try:
            with open(f"/proc/{pid}/fdinfo/{_int32(args[0])}") as f:
                lines = f.read().splitlines()
        except OSError:
            raise Unknown from None
        for line in lines:
            if line.startswith("tfd:"):
                words = line.split()
                events = int(words[3], 16) & ~EPOLL_FLAGS
                if events & ~EPOLL_READ:
                    raise Unknown
                fds.add(int(words[1]))
    if not fds:
        raise Unknown  # a wait on nothing is a sleep
    return {_socket_inode(pid, fd) for fd in fds}


EPOLLET = 0x80000000  # in an epoll's fdinfo, the events of a descriptor registered edge-triggered


def _epoll_masks(pid: int, inode: int) -> tuple[list[int], int | None]:
    """The events under which each epoll of process `pid` has the socket `inode` registered (its fdinfo's "tfd:"
    lines: the events as registered, and the target's inode), and `pid`'s descriptor of that socket (None if it
    holds none). Empty where it cannot be read."""
    masks: list[int] = []
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return masks, None
    socket_fd = None
    for fd in fds:
        try:
            link = os.readlink(f"/proc/{pid}/fd/{fd}")
            if link == f"socket:[{inode}]":
                socket_fd = int(fd)
            if link != "anon_inode:[eventpoll]":
                continue
            with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                lines = f.read().splitlines()
        except (OSError, ValueError):
            continue
        for line in lines:
            words = line.split()
            if not words or words[0] != "tfd:":
                continue
            try:
                mask = int(words[3], 16)
                target = next(int(word[4:], 16) for word in words if word.startswith("ino:"))
            except (IndexError, ValueError, StopIteration):
                continue
            if target == inode:
                masks.append(mask)
    return masks, socket_fd


def edge_triggered(pid: int, inode: int) -> bool:
    """Is the socket `inode` registered to be read, edge-triggered (EPOLLIN with EPOLLET), in an epoll of process
    `pid`? From each epoll's fdinfo (`_epoll_masks`). Such a registration reports the socket once per arrival:
    bytes or an EOF left after that event's reads get no event again. False where it cannot be read."""
    return any(mask & EPOLLET and mask & select.EPOLLIN for mask in _epoll_masks(pid, inode)[0])


def reset_unasked(pid: int, inode: int) -> bool:
    """Is the socket `inode`, reset by its peer, registered in an epoll of process `pid` without EPOLLIN (in
    each epoll that has it), its reset still unmet: its pending error ECONNRESET? Then no recv() and no send() was
    called on it since the RST came (either returns that error, and takes it). From each epoll's fdinfo and the
    socket's SO_ERROR, asked of a copy of its descriptor (pidfd_getfd). Asking takes the error, as a call of the
    student's would: asked once, after the verdict that the socket was kept. False where it cannot be told (a
    select() or poll() loop: no fdinfo says what it asks)."""
    events, target_fd = _epoll_masks(pid, inode)
    if not events or any(mask & select.EPOLLIN for mask in events) or target_fd is None:
        return False
    try:
        sock = _copy_of(pid, target_fd)
    except Unknown:
        return False
    if sock is None:
        return False
    try:
        return sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == errno.ECONNRESET
    except OSError:
        return False
    finally:
        sock.close()  # our copy only: the student's descriptor stays as it is


def at_eof(inodes) -> bool:
    """Is one of these sockets at its EOF, the peer's FIN in (CLOSE_WAIT)? A recv() there returns b"" at once, and
    a wait to read it returns at once, unless it reports a socket once per arrival (epoll's EPOLLET) and that
    arrival was reported already. (The receive queue cannot say whether the code saw the EOF: a recv() that
    returns the last bytes also takes the FIN behind them, as the kernel counts.)"""
    try:
        by_inode = {row.inode: row for row in kernel.rows() if row.inode}
    except OSError:
        return False
    return any(row is not None and row.state == "CLOSE_WAIT" for row in map(by_inode.get, inodes))


def reads_socket(pid: int, inode: int) -> bool:
    """Is a thread of process `pid` asleep in a read of the socket `inode` itself (read, recvfrom, recvmsg on
    its descriptor)? While bytes wait in that socket, such a read asks for more than is there: a recv() with
    MSG_WAITALL (and MSG_PEEK, which leaves what it saw). False where it cannot be read."""
    return bool(socket_readers(pid, inode))


def socket_readers(pid: int, inode: int) -> set[int]:
    """The threads (their ids; the main thread's is `pid`) of process `pid` in a read of the socket `inode`
    itself (read, recvfrom, recvmsg on its descriptor). Empty where it cannot be read."""
    if SYSCALLS is None:
        return set()
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return set()
    readers = set()
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/syscall") as f:
                words = f.read().split()
            if not words or not words[0].isdigit() or SYSCALLS.get(int(words[0])) not in ("read", "recvfrom",
                                                                                           "recvmsg"):
                continue
            if _socket_inode(pid, int(words[1], 16)) == inode:
                readers.add(int(task))
        except (OSError, ValueError, IndexError, Unknown):
            continue
    return readers


def _process_waits(pid: int) -> tuple[set[int], list]:
    """Every thread of one process in a wait without timeout: the sockets, and what each thread looked like."""
    try:
        with open(f"/proc/{pid}/status") as f:
            status = f.read()
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return set(), []  # gone
    for line in status.splitlines():
        if line.startswith("State:") and line.split()[1] in ("Z", "X"):
            return set(), []  # a zombie does nothing more
        if line.startswith("SigCgt:") and int(line.split()[1], 16) & SIGALRM_BIT:
            raise Unknown  # an alarm's handler may end any wait
    inodes: set[int] = set()
    seen = []
    for task in tasks:
        base = f"/proc/{pid}/task/{task}"
        try:
            with open(f"{base}/syscall") as f:
                words = f.read().split()
            with open(f"{base}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
            with open(f"{base}/schedstat") as f:
                ran = f.read().split()
        except (OSError, IndexError):
            raise Unknown from None
        if state != "S" or not words or not words[0].isdigit():
            raise Unknown  # running, or not in a system call it sleeps in
        name = SYSCALLS.get(int(words[0]))
        if name is None:
            raise Unknown  # a sleep, a lock, a send, a connect...
        args = [int(w, 16) for w in words[1:7]]
        inodes |= _waited_sockets(pid, name, args)
        seen.append((pid, task, " ".join(words), ran[0] if ran else "", ran[2] if len(ran) > 2 else ""))
    return inodes, seen


def look(pid: int) -> tuple | None:
    """What the call whose first process is `pid` looks like, if it is deadlocked on its sockets; else None.

    Two looks that return the same value LOOK_EVERY apart are a deadlock:
    no thread ran between them (their CPU time and run counts are in it).
    """
    if not AVAILABLE:
        return None
    try:
        inodes: set[int] = set()
        seen = []
        for process in sorted(kernel.call_processes(pid)):
            found, threads = _process_waits(process)
            inodes |= found
            seen += threads
        if not seen or not inodes:
            return None
        table = kernel.rows()
        by_inode = {row.inode: row for row in table if row.inode}
        ends = {(row.local, row.remote): row for row in table}
        for inode in inodes:
            row = by_inode.get(inode)
            if row is None:
                return None  # not TCP (a Unix socket, UDP), or gone
            if row.state == "LISTEN":
                if row.rx_queue:
                    return None  # a connection waits to be accepted
                continue
            if row.rx_queue or row.tx_queue:
                return None  # something to read, or in flight
            other = ends.get((row.remote, row.local))
            if other is None or other.tx_queue or other.rx_queue:
                return None  # the peer's end has something on its way, or unread, or is not the grader's
        return tuple(sorted(seen)), tuple(sorted(inodes))
    except (Unknown, OSError, ValueError, IndexError, struct.error):
        return None


def asleep_reading(pid: int) -> tuple | None:
    """What the call whose first process is `pid` looks like, if every thread of it sleeps in a wait to read
    (the system calls of SYSCALLS, a timeout or not); else None. Two looks alike LOOK_EVERY apart: it was
    waiting all along (no thread ran between). Not a deadlock: a peer asks it to know that the code under test
    waits for the peer's next step (test_server_flow: a server draining until the client's EOF)."""
    if not AVAILABLE:
        return None
    seen = []
    try:
        for process in sorted(kernel.call_processes(pid)):
            for task in os.listdir(f"/proc/{process}/task"):
                base = f"/proc/{process}/task/{task}"
                with open(f"{base}/syscall") as f:
                    words = f.read().split()
                with open(f"{base}/stat") as f:
                    state = f.read().rsplit(")", 1)[1].split()[0]
                with open(f"{base}/schedstat") as f:
                    ran = f.read().split()
                if state != "S" or not words or not words[0].isdigit() or int(words[0]) not in SYSCALLS:
                    return None
                seen.append((process, task, " ".join(words), ran[0] if ran else "", ran[2] if len(ran) > 2 else ""))
    except (OSError, IndexError, ValueError):
        return None
    return tuple(sorted(seen)) or None


# futex: a lock or a join (threading's waits) with no timeout is the 4th argument NULL; these operations wait
FUTEX = {"x86_64": 202, "aarch64": 98}.get(platform.machine())
FUTEX_WAITS = {0, 6, 9, 11, 13}  # WAIT, LOCK_PI, WAIT_BITSET, WAIT_REQUEUE_PI, LOCK_PI2 (op & 127, less CLOCK_REALTIME)


def _asleep_tasks(pid: int, alarms: bool = False) -> list[tuple[int, str, list[str], list[str]]] | None:
    """Every thread of every process of the call whose first process is `pid`, if all are asleep in a system
    call: (process, task, its /proc syscall words, its schedstat words) each; None if one is not (running, or
    not in a system call), or a process has an alarm's handler (which may end any wait). With `alarms`, such a
    process is one more entry instead, (process, ALARM, [], []): a timer of unknown due time. OSError and
    IndexError propagate: a process or thread gone while read."""
    tasks = []
    for process in sorted(kernel.call_processes(pid)):
        with open(f"/proc/{process}/status") as f:
            for line in f.read().splitlines():
                if line.startswith("SigCgt:") and int(line.split()[1], 16) & SIGALRM_BIT:
                    if not alarms:
                        return None  # an alarm's handler may end any wait
                    tasks.append((process, ALARM, [], []))
        for task in os.listdir(f"/proc/{process}/task"):
            base = f"/proc/{process}/task/{task}"
            with open(f"{base}/syscall") as f:
                words = f.read().split()
            with open(f"{base}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
            with open(f"{base}/schedstat") as f:
                ran = f.read().split()
            if state != "S" or not words or not words[0].isdigit():
                return None
            tasks.append((process, task, words, ran))
    return tasks


# A signal the call's process handles and ignores (`fork_server.become_student`): sent to a thread asleep in a
# send() on a full buffer, it ends that send() with the bytes it took so far, as any handled signal may (POSIX);
# sendall() and a loop over send() go on with the rest, a single send() has sent only part (`interrupt_sends`).
INTERRUPT_SIGNAL = signal.SIGRTMIN + 2
_TGKILL = {"x86_64": 234, "aarch64": 131}.get(platform.machine())


def _socket_writers(pid: int, handled: bool = True):
    """(process, task) of every thread of the call whose first process is `pid` that is in a write to a socket
    (send(), sendall()'s send(), os.write() on one), asleep or not; `handled`: only in processes that handle
    INTERRUPT_SIGNAL (`interrupt_sends`)."""
    for process in sorted(kernel.call_processes(pid)):
        try:
            if handled:
                with open(f"/proc/{process}/status") as f:
                    caught = next((int(line.split()[1], 16) for line in f if line.startswith("SigCgt:")), 0)
                if not caught & (1 << (INTERRUPT_SIGNAL - 1)):
                    continue
            tasks = os.listdir(f"/proc/{process}/task")
        except (OSError, ValueError, IndexError):
            continue
        for task in tasks:
            try:
                with open(f"/proc/{process}/task/{task}/syscall") as f:
                    words = f.read().split()
                if not words or not words[0].isdigit() or int(words[0]) not in WRITES:
                    continue
                if not os.readlink(f"/proc/{process}/fd/{_int32(int(words[1], 16))}").startswith("socket:"):
                    continue
            except (OSError, IndexError, ValueError):
                continue
            yield process, int(task)


def interrupt_sends(pid: int) -> int:
    """Send INTERRUPT_SIGNAL to every thread of the call whose first process is `pid` that sleeps in a write to
    a socket (send(), sendall()'s send(), os.write() on one): how many there were. 0 where the kernel cannot say.
    A thread in a send() that has copied bytes into the full buffer (a message larger than the buffer, sent by
    one call) returns that count at once; one that had copied nothing yet is restarted (SA_RESTART, PEP 475).
    Only a process that handles the signal is sent it: one started by exec() (multiprocessing's spawn, a
    subprocess) has its default action, which would end it."""
    if not AVAILABLE or _TGKILL is None:
        return 0
    sent = 0
    for process, task in _socket_writers(pid):
        if _libc.syscall(_TGKILL, process, task, INTERRUPT_SIGNAL) == 0:
            sent += 1
    return sent


def _handles_interrupt(process: int) -> bool:
    """Does process `process` handle INTERRUPT_SIGNAL (`fork_server.become_student`)? False where it cannot be read."""
    try:
        with open(f"/proc/{process}/status") as f:
            caught = next((int(line.split()[1], 16) for line in f if line.startswith("SigCgt:")), 0)
    except (OSError, ValueError, IndexError):
        return False
    return bool(caught & (1 << (INTERRUPT_SIGNAL - 1)))


def interrupt_waits(pid: int) -> list[tuple[int, int]]:
    """Send INTERRUPT_SIGNAL to every thread of the call whose first process is `pid`, in every process of it that
    handles the signal (one started by exec() has its default action, which would end it): the (process, task) of
    each thread signalled. Meant for a call seen asleep: a recv() with MSG_WAITALL that has copied bytes returns
    them at once, as after any handled signal (POSIX); a wait that has taken nothing (a recv(), a select(), a
    lock's) is restarted by Python (PEP 475). Empty where the kernel cannot say."""
    if not AVAILABLE or _TGKILL is None:
        return []
    signalled = []
    for process in sorted(kernel.call_processes(pid)):
        if not _handles_interrupt(process):
            continue
        try:
            tasks = os.listdir(f"/proc/{process}/task")
        except OSError:
            continue
        for task in tasks:
            if task.isdigit() and _libc.syscall(_TGKILL, process, int(task), INTERRUPT_SIGNAL) == 0:
                signalled.append((process, int(task)))
    return signalled


def interrupt_pending(threads: list[tuple[int, int]]) -> bool:
    """Is INTERRUPT_SIGNAL still pending for one of these (process, task) threads (not yet delivered: the system
    call it interrupts has not returned yet)? A thread gone has none pending."""
    for process, task in threads:
        try:
            with open(f"/proc/{process}/task/{task}/status") as f:
                pending = next((int(line.split()[1], 16) for line in f if line.startswith("SigPnd:")), 0)
        except (OSError, ValueError, IndexError):
            continue
        if pending & (1 << (INTERRUPT_SIGNAL - 1)):
            return True
    return False


def in_send(pid: int) -> bool:
    """Is a thread of the call whose first process is `pid` in a write to a socket (`interrupt_sends` would
    signal it)? False where the kernel cannot say."""
    return AVAILABLE and _TGKILL is not None and next(_socket_writers(pid), None) is not None


def set_socket_option(pid: int, inode: int, option: int, value: int, level: int = socket.SOL_SOCKET) -> bool | None:
    """Set an integer option of socket `inode`, held by a process of the call whose first process is `pid`, on a
    copy of its descriptor (pidfd_getfd: the same socket). True if set; False if no descriptor of the call holds it
    (yet: not accepted); None where it cannot be set (no pidfd_getfd, not allowed, not Linux)."""
    return _on_a_copy(pid, inode, lambda sock: sock.setsockopt(level, option, value) or True, missing=False)


def socket_options(pid: int, inode: int, options: dict[str, tuple[int, int, int]]) -> dict[str, bytes] | None:
    """The options `options` ({name: (level, option, buffer length)}) of socket `inode`, held by a process of the call
    whose first process is `pid`, read on a copy of its descriptor (pidfd_getfd: the same socket, whatever the
    process's own code says of it), as getsockopt() gives them (bytes of that length). None where they cannot be
    read (no descriptor of the call holds it, no pidfd_getfd, not allowed, not Linux)."""
    return _on_a_copy(pid, inode, lambda sock: {name: sock.getsockopt(level, option, size)
                                                 for name, (level, option, size) in options.items()}, missing=None)


def _on_a_copy(pid: int, inode: int, use, missing):
    """`use(sock)` on the grader's own copy of the descriptor of socket `inode` that a process of the call whose first
    process is `pid` holds (pidfd_getfd), the copy closed after; `missing` if no descriptor of the call holds it;
    None where no copy can be made or `use` fails (no pidfd_getfd, not allowed, not Linux)."""
    if not AVAILABLE:
        return None
    for process in sorted(kernel.call_processes(pid)):
        try:
            fds = os.listdir(f"/proc/{process}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{process}/fd/{fd}") != f"socket:[{inode}]":
                    continue
                sock = _copy_of(process, int(fd))
            except (OSError, Unknown):
                continue
            if sock is None:
                return None
            try:
                return use(sock)
            except OSError:
                return None
            finally:
                sock.close()  # our copy only: the student's descriptor stays as it is
    return missing


def asleep_anywhere(pid: int) -> tuple | None:
    """What the call whose first process is `pid` looks like if every thread of it sleeps in a system call,
    whatever it waits for (with a timeout or not): two looks alike, nothing ran between. None if a thread runs,
    or where the kernel cannot say."""
    if not AVAILABLE:
        return None
    try:
        tasks = _asleep_tasks(pid, alarms=True)
    except (OSError, IndexError, ValueError):
        return None
    if not tasks:
        return None
    return tuple(sorted((process, task, " ".join(words), ran[0] if ran else "") for process, task, words, ran in tasks))


def asleep_for_good(pid: int) -> tuple | None:
    """What the call whose first process is `pid` looks like, if every thread of it sleeps in a wait that has
    no timeout: a socket wait of SYSCALLS without one (what `look` accepts, on any socket, with anything queued),
    or a lock or join without one (a futex wait whose timeout is NULL); else None. Two looks alike LOOK_EVERY
    apart: nothing ran between. Not a deadlock: such a process changes only when a peer or another of its own
    threads acts, never because time passes. A thread in a timed wait (join(timeout=...), sleep(), a socket
    timeout) is not asleep for good: it will wake by itself (lesson 7 asks, before a client's EOF, whether the
    server's main thread waits for its threads for good or only for a while)."""
    if not AVAILABLE or FUTEX is None:
        return None
    seen = []
    try:
        tasks = _asleep_tasks(pid)
        if tasks is None:
            return None
        for process, task, words, ran in tasks:
            number, args = int(words[0]), [int(w, 16) for w in words[1:7]]
            if number == FUTEX:
                if (args[1] & 127) not in FUTEX_WAITS or args[3]:
                    return None  # a timed wait, or not a wait
            elif number in SYSCALLS:
                _waited_sockets(process, SYSCALLS[number], args)  # Unknown: a timeout of its own
            else:
                return None
            seen.append((process, task, " ".join(words), ran[0] if ran else "", ran[2] if len(ran) > 2 else ""))
    except (Unknown, OSError, IndexError, ValueError, struct.error):
        return None
    return tuple(sorted(seen)) or None


_LAST_DATA_RECV = 52  # offset of tcpi_last_data_recv (u32, ms) in struct tcp_info
_EPOLLONESHOT = 0x40000000
_JIFFY = 0.01  # tcp_info's "ms ago" counts in jiffies (up to 10 ms each): the margin taken off the time it gives


def _last_data_received(pid: int, fd: int) -> float:
    """When the student's socket `fd` last received data (time.monotonic()), from its tcp_info, asked of a copy
    of its descriptor (pidfd_getfd); Unknown where it cannot be read."""
    try:
        pidfd = os.pidfd_open(pid)
    except OSError:
        raise Unknown from None
    try:
        copy = _libc.syscall(_PIDFD_GETFD, pidfd, fd, 0)
    finally:
        os.close(pidfd)
    if copy < 0:
        raise Unknown
    try:
        sock = socket.socket(fileno=copy)
    except OSError:
        os.close(copy)
        raise Unknown from None
    try:
        raw = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
    except OSError:
        raise Unknown from None
    finally:
        sock.close()  # our copy only
    if len(raw) < _LAST_DATA_RECV + 4:
        raise Unknown
    return time.monotonic() - struct.unpack_from("I", raw, _LAST_DATA_RECV)[0] / 1000 - _JIFFY


def _timed_wait(pid: int, name: str, args: list[int]) -> tuple[float, set[int]] | None:
    """A readiness wait's timeout (seconds) and the descriptors it waits to read from, if it has a timeout; None
    if it has none (then `_waited_sockets` judges it); Unknown if it waits to write, or cannot be read."""
    if name in DIRECT:
        return None  # a timeout of its own (SO_RCVTIMEO, recvmmsg's) is Unknown in _waited_sockets
    fds: set[int] = set()
    if name in ("poll", "ppoll"):
        if name == "poll":
            timeout = _int32(args[2]) / 1000 if _int32(args[2]) >= 0 else None
        else:
            timeout = _timespec(pid, args[2], 1e9)
        if timeout is None:
            return None
        count = args[1]
        if count > MAX_FDS:
            raise Unknown
        data = _memory(pid, args[0], 8 * count)
        for i in range(count):
            fd, events, _ = struct.unpack_from("=ihh", data, 8 * i)
            if fd < 0:
                continue
            if events & ~POLLIN_ONLY & 0xFFFF:
                raise Unknown
            fds.add(fd)
    elif name in ("select", "pselect6"):
        timeout = _timespec(pid, args[4], 1e6 if name == "select" else 1e9)
        if timeout is None:
            return None
        count = args[0]
        if count > MAX_FDS:
            raise Unknown
        size = (count + 63) // 64 * 8
        if args[2] and any(_memory(pid, args[2], size)):
            raise Unknown
        if args[1]:
            bits = int.from_bytes(_memory(pid, args[1], size), "little")
            fds.update(fd for fd in range(count) if bits >> fd & 1)
    else:  # epoll_wait, epoll_pwait, epoll_pwait2
        if name == "epoll_pwait2":
            timeout = _timespec(pid, args[3], 1e9)
        else:
            timeout = _int32(args[3]) / 1000 if _int32(args[3]) >= 0 else None
        if timeout is None:
            return None
        try:
            with open(f"/proc/{pid}/fdinfo/{_int32(args[0])}") as f:
                lines = f.read().splitlines()
        except OSError:
            raise Unknown from None
        for line in lines:
            if line.startswith("tfd:"):
                words = line.split()
                events = int(words[3], 16)
                if events & _EPOLLONESHOT or events & ~EPOLL_FLAGS & ~EPOLL_READ:
                    raise Unknown  # disarmed after one event: new data need not wake it
                fds.add(int(words[1]))
    if not fds:
        raise Unknown  # a wait on nothing is a sleep
    return timeout, fds


def _timespec(pid: int, address: int, per_second: float) -> float | None:
    if not address:
        return None
    seconds, fraction = struct.unpack("@qq", _memory(pid, address, 16))
    return seconds + fraction / per_second


def _wait_timeout(pid: int, name: str, args: list[int]) -> float | None:
    """A readiness wait's timeout argument (seconds), whatever it waits for; None if it has none (it waits for
    good). Unknown where it cannot be read."""
    if name == "poll":
        return _int32(args[2]) / 1000 if _int32(args[2]) >= 0 else None
    if name == "ppoll":
        return _timespec(pid, args[2], 1e9)
    if name in ("select", "pselect6"):
        return _timespec(pid, args[4], 1e6 if name == "select" else 1e9)
    if name == "epoll_pwait2":
        return _timespec(pid, args[3], 1e9)
    return _int32(args[3]) / 1000 if _int32(args[3]) >= 0 else None  # epoll_wait, epoll_pwait


# Blocking writes: a send() on a full buffer waits for the peer to read, or for the socket's SO_SNDTIMEO
WRITES = {"x86_64": {1: "write", 20: "writev", 44: "sendto", 46: "sendmsg"},
          "aarch64": {64: "write", 66: "writev", 206: "sendto", 211: "sendmsg"}}.get(platform.machine(), {})
# The sleeps (time.sleep(): clock_nanosleep, TIMER_ABSTIME on CLOCK_MONOTONIC since Python 3.11; or nanosleep)
SLEEPS = {"x86_64": {35: "nanosleep", 230: "clock_nanosleep"},
          "aarch64": {101: "nanosleep", 115: "clock_nanosleep"}}.get(platform.machine(), {})
_TIMER_ABSTIME = 1
_FUTEX_WAIT_BITSET = 9  # its timeout is absolute (CLOCK_MONOTONIC, as Python's timed locks use it)


def short_timers(pid: int, within: float | None = None) -> dict | None:
    """The threads of the call whose first process is `pid` that sleep where a timer of their own will end the
    wait within LONG_TIMEOUT (a timeout shorter than that, a timed lock or join, a sleep, SO_RCVTIMEO):
    {(process, task): (the time.monotonic() by which that timer has surely fired, run time)}. None while a thread is not
    asleep (it runs), or where the kernel cannot say; with each, its schedstat's run time (moved: it woke). An
    empty dict: every thread waits for good (or for LONG_TIMEOUT at least).

    What each thread waits for does not matter (a peer, the grader, may wake it): only its own timer. A peer
    that holds its next step until every such timer has surely fired out-waits the code's short timeouts, so a
    timeout taken for the end of something shows, by construction (lessons 7 and 8, before the last client:
    `clients.Crowd._outwait`). A wait began before it was seen, so its timer fires no later than seen + timeout.
    `within`: count the timers that fire sooner than this from now (LONG_TIMEOUT's, by default); a timer whose
    due time cannot be read (an alarm, SO_RCVTIMEO, an unknown futex) is counted as firing just within it."""
    if not AVAILABLE or FUTEX is None:
        return None
    timed = {}
    now = time.monotonic()
    horizon = now + (LONG_TIMEOUT + 0.001 if within is None else within)
    unknown = horizon - 0.0005  # a timer of unknown due time: held as long as any counted
    try:
        tasks = _asleep_tasks(pid, alarms=True)
        if tasks is None:
            return None
        for process, task, words, ran in tasks:
            if task == ALARM:  # an alarm (signal.alarm(), setitimer()) may be due any moment
                timed[(process, task)] = (unknown, ALARM)
                continue
            number, args = int(words[0]), [int(w, 16) for w in words[1:7]]
            fires = None
            if number == FUTEX:
                op = args[1] & 127
                if op not in FUTEX_WAITS:
                    fires = unknown  # not a wait: unknown, held as long as any
                elif args[3]:
                    value = _timespec(process, args[3], 1e9)
                    fires = (value if op == _FUTEX_WAIT_BITSET else now + value) if value is not None else None
            elif number in WRITES:
                timeout = _socket_timeout(process, _int32(args[0]), socket.SO_SNDTIMEO)
                fires = now + timeout if timeout else None  # no SO_SNDTIMEO: it waits for the peer alone
            elif number in SLEEPS:
                name = SLEEPS[number]
                if name == "nanosleep":
                    value = _timespec(process, args[0], 1e9)
                    fires = now + value if value is not None else unknown
                else:
                    value = _timespec(process, args[2], 1e9)
                    absolute = args[1] & _TIMER_ABSTIME and args[0] == time.CLOCK_MONOTONIC
                    fires = (value if absolute else now + value) if value is not None else unknown
            elif number in SYSCALLS:
                name = SYSCALLS[number]
                if name in DIRECT:
                    fires = unknown if _has_receive_timeout(process, _int32(args[0])) else None
                else:
                    timeout = _wait_timeout(process, name, args)
                    fires = now + timeout if timeout is not None else None
            # Any other system call (pause(), a child's wait, a pipe's read after the function returned: the runner's
            # own waits) has no timer of the code's that the hold could out-wait: none is counted.
            if fires is not None and fires < horizon:
                timed[(process, task)] = (fires, ran[0] if ran else "")
    except (OSError, IndexError, ValueError, struct.error, Unknown):
        return None
    return timed


def timed_waits(pid: int) -> dict | None:
    """The timers of the threads of the call whose first process is `pid`, if every thread is asleep in a system
    call: {(process, task): (name, seconds, absolute, run count)} for each thread asleep in a readiness wait with
    a timeout (select, poll, epoll: its timeout argument, the whole timeout as passed, `_wait_timeout`) or in a
    sleep (nanosleep, clock_nanosleep: its length as asked; with TIMER_ABSTIME, as time.sleep() asks since Python
    3.11, only its deadline is there, a time.monotonic() value, and `absolute` is True). The run count is the
    thread's schedstat's count of times it ran: moved, it woke between two looks. Threads in any other wait are
    not listed; {} if none is timed. None while a thread runs, or where the kernel cannot say (an alarm's handler
    may end any wait)."""
    if not AVAILABLE:
        return None
    timed = {}
    try:
        tasks = _asleep_tasks(pid)
        if tasks is None:
            return None
        for process, task, words, ran in tasks:
            number, args = int(words[0]), [int(w, 16) for w in words[1:7]]
            runs = ran[2] if len(ran) > 2 else ""
            if number in SYSCALLS and SYSCALLS[number] not in DIRECT:
                timeout = _wait_timeout(process, SYSCALLS[number], args)
                if timeout is not None:
                    timed[(process, task)] = (SYSCALLS[number], timeout, False, runs)
            elif number in SLEEPS:
                name = SLEEPS[number]
                if name == "nanosleep":
                    value, absolute = _timespec(process, args[0], 1e9), False
                else:
                    value = _timespec(process, args[2], 1e9)
                    absolute = bool(args[1] & _TIMER_ABSTIME)
                    if absolute and args[0] != time.CLOCK_MONOTONIC:
                        continue  # a deadline on another clock: not comparable with the grader's
                if value is not None:
                    timed[(process, task)] = (name, value, absolute, runs)
    except (OSError, IndexError, ValueError, struct.error, Unknown):
        return None
    return timed


def hold_past_timers(call, cap: float, busy: float = 0.1, margin: float = 0.05,
                     whole: bool = False, within: float | None = None, remembered: bool = True) -> tuple[float, bool]:
    """Hold (the caller's peer does nothing) until every timer of the call's own shorter than LONG_TIMEOUT has
    had its chance to fire (`short_timers`), or `cap` has passed; the seconds held. A thread asleep in such a wait
    is clear once it is seen woken at or past the moment that timer surely fired (`margin` later); woken sooner
    (an event: a zero-window probe's ACK, say), its next wait is watched instead. A call never seen asleep for
    `busy` is not held (it spins, or works: another check's story). Code that gives up on such a timeout (a
    last accept() with a timeout, a send() with one, a loop that ends after a quiet spell) has done so when the
    hold ends, by construction; code that waits for good costs one look, and a thread that wakes on a timer (to
    look at a flag) costs that timer once. `whole`: a code seen with short timers is held LONG_TIMEOUT in all,
    however soon they fire (an idle limit counted over several short timeouts: lessons 7-8 before their last
    client, once per call). `within`: only the timers that fire sooner than this (`short_timers`). `remembered`:
    False, no thread is clear for a short timer it outlived before (a long hold: its next wait may be long). `call`: a
    harness StudentCall (pid, finished, pump). Returns the seconds held, and whether a short timer of the call's
    fired meanwhile (an end during the hold was its doing)."""
    started = time.monotonic()
    if not AVAILABLE or call.finished:
        return 0.0, False
    end, busy_until = started + cap, started + busy
    watched: dict = {}  # thread -> (when its timer surely fires, its run time then) while not clear
    # Threads seen to outlive a timer of theirs in an earlier hold of this call (a loop that polls, a heartbeat):
    # clear at once, so that a periodic timer costs its period once per call, not once per hold.
    # A `whole` hold does not use them: it holds LONG_TIMEOUT for any short timer at all.
    known = getattr(call, "timers_outlived", None) if remembered else None
    clear: set = set(known) if known is not None and not whole else set()
    untimed = 0  # looks in a row with no short timer at all
    # The threads the hold is for: those asleep at its first look. A thread born later (threading.Timer makes a
    # new one at every tick of a heartbeat) began its wait after the hold did: code that gives up on a timeout has
    # its timer running when the hold begins. (A `whole` hold watches every thread.)
    first: set | None = None
    while not call.finished and time.monotonic() < end:
        timers = short_timers(call.pid, within)
        now = time.monotonic()
        if timers is None and now > busy_until:
            break
        if timers is not None:
            busy_until = now + busy
            if first is None:
                first = set(timers)
            if not whole:  # only the threads (and the processes' alarms) that were there at the first look
                timers = {thread: value for thread, value in timers.items() if thread in first}
            for thread, (fires, ran) in timers.items():
                if thread in clear:
                    continue
                due, was = watched.setdefault(thread, (fires, ran))
                if ran != was:  # it woke since: its timer had its chance if that was about its due time (the
                    if now >= due - 2 * LOOK_EVERY:  # wait began before it was seen: due is the latest it fires)
                        clear.add(thread)
                    else:  # woken sooner, by an event: its next wait is watched (its due time then right, as a
                        watched[thread] = (fires, ran)  # wait seen at once after a wake began about then)
            for thread, (due, _) in watched.items():
                if (thread not in timers or thread[1] == ALARM) and now >= due + margin:
                    clear.add(thread)  # no longer in a short wait (or an alarm's handler), past its due time
            untimed = untimed + 1 if all(t in clear for t in timers) else 0  # no timer pending (known ones clear)
            if whole and watched and now < started + LONG_TIMEOUT + margin:
                pass  # `whole`: a code with short timers is held LONG_TIMEOUT in all (an idle limit counted in them)
            elif all(t in clear for t in watched) and (watched or untimed >= 1) and all(t in clear for t in timers):
                break  # every thread asleep with no short timer of its own (one look: each is in a system call)
        select.select([call], [], [], LOOK_EVERY)
        call.pump()
    now = time.monotonic()
    # Its end came of a timer of its own: one had fired (a thread cleared by its wake), or the call ended while it
    # was seen waiting on one. Not an end that came with no timer seen (it returned at once, or was finishing).
    fired = bool(clear - set(known or ())) or (call.finished and bool(watched))
    if known is not None and not call.finished:
        known.update(thread for thread in clear if thread[1] != ALARM)  # an alarm may be set again at any time
    held = now - started
    if hasattr(call, "deadline"):
        call.deadline += held  # the grader's own wait: never counted against the code's limit
    return held, fired


LONG_TIMEOUT = 2.0  # a timer of the code's at least this long is out-waited by no short hold (`short_timers`)
# The longest timer of the code's that a long hold (`hold_past_long_timer`) out-waits: a timeout of 2 s or more
# taken for "nothing is coming" (a server's settimeout(3.0) "against stuck clients", a recv_frame() that takes 5 s
# of silence for the end) shows where a check asks for it. A timer longer than this is a safety net no check waits
# out (INSTRUCTORS.md, "Inputs the reference peers never send").
LONG_CAP = 10.0
# A process with a SIGALRM handler, in `short_timers`: its alarm's due time is nowhere in /proc (an itimer), so a
# hold that sees it waits LONG_TIMEOUT (an alarm shorter than that has fired by then), each time: the code may set
# it again at any moment. Correct code with an alarm's handler pays that at each hold (a rare style).
ALARM = "alarm"


def long_timer(call, busy: float = 0.1) -> float | None:
    """The longest timer of the call's own from LONG_TIMEOUT to LONG_CAP, seconds, as the kernel shows it once every
    thread sleeps (`timed_waits`: a poll, select or epoll timeout, as socket.settimeout() makes one, or a sleep; a
    sleep to a deadline counts from now); None if there is none, or the call was never seen asleep for `busy`.
    A timed lock, a join with a timeout, SO_RCVTIMEO or an alarm is not seen: their due time is not the kernel's
    word for a wait this long (`short_timers` counts them as firing at once)."""
    end = time.monotonic() + busy
    while not call.finished:
        waits = timed_waits(call.pid)
        if waits is not None:
            now = time.monotonic()
            seconds = [value - now if absolute else value for _, value, absolute, _ in waits.values()]
            longest = max((value for value in seconds if value <= LONG_CAP), default=None)
            return longest if longest is not None and longest >= LONG_TIMEOUT else None
        if time.monotonic() > end:
            return None
        select.select([call], [], [], LOOK_EVERY)
        call.pump()
    return None


def hold_past_long_timer(call, margin: float = 0.5) -> tuple[float, float | None, bool]:
    """Once per call (its `long_held`), hold (the caller's peer does nothing) until the code's own longest timer
    from LONG_TIMEOUT to LONG_CAP has had its chance to fire (`long_timer`, then `hold_past_timers` within it): the
    short holds out-wait only timers under LONG_TIMEOUT, so that correct code pays little at each of them; a check
    whose contract has the code wait however long it takes asks for this one where it matters (before a client's
    first byte, lesson 4; before the FIN of a peer gone quiet, lesson 5). Code that gives up on such a timer (takes
    it for "nothing is coming") has done so when the hold ends, by construction. The cost is the code's own timer,
    paid once per call and only by code that sets one: code that waits with no timeout (every reference solution)
    costs one look. Returns the seconds held, the timer seen (None: no hold), and whether a timer of the call's
    own fired meanwhile (`hold_past_timers`). The grader's wait: the call's limit moves by as long."""
    if not AVAILABLE or call.finished or getattr(call, "long_held", False):
        return 0.0, None, False
    timer = long_timer(call)
    if timer is None:
        return 0.0, None, False
    call.long_held = True
    held, fired = hold_past_timers(call, timer + margin, within=timer + LOOK_EVERY, remembered=False)
    return held, timer, fired


def asleep_past(pid: int, horizon: float) -> tuple | None:
    """What the call whose first process is `pid` looks like, if nothing in it can wake by itself before
    `horizon` (time.monotonic()); else None.

    Every thread asleep in a wait that only a peer (or another of its own
    threads) can end before then: what `asleep_for_good` accepts (a socket
    wait or a lock or join without a timeout), or a readiness wait (poll,
    select, epoll) whose timeout runs out after `horizon` however early it
    began. A wait to read a socket is woken by data arriving on it, so it
    began no earlier than the last data its sockets received (their
    tcp_info): it ends no earlier than that plus its timeout. Every socket
    waited on has nothing to read and nothing in flight (as in `look`). Two
    looks alike LOOK_EVERY apart: nothing ran between. Not a deadlock: a
    wait with a timeout ends by itself, only not before `horizon`.
    """
    if not AVAILABLE or FUTEX is None:
        return None
    seen = []
    inodes: set[int] = set()
    try:
        tasks = _asleep_tasks(pid)
        if tasks is None:
            return None
        for process, task, words, ran in tasks:
            number, args = int(words[0]), [int(w, 16) for w in words[1:7]]
            if number == FUTEX:
                if (args[1] & 127) not in FUTEX_WAITS or args[3]:
                    return None  # a timed wait, or not a wait
            elif number in SYSCALLS:
                name = SYSCALLS[number]
                timed = _timed_wait(process, name, args)
                if timed is None:
                    inodes |= _waited_sockets(process, name, args)
                else:
                    timeout, fds = timed
                    began = max(_last_data_received(process, fd) for fd in fds)
                    if began + timeout < horizon:
                        return None  # it may wake by itself before the horizon
                    inodes |= {_socket_inode(process, fd) for fd in fds}
            else:
                return None
            seen.append((process, task, " ".join(words), ran[0] if ran else "", ran[2] if len(ran) > 2 else ""))
        if not seen:
            return None
        table = kernel.rows()
        by_inode = {row.inode: row for row in table if row.inode}
        ends = {(row.local, row.remote): row for row in table}
        for inode in inodes:
            row = by_inode.get(inode)
            if row is None:
                return None  # not TCP, or gone
            if row.state == "LISTEN":
                if row.rx_queue:
                    return None
                continue
            if row.rx_queue or row.tx_queue:
                return None  # something to read, or in flight
            other = ends.get((row.remote, row.local))
            if other is None or other.tx_queue or other.rx_queue:
                return None
    except (Unknown, OSError, IndexError, ValueError, struct.error):
        return None
    return tuple(sorted(seen))


# How long a peer stays quiet before its FIN at most, for code that waits with a timeout: one shorter than
# LONG_TIMEOUT, taken for the end, shows (an independent trial's settimeout(1.0) read as EOF passed a cap of 0.95 s);
# one of 2 s or more, begun as the last data came, outlasts it (it is the code's choice, as everywhere in the course).
QUIET_CAP = LONG_TIMEOUT - 0.05


def returned_in_silence(call, replies_unread: bool = False, long: bool = False) -> bool:
    """`_returned_in_silence`; with `long`, code seen asleep with a timer of its own from LONG_TIMEOUT to LONG_CAP
    is then held until that timer has had its chance to fire, once per call (`hold_past_long_timer`): code that
    takes it for the end returns in the silence too, and the timer's seconds are left in the call's
    `silence_timer` for the message. Code that waits with no timeout pays nothing more."""
    if _returned_in_silence(call, replies_unread):
        return True
    if not long or call.finished:
        return call.finished
    _, timer, fired = hold_past_long_timer(call)
    if fired and call.finished:
        call.silence_timer = timer
    return call.finished


def _returned_in_silence(call, replies_unread: bool = False) -> bool:
    """A peer that has sent all it will before its FIN holds the FIN: True if the student's function returned
    in that silence (`call`: a harness StudentCall, read for `finished`, `pid` and `pump`).
    `replies_unread`: the peer has not read what the code sent it yet, so the code is judged asleep
    by its waits alone (`asleep_for_good`), whatever the sockets hold.

    Held until the kernel shows the student's code asleep where nothing
    but the FIN can wake it before the hold would end (`asleep_past`,
    twice alike: a read without a timeout on sockets with nothing to read,
    in any thread, the others in a join or a lock without one; or a wait
    whose timeout outlasts the hold), and correct code is seen so within
    about LOOK_EVERY twice. Code that waits with a shorter timeout is held
    QUIET_CAP at most: a loop that ends on a timeout shorter than that
    returns before the FIN, by construction. Without the kernel's view of
    waits (not Linux), the FIN goes at once: False.
    """
    if not AVAILABLE:
        return False
    started = time.monotonic()
    end = started + QUIET_CAP
    last = None
    try:
        while not call.finished and time.monotonic() < end:
            seen = asleep_for_good(call.pid) if replies_unread else asleep_past(call.pid, end)
            if seen is not None and seen == last:
                return False
            last = seen
            select.select([call], [], [], LOOK_EVERY)
            call.pump()
        return call.finished
    finally:
        if hasattr(call, "deadline"):
            call.deadline += time.monotonic() - started  # the grader's own wait: not the code's limit
