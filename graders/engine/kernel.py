"""What the kernel says about TCP sockets: /proc/net/tcp and /proc/net/tcp6.

Graders judge what happened, not what the student's code claims: the state
of a connection (TIME_WAIT, CLOSE_WAIT, LISTEN), how many bytes wait unread
in a receive queue, which process holds a socket. Linux shows all of this in
/proc; elsewhere (macOS) `AVAILABLE` is False, and a check that rests on
these observations says "not judged on this system" (`checks.not_judged`),
never PASS.

COURSE_KERNEL_VIEW=off switches the view off on Linux too (`AVAILABLE`
False), so that the graders' own tests can prove what a system without it
gets. For tests only: it can only take verdicts away.

Over 500 lines: one small reader of /proc per question the graders ask (connections, the sockets a process
holds, its threads' states, CPU time and waits for a CPU), sharing one parsing of its files.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import struct
import termios

from graders.engine import sock_diag
from graders.engine.sock_diag import STATES, Address, Row, Sending, lookup  # noqa: F401 - the graders' face

AVAILABLE = os.path.exists("/proc/net/tcp") and os.environ.get("COURSE_KERNEL_VIEW", "").lower() != "off"

def _ipv4(hex_addr: str) -> str:
    return socket.inet_ntop(socket.AF_INET, struct.pack("=I", int(hex_addr, 16)))


def _ipv6(hex_addr: str) -> str:
    raw = b"".join(struct.pack("=I", int(hex_addr[i : i + 8], 16)) for i in range(0, 32, 8))
    text = socket.inet_ntop(socket.AF_INET6, raw)
    return text[7:] if text.startswith("::ffff:") and "." in text else text


def _parse(path: str, decode) -> list[Row]:
    try:
        with open(path) as f:
            lines = f.read().splitlines()[1:]
    except OSError:
        return []
    rows = []
    for line in lines:
        fields = line.split()
        local, remote, state, queues, inode = fields[1], fields[2], fields[3], fields[4], fields[9]
        lhost, lport = local.split(":")
        rhost, rport = remote.split(":")
        tx, rx = queues.split(":")
        rows.append(Row(
            local=(decode(lhost), int(lport, 16)),
            remote=(decode(rhost), int(rport, 16)),
            state=STATES.get(state, state),
            tx_queue=int(tx, 16),
            rx_queue=int(rx, 16),
            inode=int(inode),
        ))
    return rows


def udp_inodes() -> set[int]:
    """Inodes of the machine's UDP sockets (/proc/net/udp and udp6, the same columns as TCP's tables)."""
    return {row.inode for row in _parse("/proc/net/udp", _ipv4) + _parse("/proc/net/udp6", _ipv6)}


def rows() -> list[Row]:
    """Every TCP socket of this network namespace, IPv4 and IPv6.

    Asked of the kernel through sock_diag (netlink), which costs a tenth of a
    millisecond where reading /proc/net/tcp costs milliseconds (the kernel
    walks its whole socket table to print it); /proc where netlink is refused.
    """
    global _netlink
    if _netlink:
        try:
            return sock_diag.dump(socket.AF_INET) + sock_diag.dump(socket.AF_INET6)
        except OSError:
            _netlink = False
    return _parse("/proc/net/tcp", _ipv4) + _parse("/proc/net/tcp6", _ipv6)


_netlink = AVAILABLE and hasattr(socket, "AF_NETLINK")
def listeners() -> list[Row]:
    """Every listening TCP socket of this network namespace, IPv4 and IPv6: cheaper than rows() (sock_diag reads
    its table of listeners alone)."""
    global _netlink
    if _netlink:
        try:
            return sock_diag.dump(socket.AF_INET, sock_diag.LISTENING) + sock_diag.dump(socket.AF_INET6,
                                                                                        sock_diag.LISTENING)
        except OSError:
            _netlink = False
    return [row for row in rows() if row.state == "LISTEN"]


def connection(local: Address, remote: Address, table: list[Row] | None = None) -> Row | None:
    """The socket whose local and remote ends are these, or None (looked up by the kernel without a table)."""
    global _netlink
    if table is None and _netlink and ":" not in local[0]:
        try:
            found = sock_diag.lookup(local, remote)
        except OSError:
            _netlink = False
        except ValueError:  # not IPv4 addresses: the table's
            pass
        else:
            return found[0] if found else None
    for row in rows() if table is None else table:
        if row.local == local and row.remote == remote:
            return row
    return None


def on_port(host: str, port: int, state: str, table: list[Row] | None = None) -> list[Row]:
    """Sockets bound to (host, port) in the given state."""
    global _netlink
    if table is None and state == "LISTEN" and _netlink and ":" not in host:
        try:  # the kernel finds a listener as it finds one for an arriving SYN: no walk of every socket
            found = sock_diag.lookup((host, port), ("0.0.0.0", 0))
        except OSError:
            _netlink = False
        except ValueError:  # not an IPv4 address: the table's
            pass
        else:
            return [found[0]] if found and found[0].state == "LISTEN" else []
    return [r for r in (rows() if table is None else table) if r.local == (host, port) and r.state == state]


def by_inode(inodes: list[int], table: list[Row] | None = None) -> list[Row]:
    wanted = set(inodes)
    return [r for r in (rows() if table is None else table) if r.inode in wanted]


def socket_inodes(pid: int) -> set[int]:
    """Inodes of the sockets that process `pid` holds open (empty if unknown)."""
    inodes = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return inodes
    for fd in fds:
        try:
            link = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(int(link[8:-1]))
    return inodes


def holds_socket(pid: int, inode: int) -> bool | None:
    """Does process `pid` hold the socket `inode` open (a descriptor of it)? None where its descriptors cannot be read."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return None
    wanted = f"socket:[{inode}]"
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == wanted:
                return True
        except OSError:
            continue
    return False


def socket_fd(pid: int, inode: int) -> int | None:
    """The lowest descriptor number by which process `pid` holds the socket `inode` (what fileno() says), or None."""
    found = []
    with contextlib.suppress(OSError):
        for fd in os.listdir(f"/proc/{pid}/fd"):
            with contextlib.suppress(OSError):
                if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                    found.append(int(fd))
    return min(found, default=None)


def socket_fds(pid: int, inode: int) -> int:
    """How many file descriptors of process `pid` refer to the socket `inode` (a dup() is one more)."""
    count = 0
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return 0
    for fd in fds:
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]"
        except OSError:
            continue
    return count


def socket_blocking(pid: int, inode: int) -> bool | None:
    """Is the socket `inode`, as process `pid` holds it, in blocking mode (its descriptor's flags, in
    /proc/<pid>/fdinfo, without O_NONBLOCK)? None where no descriptor of it can be read."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return None
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") != f"socket:[{inode}]":
                continue
            with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                for line in f:
                    if line.startswith("flags:"):
                        return not int(line.split()[1], 8) & os.O_NONBLOCK
        except (OSError, ValueError, IndexError):
            continue
    return None


def _descendants(pid: int) -> set[int]:
    """`pid` and every process descended from it, in one walk of the kernel's lists of children."""
    seen: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo.extend(int(child) for child in f.read().split())
            except (OSError, ValueError):
                continue
    return seen


WALK_TRIES = 5  # walks of a call's processes until two agree


def call_processes(pid: int) -> set[int]:
    """Every process of the call whose first process is `pid`: it and all its descendants, living or zombie.

    A call has its own PID namespace (isolation `uid` and `full`), of which
    `pid` is PID 1: every process of the call descends from it, a
    ``setsid()``'d or double-forked one too (an orphan is re-parented to
    PID 1 of its namespace). A process that ends while the walk passes
    moves its children to PID 1: the walk is taken again until two agree.
    Without a PID namespace (isolation `basic`), an orphan goes to the fork
    server, and is no longer found here.
    """
    last = _descendants(pid)
    for _ in range(WALK_TRIES):
        now = _descendants(pid)
        if now == last:
            break
        last = now
    return last


def call_socket_inodes(pid: int) -> set[int]:
    """Inodes of the sockets that any process of the call (see `call_processes`) holds open.

    Read again until two looks agree, so that a socket handed from a
    process that ends to one it forked is seen in one of them.
    """
    last: tuple[set[int], set[int]] | None = None
    for _ in range(WALK_TRIES):
        pids = call_processes(pid)
        inodes = set().union(*(socket_inodes(p) for p in pids))
        if last is not None and last == (pids, inodes):
            break
        last = (pids, inodes)
    return inodes


def sleeping(pid: int) -> bool:
    """True when every thread of process `pid` sleeps in the kernel (state S), or it is gone.

    A thread asleep in recv() has released its socket (sk_wait_data), so a
    packet sent now cannot join the bytes that recv() already copied.
    """
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return True
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue  # the thread just ended
        if state not in ("S", "Z", "X"):
            return False
    return True


def _threads_cpu(pid: int) -> float | None:
    """Seconds of CPU that process `pid`'s live threads have used, in nanoseconds' precision (None if gone)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    total = 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e9


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _process_cpu_split(pid: int) -> tuple[float, float] | None:
    """Seconds of CPU that process `pid` used: (its own, ended threads included; its reaped children's).

    /proc/<pid>/stat counts, in clock ticks, the whole process (utime,
    stime: ended threads too) and the children it waited for (cutime,
    cstime: theirs and their own reaped children's); the live threads'
    schedstat counts them to the nanosecond. None if the process is gone.
    """
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    except (OSError, ValueError, IndexError):
        return None
    return max(_threads_cpu(pid) or 0.0, (utime + stime) / _TICK), (cutime + cstime) / _TICK


def _process_cpu(pid: int) -> float | None:
    """Seconds of CPU that process `pid` used, its ended threads and its reaped children included (None if gone)."""
    split = _process_cpu_split(pid)
    return None if split is None else split[0] + split[1]


def own_cpu_time(pid: int) -> float | None:
    """Seconds of CPU that process `pid` itself used (its threads, ended ones too), without any child's.

    Beside `cpu_time`, it says where a call's work was done: in the process
    that was called, or in processes it forked.
    """
    split = _process_cpu_split(pid)
    return None if split is None else split[0]


def cpu_time(pid: int) -> float | None:
    """Seconds of CPU that the call whose first process is `pid` has used: every process of it (None if gone).

    Its processes living or zombie (`call_processes`), their ended threads,
    and the children they reaped, from the scheduler's own accounting
    (/proc/<pid>/task/*/schedstat in nanoseconds, /proc/<pid>/stat in clock
    ticks): what the call cost, whatever else the machine was busy with
    meanwhile, and nothing the call's processes can fake. Work done in a
    forked child counts as the function's own.
    """
    first = _process_cpu(pid)
    if first is None:
        return None
    return first + sum(_process_cpu(p) or 0.0 for p in call_processes(pid) - {pid})


def run_delays(pid: int) -> dict[str, float]:
    """Seconds that each live thread of process `pid` has spent runnable but waiting for a CPU, by thread id
    (empty if unknown)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return {}
    delays = {}
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                delays[task] = int(f.read().split()[1]) / 1e9
        except (OSError, ValueError, IndexError):
            continue
    return delays


def run_delay(pid: int) -> float:
    """Seconds that process `pid`'s live threads have spent runnable but waiting for a CPU (0 if unknown).

    A wait for the student's code to answer is judged on its own time, not
    on the machine's: this much of the wait was the machine being busy.
    """
    return sum(run_delays(pid).values())


class RunDelayClock:
    """How long, from its creation on, the threads of process `pid` waited for a CPU, those that ended since
    included (a sum over the live threads drops a thread's share when it ends: a client's thread that died would
    take its wait back)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.start = run_delays(pid)
        self.last = dict(self.start)

    def __call__(self) -> float:
        self.last.update(run_delays(self.pid))
        return sum(delay - self.start.get(task, 0.0) for task, delay in self.last.items())


def thread_run_delay(tid: int | None) -> float:
    """Seconds that thread `tid` of the grader's own process has spent runnable but waiting for a CPU (0 if
    unknown, or the thread has ended)."""
    if tid is None:
        return 0.0
    try:
        with open(f"/proc/self/task/{tid}/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def own_run_delay() -> float:
    """Seconds the calling thread (of the grader) has spent runnable but waiting for a CPU (0 if unknown).

    What the grader sees late because it was not running: a close it
    noticed late, or a deadline it checked late.
    """
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def wakeups(pid: int) -> int | None:
    """How many times process `pid`'s live threads have gone to sleep or been preempted (the kernel's context
    switches, voluntary and not, in /proc/<pid>/task/*/status; None if it is gone). A thread that sleeps in a wait
    without a timeout adds none until something wakes it; one that sleeps a millisecond at a time adds one each."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    total = 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                        total += int(line.split(":", 1)[1])
        except (OSError, ValueError):
            continue
    return total


def thread_count(pid: int) -> int | None:
    """How many threads process `pid` has (None if it is gone)."""
    try:
        return len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return None


def unsent(sock: socket.socket) -> int:
    """Bytes this socket has sent that the peer's kernel has not acknowledged yet."""
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]


def not_sent(sock: socket.socket) -> int:
    """Bytes written to this socket that its kernel has not sent yet (SIOCOUTQNSD): not counting those in flight."""
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), 0x894B, b"\0\0\0\0"))[0]


def memory(pid: int) -> dict[str, int]:
    """Process `pid`'s resident memory now (VmRSS) and at its peak (VmHWM), in bytes ({} if unknown)."""
    found = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    name, value = line.split(":", 1)
                    found[name] = int(value.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        return {}
    return found


SYN_SENT = 1 << 2  # the state mask of TCP_SYN_SENT alone (idiag_states)


def connecting_to(address: Address) -> list[Address]:
    """The local ends of the IPv4 sockets of this network namespace still connecting to `address` (SYN_SENT: a
    connect() whose handshake has not come). A listener's address of 0.0.0.0 matches its port on any host."""
    global _netlink

    def to_it(row: Row) -> bool:
        return row.remote[1] == address[1] and address[0] in ("0.0.0.0", "", row.remote[0])

    if _netlink:
        try:
            found = sock_diag.dump(socket.AF_INET, SYN_SENT)
        except OSError:
            _netlink = False
        else:
            return [row.local for row in found if to_it(row)]
    return [row.local for row in rows4() if row.state == "SYN_SENT" and to_it(row)]


def rows4() -> list[Row]:
    """The IPv4 sockets only: half the cost of rows() where a grader knows it uses IPv4."""
    return _parse("/proc/net/tcp", _ipv4)


def sending(local: Address, remote: Address) -> Sending | None:
    """The sending side of the IPv4 TCP socket with these ends (`sock_diag.sending`; None where the kernel
    cannot say)."""
    return sock_diag.sending(local, remote) if _netlink else None


def unread(sock: socket.socket) -> int:
    """Bytes waiting in this socket's receive queue (FIONREAD)."""
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.FIONREAD, b"\0\0\0\0"))[0]
