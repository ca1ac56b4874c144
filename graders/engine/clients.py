"""Several reference clients at once against one student server (lessons 7 and 8).

`Crowd` plays one whole scenario against `serve_clients(port, host, count)`
(or the selectors twin) and records what it observed, phase by phase; each
check of a lesson then judges one observation. Everything that decides a
verdict is ordered by construction, never by sleeping:

* Before the student's server starts, the grader leaves a connection on the
  port in TIME_WAIT itself (`time_wait_port`), so only a listener with
  SO_REUSEADDR can bind. The clients always close first, so the student's
  side never makes a TIME_WAIT of its own.
* Clients A and C send half a line and hold; B sends a line, gets its reply,
  sends half a line and holds; lesson 8's F floods lines and never reads.
  Only then does the last client, D, send its lines, in pieces (each read
  before the next, split inside a multi-byte character, two lines in one
  piece; lesson 7 also a line in four pieces, a 12 KiB line and one line
  three times: D_MORE_PIECES). Between D's pieces, lesson 7 reads which
  thread sleeps in a read of D's socket: never the main thread, the one
  that called the function (`_read_by_main`). A server that serves one
  client after another, or a pool of fewer than `count` threads, is busy
  with a held client and can never answer D:
  it fails every time. Lesson 7 adds HERD (87) clients after C that connect
  and send nothing until the end (`_herd`): 90 idle clients when D comes,
  more than the largest pool ThreadPoolExecutor() makes by default and more
  than a cap a student picks (min(count, 40)), so a pool of fewer than
  `count` workers fails on any machine.
* Before D connects, the grader holds until every timer of the server's own
  shorter than LONG_TIMEOUT (2 s) has had its chance to fire (`_outwait`,
  from the kernel's view of each thread's wait): a server that closes an idle
  client, or stops accepting or returns after a quiet spell, has done so by
  then, by construction. Code that waits for good costs one look; a server
  with short timers is held 2 s in all (an idle limit counted over them).
* B then resets (SO_LINGER 0), and A and C must still be answered. B
  first ends its line, and that line and the RST both arrive while the
  server's process is stopped (SIGSTOP, then SIGCONT once both are in its
  kernel): its recv() returns the line, and the send() of its reply, by
  construction, is what meets the reset (`_reset`). Lesson 8 counts that
  line (its reply was queued); lesson 7 does not (its reply was never sent),
  so a thread that counts a line before sending its reply is caught.
* Lesson 8's G sends lines without reading, each read by the server before
  the next, until the server stops reading it (`_stop_reading`); after B's
  reset, G resets while the server asks its selector about writing to G
  only, so the send() of G's replies meets the reset (`_reset_unread`),
  whatever order the loop reads and writes in.
* Lesson 8's Z comes first and goes: half a line (read before its EOF, dropped there), its FIN, the server's
  close, the server idle again (`_first_comes_and_goes`). Every client accepted so far is then done with seven
  to come: a loop that ends once no client is connected has closed its listener, and A is refused, every time.
* Lesson 8's E comes before D: one line, its reply, its FIN; once the server
  has closed E's socket, D's accept() gets the number it had (`_come_and_go`),
  so a socket closed without unregister() at its EOF meets D's register().
* Lesson 8's D ends with 72 lines at once (D_BURST), sent while the server's
  process is stopped, so that all of them wait in its receive queue, more
  than one recv() of 64 KiB takes, when it runs again (`_burst`): a loop
  told of a socket once per arrival (edge-triggered epoll) that reads it
  once leaves the rest unread, every time.
* "The listener is closed" and "the function waits for its threads" are
  judged once the student's process is idle (every thread asleep in the
  kernel, `kernel.sleeping`): an idle server that still listens, or that has
  returned while A and C are mid-line, can never change its mind.
* A further connect is probed only after the listening socket has left
  /proc/net/tcp, so it is refused by construction.
* "No reply will come" is also judged from the kernel, not by waiting:
  the server's process asleep for QUIET_REPLY, everything the client sent
  acknowledged, nothing of the server's in flight (`_silent`). LINE_WAIT
  only ends the wait for a server that never sleeps.
* Lesson 8's F sends until its send() blocks; the server has stopped
  reading it once it sleeps (or spins, BUSY_STALL) with F's bytes waiting
  in its receive queue. An unbounded server takes all 128 MiB, or passes
  MEMORY_BOUND first; a server blocked in send() to F cannot answer D.
  During lesson 8's scenario the send buffers of the run's own network
  namespace are capped (SEND_BUFFER_CAP, net.ipv4.tcp_wmem) below the
  backlog any server holds for F once it stops reading it: a sendall() on a
  non-blocking socket then raises BlockingIOError (after sending part), and
  a blocking send() blocks, every time, not only when buffers happen to be
  small.

* Lesson 8's bound is read from the kernel once F's sending stalled: what
  the server read of F's (tcpi_bytes_received less its receive queue) less
  what it wrote to F (acknowledged, or in its send queue) is what it holds;
  at most the lesson's 1 MiB and one read (the socket's receive buffer,
  capped small in the run's namespace: RECEIVE_BUFFER_CAP) and a line.
* Idle, a server must sleep for good: its CPU time (a spin) and, once it
  sleeps, its threads' context switches over WAKE_LOOK (a poll: a sleep or
  a short timeout in its loop wakes it hundreds of times a second).
* A ends with a line without b"\n" before its EOF (dropped: no reply, not
  counted), and A's and C's second lines end in bytes a strip() would take.
  Lesson 8: those last bytes and A's FIN reach the server's kernel together
  while its process is stopped (`_tail_with_eof`): one recv() per
  edge-triggered event (EPOLLET) takes the bytes and is never told of the
  EOF, every time; the kernel shows A's socket in CLOSE_WAIT, registered
  EPOLLET, while the server sleeps (`_eof_unseen`).
* Lesson 7: each client after the first connects once the server is idle
  (`_settle`): a server that accepts fewer than `count` has closed its
  listener by then, so the next client is refused every time, never left in
  the accept queue to be reset as the listener closes. (Lesson 8's D comes
  once the server sleeps, having stopped reading G.) A server that closes its
  listener later, with a client's connection in its queue, is seen once it is
  idle after that connect: the connection reset, the listener gone, before
  the client sends (`_reset_in_queue`).

Threads are counted from /proc/<pid>/task: against a call that runs no
student code (the harness's own threads) and against the count when the
server first listens, each lesson taking the lenient one of the two. Memory
comes from /proc/<pid>/status (VmRSS when it first listens, VmHWM after the
flood).

Over 500 lines: one scenario (lessons 7 and 8), played and judged phase by phase, read best whole.
"""

from __future__ import annotations

import contextlib
import errno
import os
import platform
import select
import signal
import socket
import struct
import time
from dataclasses import dataclass, field

from graders.engine import deadlock, kernel
from graders.engine.checks import expect_given_address, not_judged
from graders.engine.harness import (
    ASLEEP_WAIT,
    POLL,
    TIMELINE_BYTES,
    CheckFailed,
    Peer,
    Run,
    StudentCall,
    Timeline,
    show,
)
from graders.engine.student import writes_unflushed
from graders.engine.timeline import preview
from graders.engine.verdict import PRINTED_FRAME as _FRAME
from graders.engine.verdict import PRINTED_THREAD_DIED as _THREAD_DIED
from graders.engine.verdict import Error
from graders.text import messages as text

# Named time limits, each with what it is for.
CROWD_LIMIT = 5.0  # the student's server, start to return: a correct one needs a fraction of a second
LINE_WAIT = 1.0  # how long a client waits for the reply to a complete line (a deadlock is forever; this ends it)
CPU_WAIT_CAP = 10.0  # at most this much of the server's waiting for a CPU (a busy machine) extends LINE_WAIT
# ...and at most this much of it moves the call's limit (within the process's own lifetime margin, with the holds)
BUSY_MACHINE_CAP = 3.0
# ...and at most this much of the grader's own wait for a CPU (it plays the scenario late on a busy machine) moves it
GRADER_LATE_CAP = 3.0
DELAY_LOOK = 0.05  # how often the server's wait for a CPU is read
# A wait for a reply ends this long before the server's limit, however much it was extended: a server that
# does not reply is judged as such, never stopped as too slow (its own spinning thread waits for a CPU too).
VERDICT_MARGIN = 0.5
END_WAIT = 1.0  # how long clients wait for the server to close their connections after their EOF...
CLOSE_CAP = 2.5  # ...and then, while the server sleeps on a timer of its own (`_await_close`), at most this long
OUTWAIT_CAP = 2.5  # the longest hold before the last client (`_outwait`): past every timer shorter than LONG_TIMEOUT
# Lesson 7, before D: a timer of the main thread's own of LONG_TIMEOUT or more (a timeout on the listener's accept())
# is waited out up to this long (`_outwait_main`); a longer one is a safety net no check waits out (INSTRUCTORS.md).
MAIN_TIMER_CAP = 10.0
OUTWAIT_TOLD = 0.1  # a hold this long or longer, then the last client refused: told as a timer that gave up
# Lesson 8: a timer of the loop's own of LONG_TIMEOUT or more, read from the kernel while every client is idle, is
# held past too, up to this long (`_outwait_loop_timer`); a longer one is a safety net no check waits out.
LOOP_TIMER_CAP = 10.0
LOOP_TIMER_LOOK = 0.5  # how long the grader looks for the loop asleep (every thread in a system call) to read its timer
QUIET_SPAN = 0.005  # idle means every thread asleep this long (no packet is in flight: all were acknowledged)
QUIET_LIMIT = 1.0  # a server that never sleeps (it polls) is judged after this long
NO_PROC_PAUSE = 0.1  # without /proc, what stands in for "the server is idle"
READ_CAP = 1 << 20  # what one read of a client keeps at most: a server may send without end
SETTLED_LOOK = 0.01  # two looks this far apart, alike, say that no thread of the server ran between
BUSY_PROOF = 0.25  # CPU seconds a server used, never asleep, while every client was idle: it busy-waits
BUSY_LOOK = 2.0  # how long (plus what the server waited for a CPU) the grader looks for either, at most
WAKE_LOOK = 0.25  # how long (of the server's own time) the grader counts the wakeups of a server that sleeps, idle
POLL_TIMEOUT = 1.0  # lesson 8: a readiness wait's timeout, or a sleep's period, under this while every client is idle polls
SLEEP_MARGIN = 0.05  # ... an absolute sleep's next deadline is looked for this long past the one seen
WAKE_LIMIT = 20  # wakeups in WAKE_LOOK that are polling (80 a second); a correct loop makes 0 to 2, a timeout of 1 s one
SPIN_LOOK = 0.2  # a server that did not answer: how long the grader looks whether it is on the CPU, never asleep...
SPIN_SAMPLES = 20  # ...and, if so, how many stacks it takes, one after another, to see what its loop does
THREAD_PRINT_WAIT = 0.5  # how long a thread still running may take to print why it died (`_thread_died_printed`)
QUIET_REPLY = 0.05  # a reply that has not come while the server slept this long never comes (pollers wake sooner)
TIME_WAIT_WAIT = 1.0  # the grader's own connection closing (and the thread count's probe call)
SETTLE_LIMIT = 0.1  # before a client connects: how long the grader waits for a server that never sleeps (`_settle`)
BASELINE_MODULE = "__no_lesson__"  # a module no submission has: its call only counts the harness's threads

# Lesson 8's flooding client.
FLOOD_TOTAL = 128 << 20  # what F tries to send, far more than every buffer of both kernels together
FLOOD_LINE = bytes(11 if (i * 7 + 3) % 256 == 10 else (i * 7 + 3) % 256 for i in range(16383)) + b"\n"
FLOOD_REPLY = FLOOD_LINE[-2::-1] + b"\n"
FLOOD_BLOCK = FLOOD_LINE * 8
FLOOD_BUFFER = 64 << 10  # F's own receive and send buffers: small, so the student's side holds the backlog
MEMORY_BOUND = 48 << 20  # growth of the server's memory during the flood that still counts as bounded
# The largest send buffer a socket of the run's own network namespace may grow to during lesson 8's scenario
# (net.ipv4.tcp_wmem's maximum; the run's namespace only, restored after). A selector reports a TCP socket
# writable while a third of its send buffer at least is free, so with the default maximum (4 MiB) a sendall() of
# everything held for F (the bound, up to 1 MiB, and a read) always found room: a sendall() on a non-blocking
# socket, or a blocking send(), passed. Below the smallest backlog a server holds for F once it stops reading
# it (its bound and one read), neither fits: the first raises BlockingIOError, the second blocks, by construction.
SEND_BUFFER_CAP = 64 << 10
TCP_WMEM = "/proc/sys/net/ipv4/tcp_wmem"
# The largest receive buffer a socket of the run's own namespace may grow to (net.ipv4.tcp_rmem's maximum, which a
# machine may set to 32 MiB or more): one recv() returns at most what the receive queue holds, which the kernel keeps
# within the socket's receive buffer. So what the server may hold for F past its bound, one read's worth, is small
# and known (the bound is judged from the kernel: `flood_held`), whatever the machine.
RECEIVE_BUFFER_CAP = 256 << 10
TCP_RMEM = "/proc/sys/net/ipv4/tcp_rmem"
# The lesson's bound on a client's unsent replies; what the server holds for F once it stopped reading F may pass it
# by one read (at most F's socket's receive buffer, sk_rcvbuf) and one line that read left unfinished (FLOOD_LINE).
LESSON_BOUND = 1 << 20
SEGMENT_SLACK = 64 << 10  # the kernel may queue one segment (loopback: up to 64 KiB) past the receive buffer's mark
BUSY_STALL = 2.0  # a server that never sleeps (it spins) stopped reading F if F could send nothing for this long
MEMORY_STEP = 8 << 20  # F looks at the server's memory each time it has sent this much more
DRAIN_LIMIT = 3.0  # F reading back its replies at the end
# F's EOF waits until the server has read all F sent, holds a reply in its own code, and its socket to F is not
# writable (`_hold_replies`). Meanwhile F reads at least this much of its receive queue each time it makes room (half
# its receive buffer: a window it offers at once, however large the segments it was sent) ...
HOLD_READ = FLOOD_BUFFER
HOLD_SLACK = 4 << 10  # ... and its lines that fill the server's send buffer leave this much of it free (skbs' overhead)
HOLD_FILL_MAX = FLOOD_BUFFER  # ... and are at most this long (F's own send buffer takes one whole)
HOLD_PROBE = b"x"  # ... and the last line F sends is this and a newline: the server reads it, then the EOF
HOLD_ROUNDS = 64  # ... at most this many rounds (then F's EOF goes out anyway): a try takes 4 to 13, some need three
# Lesson 8's client G: a reset that only a send() can meet. G sends lines, each as its body and then its newline,
# each read by the server before the next is sent, and never reads, until the server leaves a body unread: it
# has stopped reading G (its replies to G over its bound), and asks the selector about writing to G only.
UNREAD_BODY = (bytes(range(11, 256)) * 268)[: (64 << 10) - 1]  # no newline in it
UNREAD_MAX_LINES = 48  # 3 MiB of replies: past any bound (at most 1 MiB) and every buffer between; else unbounded
# Lesson 7: this many more clients connect after C and stay idle, sending nothing, until the end: with A, B and C,
# 90 idle clients hold 90 threads when D comes, more than ThreadPoolExecutor() ever makes by default
# (min(32, CPUs + 4)) and more than a cap a student picks "so that a big count does not start hundreds of threads"
# (min(count, 40), min(count, 64): a trial's): a pool of fewer than `count` workers leaves D waiting for a worker.
# (Bounded: the sandbox's 128 threads of the run's uid, RLIMIT_NPROC; each thread's stack, 1 MiB, counted in the
# call's address space, fork_server.THREAD_STACK; and faulthandler's stacks, which show 100 threads at most, newest
# first: past that the main thread's, which tells a pool's wait, is left out.)
HERD = 87
HERD_WAIT = 1.0  # ...each once the server took the one before; one that never sleeps for good is given this long
FREEZE_WAIT = 2.0  # B's reset: how long every thread of the server may take to stop (SIGSTOP)


# The system calls that send on a socket, by machine (write, writev, sendto, sendmsg, sendmmsg): a thread asleep
# in one of them is blocked in a send (/proc/<pid>/task/<tid>/syscall names the call a sleeping thread is in).
SEND_SYSCALLS = {
    "x86_64": {1: "write", 20: "writev", 44: "sendto", 46: "sendmsg", 307: "sendmmsg"},
    "aarch64": {64: "write", 66: "writev", 206: "sendto", 211: "sendmsg", 269: "sendmmsg"},
}.get(platform.machine())


def blocked_in_send(pid: int) -> str | None:
    """The send system call a thread of the process is asleep in ("sendto"), "" if none, None if unknown.

    Or the readiness wait it is asleep in ("poll") when that wait asks only
    about writing: a send() or sendall() on a socket with a timeout waits
    there for room (`_waits_only_to_write`), and so does a select() given
    only sockets to write; either way the loop reads nobody meanwhile.

    From the kernel (/proc/<pid>/task/*/stat and syscall, and the wait's
    arguments in /proc/<pid>/mem): the student's code cannot change what it says. Unknown without /proc, on a machine
    whose system call numbers are not listed, or where the grader may not
    read a process's system call (it needs the right to trace it).
    """
    if not kernel.AVAILABLE or SEND_SYSCALLS is None:
        return None
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    seen = False
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
            with open(f"/proc/{pid}/task/{task}/syscall") as f:
                words = f.read().split()
        except (OSError, IndexError):
            continue
        if not words or not words[0].lstrip("-").isdigit():  # "running": in no system call now
            seen = seen or bool(words)
            continue
        seen = True
        name = SEND_SYSCALLS.get(int(words[0]))
        if name and state in ("S", "D"):
            return name
        if state == "S" and int(words[0]) in WAIT_SYSCALLS and _waits_only_to_write(pid, task, words):
            return WAIT_SYSCALLS[int(words[0])][0]
    return "" if seen else None


# The readiness waits, by machine: (name, kind). A send() or sendall() on a socket with a timeout (settimeout)
# waits for room in poll() (ppoll where the machine has no poll), asking about that one socket and about
# writing only; a readiness wait that asks about nothing to read, with clients connected and the listener
# open, is deaf to every other client just the same (select() with only a list to write).
WAIT_SYSCALLS = {
    "x86_64": {7: ("poll", "poll"), 271: ("ppoll", "poll"), 23: ("select", "select"), 270: ("pselect6", "select")},
    "aarch64": {73: ("ppoll", "poll"), 72: ("pselect6", "select")},
}.get(platform.machine(), {})
WAITS_TO_WRITE = {"poll", "ppoll", "select", "pselect6"}  # the names blocked_in_send gives those waits
POLLIN, POLLPRI, POLLOUT = 0x1, 0x2, 0x4
POLLFD = struct.Struct("=ihh")  # struct pollfd: fd, events, revents
WAIT_FDS_LIMIT = 4096  # a wait on more descriptors than this is not one socket's send


def _waits_only_to_write(pid: int, task: str, words: list[str]) -> bool:
    """The thread asleep in this readiness wait (words: its /proc/.../syscall) asks only about writing.

    The wait's arguments are read from the process's memory (/proc/<pid>/mem, which the grader may read
    under the same right as /proc/<pid>/syscall); the wait is read again after, so that a thread that
    woke up meanwhile (its memory then says something else) is not judged.
    """
    try:
        number, args = int(words[0]), [int(word, 16) for word in words[1:7]]
        kind = WAIT_SYSCALLS[number][1]
        with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
            if kind == "poll":
                fds, count = args[0], args[1]
                if not 0 < count <= WAIT_FDS_LIMIT:
                    return False
                mem.seek(fds)
                data = mem.read(POLLFD.size * count)
                asked = [POLLFD.unpack_from(data, i * POLLFD.size) for i in range(count)]
                wanted = [events for fd, events, _ in asked if fd >= 0]
                only = bool(wanted) and all(events & POLLOUT and not events & (POLLIN | POLLPRI) for events in wanted)
            else:
                count, reads, writes = args[0], args[1], args[2]
                if not 0 < count <= WAIT_FDS_LIMIT or not writes:
                    return False
                size = (count + 63) // 64 * 8
                mem.seek(writes)
                to_write = mem.read(size)
                to_read = b""
                if reads:
                    mem.seek(reads)
                    to_read = mem.read(size)
                bits = (1 << count) - 1  # the descriptors below count: the kernel looks at no others
                only = bool(int.from_bytes(to_write, "little") & bits) and not int.from_bytes(to_read, "little") & bits
        with open(f"/proc/{pid}/task/{task}/syscall") as f:
            again = f.read().split()
    except (OSError, ValueError, KeyError, IndexError, struct.error):
        return False
    return only and again == words


def _all_stopped(pid: int) -> bool:
    """Every thread of the process is stopped by a signal (state T), from /proc/<pid>/task/*/stat."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
        for task in tasks:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] not in ("T", "t"):
                    return False
    except (OSError, IndexError):
        return False
    return bool(tasks)


def probe_result(what: str) -> str:
    """How the connect after the listener's close went, in the student's words ("ECONNRESET" stays as is)."""
    return text.PROBE_RESULT.get(what, what)


def reply(line: bytes) -> bytes:
    """Lesson 5's reply to one line (which ends in b"\\n"): reversed, the newline kept at the end."""
    return line[:-1][::-1] + b"\n"


def replies(data: bytes) -> bytes:
    """The replies to every complete line in data (a last part without b"\\n" gets none)."""
    return b"".join(reply(line + b"\n") for line in data.split(b"\n")[:-1])


def replies_without_empty_lines(data: bytes) -> bytes:
    """The replies to every complete line in data as a server that skips empty lines sends them (b"\\n" unanswered:
    `if not line: continue`)."""
    return b"".join(reply(line + b"\n") for line in data.split(b"\n")[:-1] if line)


def split_at_other_breaks(data: bytes) -> set[bytes]:
    """The parts of data's lines (each up to a b"\\n", and what follows the last) where splitlines() ends a line
    but b"\\n" does not: at a lone b"\\r" (bytes and str), and, on text, at \\x0b, \\x0c, \\x1c to \\x1e and \\x85;
    each with and without its break. A reply to one of them is a line cut where it does not end."""
    parts = set()
    for line in data.split(b"\n"):
        for keep in (False, True):
            parts.update(line.splitlines(keepends=keep))
            parts.update(part.encode("latin-1") for part in line.decode("latin-1").splitlines(keepends=keep))
    return parts - set(data.split(b"\n")) - {b""}


def _selector_call_after_close(error: Error | None) -> str | None:
    """The selector call (modify(), unregister()) that raised `error` on a socket already closed: ValueError
    (its descriptor is -1) or KeyError (not registered), at a line of the student's that makes that call."""
    line = error.frames[-1][3] if error is not None and error.frames else ""
    call = next((name for name in ("modify", "unregister") if f".{name}(" in line), None)
    if call is None or not ((error.type == "ValueError" and "-1" in error.message)
                            or (error.type == "KeyError" and "not registered" in error.message)):
        return None
    return f"{call}()"


def trims(line: bytes, part: bytes) -> bool:
    """`part` is `line` with only whitespace bytes (ASCII's, and the control bytes str.strip() takes too) removed
    at its start, its end, or both."""
    start = line.find(part)
    return start >= 0 and not (line[:start] + line[start + len(part):]).strip(b" \t\r\x0b\x0c\x1c\x1d\x1e\x1f")


def stripped_replies(data: bytes) -> set[bytes]:
    """The replies to every complete line in data as a server that strips each line first sends them (strip(),
    rstrip(), or only its b"\\r")."""
    lines = data.split(b"\n")[:-1]
    return {b"".join(reply(strip(line) + b"\n") for line in lines)
            for strip in (bytes.strip, bytes.rstrip, lambda line: line.rstrip(b"\r"))}


# What each client sends, step by step: the replies to the lines a step completes are awaited
# before the next step. A, C and B's second step end mid-line (inside a multi-byte character).
A_HOLD = b"A \x00\xff caf\xc3"
# A's and C's second lines end in bytes a strip() would take (a control byte, spaces, a tab, b"\r" before b"\n"),
# and C's begins with some: every byte up to b"\n" is the line's, so a server that strips fails every time.
# A's second piece holds two lines: one count per recv() can never balance out against B's reset line.
A_REST = [b"\xa9 is idle\n", b"A's second line\x1f \t\x0b\x0c\r\nA's third\n"]
B_LINE = b"B \xf0\x9f\x8c\x8d first line\n"
B_HOLD = b"B never ends this \xe4\xb8"
B_LAST = b"\xad line, then resets\n"  # B ends its line just before its reset (the server stopped meanwhile)
# Lesson 7: two more lines behind B_LAST, in the same send: one recv() returns them all, and the first reply's
# sendall() meets the reset; code that catches it there and goes on to the next line meets BrokenPipeError (EPIPE).
B_AFTER = b"B's line behind it\nB's last\n"
C_HOLD = b"C \xe6\x97"
A_TAIL = b"A's last words, no newline \xe2\x82"  # A's last bytes before its EOF, mid-line (dropped)
C_REST = [b"\xa5\xe6\x9c\xac wakes up\n", b" \tC\xff\x00 two\x00 \r\n"]
# An empty line too; and lines enough that the count (lesson 7: 24 in all, with D_CR_PIECES and D_MORE_PIECES) is never the length of an address (a mutant
# returning len(host) survived when the run's address happened to be as long as the count).
D_PIECES = [b"D one \xe6\x97", b"\xa5 two\n", b"D three\nD f", b"our\n", b"x\n\ny\nz\nw\nv\nu\n"]
# Lesson 7: D's last lines. A lone b"\r" inside a line, and a piece that ends between b"\r" and b"\n": only b"\n"
# ends a line, so a server that splits with splitlines() (which breaks at b"\r" too) answers a part of the line as a
# line, every time. (Lesson 8's F and G send lines with every byte but b"\n" in them: the same mistake fails there.)
D_CR_PIECES = [b"D lone \r inside, CR LF cut\r", b"\nD last\n"]
# Lesson 7: then lines that ask more of a client's buffer, each piece read before the next (`_consumed`). A line in
# four pieces: a server that replaces what it holds with a piece without b"\n" (buffer = data), not adds it, loses
# the middle ones. A line of D_LONG_SIZE bytes, three times 4 KiB: a readline(4096) or readline(8192) cuts it, and
# its reply must come back whole. (Not longer: a server that reads one byte at a time and splits its whole buffer
# each time, which lesson 7 accepts, as it judges no speed, takes its time squared: 0.3 s of CPU for this line,
# seconds for 64 KiB, past LINE_WAIT.) The same line three times: each is answered, and each counts (a set of lines
# counts it once). (Lesson 8's D is unchanged: its F, G and D_BURST ask the same there.)
D_LONG_SIZE = 12 << 10
D_LONG_LINE = (b"D long " + b"".join(b"%05d " % n for n in range(D_LONG_SIZE // 6)))[:D_LONG_SIZE - 1] + b"\n"
# Then a line over 1 MiB (D_HUGE_SIZE), in one send: the lesson sets no maximum line length, so a cap a server took
# from elsewhere (lesson 5's MAX_FRAME is 1 MiB; 16 KiB, 64 KiB) drops D, every time. Read in pieces of 4 KiB or
# more, as the lesson's code does, it costs a server milliseconds; the byte-at-a-time server above would take minutes,
# so this line comes after D_LONG_LINE, whose verdict (CROWD_LONG_LINE_CLOSED, a slow reply) is told first.
D_HUGE_SIZE = (1 << 20) + (1 << 10)
D_HUGE_LINE = (b"D huge " + bytes(range(48, 58)) * (D_HUGE_SIZE // 10))[:D_HUGE_SIZE - 1] + b"\n"
D_AGAIN = b"D again, the same line\n"
D_MORE_PIECES = [b"D five", b" in ", b"four pie", b"ces\n", D_LONG_LINE, D_HUGE_LINE, D_AGAIN * 3]
LONG_LINE = 4 << 10  # a line longer than this is long: past what one read of most code takes
# Lesson 8: D's last lines, sent at once while the server's process is stopped (`_burst`): more than one recv() of
# 64 KiB takes, and less than the receive window a fresh loopback connection offers (85 KiB on Linux 6), so all of it
# waits in the server's receive queue before its loop runs again. Each line is told apart by its number.
D_BURST = b"".join(b"D burst %02d " % n + bytes(range(48, 58)) * 101 + b"\n" for n in range(72))
BURST_ROOM = 0.05  # D's send() while the server is stopped: no room for this long, and its window is shut
# Lesson 7's H1, idle since it connected: one line, then (its reply read, its thread back in recv()) its reset.
H1_LINE = b"H1 says one line, then resets\n"
Z_HOLD = b"Z, first, half a line \xe2\x86"  # lesson 8's Z: all it sends before its EOF (dropped there)
E_LINE = b"E comes, says one line \xe2\x86\x92 and goes\n"  # lesson 8's E: its socket is closed before D comes
BY_HAND_LINES = b"first line\nsecond, caf\xc3\xa9 \xe6\x97\xa5\x00\xff\n"  # what `nox -s peer` sends, in one piece



# The ConnectionError family: a thread that died of one of these is a reset's story (expect_reset_ends_one_client).
CONNECTION_ERRORS = {"ConnectionError", "ConnectionResetError", "ConnectionAbortedError", "ConnectionRefusedError",
                     "BrokenPipeError"}


def printed_thread_errors(printed: str) -> list[Error]:
    """The exceptions that ended the function's threads, from what its process printed while it still runs
    (the runner prints each as Python does, its frames those of the student's files: fork_server.py)."""
    errors = []
    for match in _THREAD_DIED.finditer(printed):
        frames = tuple((path, int(line), func, (source or "").strip())
                       for path, line, func, source in _FRAME.findall(match.group(1)))
        errors.append(Error(type=match.group(2), message=match.group(3) or "", frames=frames))
    return errors

class Labelled(Timeline):
    """One client's view onto the crowd's shared timeline: every line starts with its name."""

    def __init__(self, shared: Timeline, label: str):
        super().__init__(shared.peer_name, shared.events)
        self.label = label

    def student(self, line: str, wire: bool = True) -> None:
        super().student(text.CLIENT_LINE.format(client=self.label, line=line), wire)

    def peer(self, line: str, wire: bool = True) -> None:
        super().peer(text.CLIENT_LINE.format(client=self.label, line=line), wire)

    def note(self, line: str) -> None:
        super().note(text.CLIENT_LINE.format(client=self.label, line=line))


def time_wait_port(host: str) -> int:
    """A port on host whose last connection is in TIME_WAIT, as a restarted server finds it.

    The grader's own server (with SO_REUSEADDR, as Linux requires of both
    sockets) closes first, so its end goes to TIME_WAIT (through FIN_WAIT2, a
    moment: either state refuses a bind() without SO_REUSEADDR); its listener
    is then closed. A new listener on the port binds only with SO_REUSEADDR.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        with socket.create_connection((host, port), timeout=TIME_WAIT_WAIT) as client:
            conn, _ = listener.accept()
            conn.close()  # the grader's server closes first: FIN
            client.recv(1)  # b"": that FIN
    return port


def runner_threads(run: Run) -> int:
    """How many threads a call's process has before any student code runs (0 if unknown).

    A call of a module that does not exist reports at once, having run
    nothing of the student's; its process then waits, and its threads are
    the harness's own. (Counting at the student's first LISTEN instead would
    take a pool the student started before listening for the harness's.)
    """
    if not kernel.AVAILABLE:
        return 0
    call = run.call(BASELINE_MODULE, "none", limit=TIME_WAIT_WAIT)
    try:
        call.wait(hang=False)
        return (kernel.thread_count(call.pid) or 0) if call.finished and call.result is not None else 0
    finally:
        call.kill()


class Broken(Exception):
    """The scenario could not go on: `failure` is the verdict for its phase and every later one."""

    def __init__(self, failure: CheckFailed):
        super().__init__(failure.message)
        self.failure = failure



def _unread_sent(lines: int) -> str:
    """What G sent before the server stopped reading it, as its timeline says: its whole lines, or part of one."""
    if not lines:
        return text.TL_UNREAD_SENT_NONE.format(size=len(UNREAD_BODY) + 1)
    return text.TL_UNREAD_SENT.format(lines=text.counted(text.LINES, lines), size=len(UNREAD_BODY) + 1)

@dataclass
class Client:
    name: str
    peer: Peer
    expected: bytearray = field(default_factory=bytearray)  # replies due so far
    lines: int = 0  # complete lines sent
    held: bytes = b""  # what it sent after its last complete line
    wrong: str | None = None  # the first wrong reply, described
    cut: bool = False  # ... and it was the start of the right one, cut short (the server ended first?)
    end: str | None = None  # how the server ended the connection after this client's EOF
    # Lesson 8: the server's socket for this client, from the kernel while the server held it: its inode, and the
    # descriptor number it had in the server's process (what fileno() said there).
    inode: int = 0
    fd: int | None = None


def cap_buffers(run: Run) -> list[tuple[str, str]]:
    """Cap the send and receive buffers of the run's private network namespace (SEND_BUFFER_CAP,
    RECEIVE_BUFFER_CAP); the settings they had, to restore.

    Only in the run's own namespace (never the host's: without one, nothing
    is changed and nothing is returned), whose sockets are the grader's and
    the student's of this run alone. A socket's buffers grow up to the
    maximum read when they grow, so the student's sockets, made after this,
    never hold more.
    """
    if not getattr(run.isolation, "netns", None) or not kernel.AVAILABLE:
        return []
    before = []
    for path, cap in ((TCP_WMEM, SEND_BUFFER_CAP), (TCP_RMEM, RECEIVE_BUFFER_CAP)):
        try:
            with open(path) as f:
                setting = f.read().split()
            low, default, high = (int(value) for value in setting)
            with open(path, "w") as f:
                f.write(f"{min(low, cap)} {min(default, cap)} {min(high, cap)}")
        except (OSError, ValueError):
            continue
        before.append((path, " ".join(setting)))
    return before


def restore_buffers(before: list[tuple[str, str]]) -> None:
    for path, setting in before:
        try:
            with open(path, "w") as f:
                f.write(setting)
        except OSError:
            pass


class _Returned:
    """A call whose function has returned, as `deadlock.hold_past_timers` sees a call: its process stays until the
    grader ends it, and the threads its function did not join still run there (whether it should have joined them
    is another check's story; what they still do on the wire is this one's). Never finished: the hold ends when
    every thread left sleeps with no short timer of its own (the runner's own wait has none), or at its cap."""

    finished = False

    def __init__(self, call: StudentCall):
        self.pid = call.pid
        self.timers_outlived = call.timers_outlived
        self._read_end, self._write_end = os.pipe()  # never readable: the hold's select() is its pause

    def fileno(self) -> int:
        return self._read_end

    def pump(self) -> None:
        pass

    def __enter__(self) -> _Returned:
        return self

    def __exit__(self, *_) -> None:
        os.close(self._read_end)
        os.close(self._write_end)


# The phases of a scenario, in order; a check names the last one it needs.
PHASES = ("listen", "idle", "flood", "served", "closed", "reset", "listener", "joined", "finished", "returned")


class Crowd:
    """One scenario: `count` clients against the student's server, observed phase by phase."""

    def __init__(self, run: Run, lesson: str, function: str, flood: bool):
        self.run = run
        self.flood = flood
        self.outwaited = 0.0  # how long the grader held before the last client (`_outwait`)
        # Lesson 7: the main thread's own timer of LONG_TIMEOUT or more that fired while the grader held before D
        # (`_outwait_main`): (its wait, its timeout in seconds, how long the grader held), or None
        self.main_timer: tuple[str, float, float] | None = None
        self.extra: tuple | None = None  # lesson 8: X, queued behind D (its socket, the server's end, its own end)
        self.extra_accepted = False  # ... and accepted by the server, past count
        self.loop_timer: tuple[str, float] | None = None  # lesson 8: the loop's own long timer held past, and fired
        self.host = run.host
        self.port = time_wait_port(run.host)
        self.timeline = Timeline(text.PEER_CLIENTS)
        self.count = 8 if flood else 4 + (HERD if kernel.AVAILABLE else 0)
        self.herd: list[socket.socket] = []  # lesson 7: the idle clients H1 to H{HERD} (`_herd`)...
        self.herd_ends: list[tuple] = []  # ...and each one's (remote, local) address, taken as it connected
        self.lesson = lesson
        self.runner_threads = runner_threads(run)  # what a process of the harness has before any student code
        # Lesson 8: the send buffers of the run's own loopback capped before the student's listener exists.
        self.buffers = cap_buffers(run) if flood else []
        try:
            self.call: StudentCall = run.call(lesson, function, self.port, self.host, self.count, limit=CROWD_LIMIT)
        except BaseException:
            restore_buffers(self.buffers)
            raise
        self.call.joins_judged_apart = not flood  # lesson 7: "waits for every thread" judges the join()s
        self.broken: tuple[str, CheckFailed] | None = None
        self.phase = "listen"
        self.clients: dict[str, Client] = {}
        self.listen_threads = 0  # the student's process when it first listens
        self.max_threads = 0
        self.base_memory = 0
        self.peak_memory = 0
        self.listener_open = False  # still listening once the server was idle after the last accept
        self.connect_after = ""  # what a connect after the listener's close did ("refused" is right)
        self.returned_early: list[str] = []  # clients still mid-line when the function had returned
        self.closed_mid_line: list[str] = []  # ... whose connection it had closed itself, before their EOF
        # CPU seconds the server used, and in how long, while every client was idle and it never slept (None: it
        # slept, or could not be looked at): a busy wait, proven by the scheduler's own accounting.
        self.busy_cpu: float | None = None
        self.busy_wall = 0.0
        self.busy_eof = ""  # ... and a client whose connection it held open at its EOF meanwhile (CLOSE_WAIT)
        self.eof_unsent = False  # the look is F's, after its EOF, with replies held for it (`_hold_replies`)
        self.busy_eof_unsent = False  # ... and that is when the server was seen busy
        # Times the server, asleep at every look, woke up again while every client was idle (None: fewer than
        # WAKE_LIMIT in WAKE_LOOK, or not looked at): polling, a sleep or a short timeout in its loop (`_wakeups`).
        self.polls: int | None = None
        self.polls_wall = 0.0
        # Lesson 8: the loop's own timer while every client was idle, under POLL_TIMEOUT (None: none seen, or not looked
        # at): (the call, its timeout or a sleep's period in seconds, a sleep?), from the kernel (`_short_timer`).
        self.poll_timer: tuple[str, float, bool] | None = None
        self.flood_sent = 0
        self.flood_stalled = False
        self.flood_rx = 0  # the server's receive queue for F when F's sending stalled
        # ... and then, from its socket to F (sock_diag): the bytes of F's it had read and not yet answered on the wire
        # (None: unknown), and how far past the lesson's bound one read may take that (its receive buffer, a line).
        self.flood_held: int | None = None
        self.flood_slack = 0
        self.flood_replies = 0  # reply bytes F read back
        self.flood_want = 0  # reply bytes F was due, for every line it completed
        self.flood_wrong: str | None = None
        self.flood_end: str | None = None
        self.flood_unread = 0  # F's bytes still in the server's receive queue at the end, its connection left open
        # ...or when the server closed it (RST), not one more of F's read since F began to drain (the kernel's view)
        self.flood_closed_unread = 0
        self.flood_eof_held = False  # F's EOF sent while the server held replies for F (`_hold_replies`)...
        # ...and at the end, every reply read back, the server's socket to F at F's EOF (CLOSE_WAIT), nothing left to
        # send or read, still a descriptor of the server's process: never closed once its replies had drained.
        self.flood_kept_after_drain = False
        self._flood_client: Client | None = None  # F, while it drains, and what its server's socket showed
        self._flood_seen: dict[str, int | bool] = {}
        # Seen by the kernel while the server was idle: a thread asleep in a send system call (a blocking send()
        # or sendall() waiting for a client that does not read). `send_seen`: that could be looked at at all.
        self.blocked_send: str | None = None
        self.blocked_send_at: list[str] = []  # where the server's code was then (its stack)
        self.blocked_send_client = ""  # who it was waiting for
        self.send_seen = False
        self.blocking_client = ""  # lesson 8: the server's socket for this client was in blocking mode (the kernel's)
        self.flood_blocked = False  # F's sending stalled because the server was stuck in a send, not by choice
        self.unread_stopped = False  # lesson 8: the server stopped reading G (a body of G's left unread)
        self.unread_maybe = 0  # ... at G's newline, not a body: that line may still be read after the reset
        self.unread_reset = False  # G has reset (a failure from then on is told as G's reset's)
        # ...and after it, its socket to G still held by the server's process (the kernel's list of its descriptors):
        # "busy" (never asleep since, for BUSY_PROOF of CPU) or "asleep" (asleep with it); the CPU and the time then.
        self.unread_kept = ""
        self.unread_kept_cpu = 0.0
        self.unread_kept_wall = 0.0
        self.unread_unasked = False  # ...and no call on it had met the reset: not read, not written (the kernel's)
        self.busy_after_reset = False  # the busy wait was proven after G's reset
        self.ended_early = ""  # the client whose connection the server ended while it still sent lines
        self.eof_together = ""  # lesson 8: the client whose last bytes and FIN reached the server together...
        self.eof_unseen = ""  # ...and whose EOF the server then slept through, registered edge-triggered (the kernel's)
        # Lesson 7: H1 once it spoke (`_reset_in_recv`), and the ConnectionErrors that ended a thread of the server
        # at its reset, met by recv() (what the process printed then: its own word).
        self.recv_reset: Client | None = None
        # Lesson 7: the main thread (its id is the process's) seen asleep reading D's socket (`_read_by_main`)
        self.main_served: str | None = None
        self.together: list[str] = []  # lesson 8: the clients whose lines reached the server at once (`_together`)
        self.ended_at_reset: str | None = None  # the client whose reset the function ended at (H1's comes first)
        self.recv_reset_died: list[Error] = []
        self._delay_clock: kernel.RunDelayClock | None = None  # the server's threads' wait for a CPU
        self._delay_seen = 0.0  # ...as last read (`_forgive_busy_machine`)
        self._delay_looked = 0.0
        self._delay_forgiven = 0.0
        self._own_delay = kernel.own_run_delay()  # the grader's own wait for a CPU, as last read
        self._own_forgiven = 0.0
        try:
            self._play()
        except Broken as broken:
            self.broken = (self.phase, broken.failure)
        except CheckFailed as failure:
            self.broken = (self.phase, failure)
        finally:
            for client in self.clients.values():
                client.peer.close()
            for sock in self.herd:
                sock.close()
            if self.extra is not None:
                self.extra[0].close()
            restore_buffers(self.buffers)
        if self.broken is None and self.flood:
            self._hung_after_all_done()
        if self.broken and self.ended_early and self.broken[1].template in ("CROWD_CLOSED_EARLY", "CROWD_GONE"):
            self._thread_died()
        if self.broken and self.call.printed_to_cap:
            # Its print() past the output cap failed (File too large) and ended the server or a thread of it:
            # that is the story, whatever the clients saw then (FLOODED), not a socket mistake.
            self.call.settle()
            if self.call.status == "flood":
                self.broken = (self.broken[0], self.call.failure(self.timeline))
        # A client closed while idle, or by a thread that died of its own exception: not the reset's doing.
        error = self.call.result.error if self.call.status == "raised" and self.call.result is not None else None
        # Lesson 8's B resets before D comes: a ConnectionError that ends the server while D is served is B's too.
        after_reset = self.broken and (self.broken[0] == "reset" or (
            self.flood and self.broken[0] in ("served", "closed") and error is not None and error.is_a("ConnectionError")))
        if after_reset and self.broken[1].template not in ("CROWD_CLOSED_MID_LINE", "CROWD_THREAD_DIED"):
            # After B's (or G's) reset the server stopped: the one story every check that needs more tells.
            failure, what = self.broken[1], self.broken[1].message
            if error is not None and error.is_a("ConnectionError") and (own := text.hint_for_error(error)):
                # A BrokenPipeError's general hint ("... or a listening socket"): the reset's own hint says it here.
                what = "\n".join(line for line in what.splitlines() if line != own)
            name = "CROWD_RESET_UNREAD_BROKE" if self.unread_reset else "CROWD_RESET_BROKE"
            call = _selector_call_after_close(error) if name == "CROWD_RESET_BROKE" else None
            if call is not None:  # the handler closed the socket and went on: a selector call on it raised
                name = "CROWD_RESET_BROKE_USED_AFTER_CLOSE"
            self.broken = ("reset", CheckFailed(getattr(text, name).format(what=what, call=call, type=error and error.type),
                                                failure.outcome, failure.timeline, name,
                                                (name,) + failure.templates))

    def _hung_after_all_done(self) -> None:
        """Every client had finished (each closed by the server after its EOF, or reset), and the function was
        stopped still waiting (not busy): that is the story of every check that needs its end."""
        self.call.settle()
        if not self.call.timed_out or self.call.busy:
            return
        if any(client.end != "FIN" for client in self.clients.values() if client.name not in ("B", "G")):
            return
        failure = self.call.failure(self.timeline)
        self.broken = ("returned", failure.with_prefix(text.CROWD_ALL_DONE_HUNG.format(
            count=self.count, name=f"{self.call.function}()")))

    def _thread_died(self) -> None:
        """A connection ended early because the thread serving it died of an exception of the code's own (a
        typo, a decode()): that exception is the story, with its line and its hint, not "serve until EOF".

        Known once the function has ended (its clients are closed by now): the student's process's own word,
        as for a reset (expect_reset_ends_one_client).
        """
        self.call.wait(until=time.monotonic() + END_WAIT, hang=False)
        result = self.call.result if self.call.finished else None
        died = [e for e in (result.thread_errors if result is not None else ()) if not e.is_a("ConnectionError")]
        if result is None:  # still running (in accept(), for clients that never came): what its threads printed
            died = [e for e in printed_thread_errors(self.call.printed()) if e.type not in CONNECTION_ERRORS]
        if not died:
            return
        failure = self.broken[1]
        hint = text.hint_for_error(died[0]) or "  " + text.THREAD_DIED_HINT
        message = "\n".join([text.CROWD_THREAD_DIED.format(client=self.ended_early, type=died[0].type),
                             *text.error_lines(died[0]), hint])
        self.broken = (self.broken[0], CheckFailed(message, failure.outcome, failure.timeline, "CROWD_THREAD_DIED",
                                                   ("CROWD_THREAD_DIED",)))

    # ---- what the checks ask

    def reached(self, phase: str) -> None:
        """Raise the scenario's failure if it stopped at or before `phase`."""
        if self.broken and PHASES.index(self.broken[0]) <= PHASES.index(phase):
            failure = self.broken[1]
            raise CheckFailed(failure.message, failure.outcome, failure.timeline, failure.template, failure.templates,
                              home=phase == self.broken[0])  # this check judges the phase where it broke

    def expect_listening(self) -> None:
        """It listened on its port, with SO_REUSEADDR, and on the host it was given, not on every interface
        (0.0.0.0 answers on the host too: only the kernel's table of listeners shows it)."""
        self.reached("listen")
        expect_given_address(self.call, self.timeline)
        if not kernel.AVAILABLE:
            not_judged(self.timeline, text.NOT_JUDGED_ADDRESS)

    def fail(self, message: str, template: str | None = None) -> CheckFailed:
        """The verdict for a phase: a filled template (or text built from one, named by `template`)."""
        return CheckFailed(message, "failed", self.timeline.render(), template)

    # ---- observing the student's process

    @property
    def threads_before(self) -> int:
        """Lesson 7: a thread more than this is a thread of the student's (lenient: the fewer of the two)."""
        return min(n for n in (self.runner_threads, self.listen_threads) if n) if self.listen_threads else 0

    @property
    def threads_allowed(self) -> int:
        """Lesson 8: more than this is a second thread of the student's.

        The harness's own threads, counted before any student code ran: a pool
        the student starts before listen() is a second thread all the same.
        (Unknown, only then the threads at the first LISTEN.)
        """
        return self.runner_threads or self.listen_threads

    def sample(self) -> None:
        if kernel.AVAILABLE and not self.call.finished:
            self.max_threads = max(self.max_threads, kernel.thread_count(self.call.pid) or 0)

    def idle_or(self, done, limit: float = QUIET_LIMIT) -> bool:
        """Return done() once it holds, or once the student's process is idle (or finished).

        Idle: every thread asleep in the kernel for QUIET_SPAN. Whatever the
        grader sent has been acknowledged by then, so the server has it and
        has nothing left to do with it. (done() may read /proc/net/tcp, which
        is slow: it is asked once before and once after the wait.)
        """
        if done():
            return True
        if not kernel.AVAILABLE:  # no view of the threads' states (macOS): a short pause instead
            limit = min(limit, NO_PROC_PAUSE)
        end = time.monotonic() + limit
        quiet_since = None
        while not self.call.finished:
            self.sample()
            now = time.monotonic()
            if kernel.AVAILABLE and kernel.sleeping(self.call.pid):
                quiet_since = quiet_since or now
                if now - quiet_since >= QUIET_SPAN:
                    if self.flood:  # idle: where does it wait? (a send is the event loop's mistake)
                        self.look_for_blocked_send("F")
                    break
            else:
                quiet_since = None
            if now > end:
                break
            select.select([self.call], [], [], POLL)
            self.call.pump()
        self.call.pump()
        return done()

    def settled_or(self, done, limit: float = QUIET_LIMIT) -> bool:
        """Return done() once it holds, or once every thread of the student's process waits for good.

        For good: asleep in a wait that has no timeout (a join(), a lock, a
        recv() or select() without one; `deadlock.asleep_for_good`, two looks
        alike SETTLED_LOOK apart), so that nothing changes until a client
        acts. Idle (`idle_or`) is not enough before a client's EOF that the
        function must wait for: a join(timeout=...) also sleeps, and returns
        on its own once the timeout runs out. A server that never waits for
        good (it polls) is judged after `limit`; where the kernel cannot say,
        this is `idle_or`.
        """
        if not deadlock.AVAILABLE or deadlock.FUTEX is None:
            return self.idle_or(done, limit)
        if done():
            return True
        end = time.monotonic() + limit
        last = None
        while not self.call.finished:
            self.sample()
            seen = deadlock.asleep_for_good(self.call.pid)
            if seen is not None and seen == last:
                break
            last = seen
            if time.monotonic() > end:
                break
            select.select([self.call], [], [], SETTLED_LOOK)
            self.call.pump()
        self.call.pump()
        return done()

    # ---- the scenario

    def _play(self) -> None:
        self.phase = "listen"
        try:
            first = self._connect("Z" if self.flood else "A")
        except CheckFailed as failure:
            error = self.call.result.error if self.call.result is not None else None
            if error is not None and "Address already in use" in error.message:
                raise failure.with_prefix(text.CROWD_REUSEADDR.format(host=self.host, port=self.port)) from None
            raise
        self.phase = "idle"  # A, B and C connect and hold mid-line (B after one reply)
        if self.flood:  # lesson 8: Z comes and goes first, so that every client accepted so far is done for a moment
            self._first_comes_and_goes(first)
            a = self._connect("A")
            self._await_accept(a)  # A's socket gets the number Z's had: noted, for a story of state kept under it
        else:
            a = first
        self._send(a, A_HOLD)
        if self.flood:
            # Lesson 8: A's first piece read (the server idle again) before B comes. A server that closed A then, as
            # if A had ended, is told at once: with A's socket under Z's number, state kept under it is the story
            # (`_closed_mid_line`), before the next accept could take A's number in turn and blur it.
            self.idle_or(lambda: False, limit=SETTLE_LIMIT)
            if self._closed_by_server(a):
                self._closed_idle(["A"])
                raise Broken(self._closed_mid_line("A"))
        b = self._connect("B")
        self._step(b, B_LINE, others=["A"])
        self._send(b, B_HOLD)
        c = self._connect("C")
        self._send(c, C_HOLD)
        if not self.flood:
            self._herd()
            # Every client idle now (A, B and C mid-line, the herd silent): a server that spins is proven so here,
            # before its 32 spinning threads can slow what follows (its verdict comes first: expect_sleeps_when_idle).
            self._idle_cost(wakeups=False)
        if self.flood:
            self.phase = "flood"
            self._flood(self._connect("F", rcvbuf=FLOOD_BUFFER))
            self._stop_reading(self._connect("G", rcvbuf=FLOOD_BUFFER))
        if self.flood:  # lesson 8: B resets before D comes, so that D's accept gets the number B's socket had
            self.phase = "reset"
            self._reset_before_next(b)
        self.phase = "served"  # D, the last, is served while the others hold
        if self.flood:  # ...and E comes and goes before D, so that D's accept gets the number E's socket had
            self._come_and_go()
        self._outwait()  # ...once every timer of the server's own shorter than LONG_TIMEOUT has had its chance
        self._outwait_main()  # ...and lesson 7: the main thread's own longer one (a timeout on accept()), capped
        d = self._connect_last_with_one_behind() if self.flood else self._connect("D")
        if self.flood:
            self._await_accept(d)
        idle = ["A", "C"] if self.flood else ["A", "B", "C"]
        for piece in D_PIECES if self.flood else D_PIECES + D_CR_PIECES + D_MORE_PIECES:
            if b"\n" in piece:
                self._step(d, piece, others=idle)
            else:
                self._send(d, piece)
                self._consumed(d, piece, idle)
                if not self.flood:
                    self._read_by_main(d)
        if self.flood:
            self._burst(d, idle)
        self.phase = "closed"
        self._finish([d])
        if self.flood:
            self._outwait_after_last()
        if not self.flood:
            self.phase = "reset"
            self._reset_in_recv()
            self._reset(b)
        for turn, (piece_a, piece_c) in enumerate(zip(A_REST, C_REST, strict=True)):
            if turn and self.flood:  # B's reset survived: now G's, which only a send() can meet
                self._reset_unread(self.clients["G"])
            if not turn and self.flood:  # lesson 8: both lines in one select() batch (`_together`)
                phase, self.phase = self.phase, "served"  # a client not served: that check's story
                self._together([(a, piece_a), (c, piece_c)])
                self.phase = phase
                continue
            self._step(a, piece_a, others=["C"])
            self._step(c, piece_c, others=["A"])
        self.phase = "listener"
        self._listener()
        if self.flood and kernel.AVAILABLE:
            self._extra_accepted()
        self._idle_cost()
        self.phase = "joined"
        if not self.flood:  # waiting for good, not idle: a join(timeout=...) sleeps too, then returns
            if self.settled_or(lambda: self.call.finished):
                self._returned_early(["A", "C"])
        self.phase = "finished"
        for sock in self.herd:  # the idle clients end first, having sent nothing (their connections' end is not judged)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_WR)
        if a.peer.end is None and not self._closed_by_server(a):  # (one already ended is told as that: _finish)
            # A last line without b"\n", then A's EOF: no reply is due, and it does not count. Lesson 8: both at once.
            if self.flood:
                self._tail_with_eof(a)
            else:
                self._send(a, A_TAIL)
        if self.flood:
            self._finish([a, c])
        else:
            # A ends first, C after: a server that joins only its first thread returns now, with C mid-line.
            self._finish([a])
            if not self.returned_early and not self.closed_mid_line and self.settled_or(lambda: self.call.finished):
                self._returned_early(["C"])
            self._finish([c])
        if self.flood:
            self._drain(self.clients["F"])
        self.phase = "returned"
        self.call.settle()

    def _returned_early(self, names: list[str]) -> None:
        """The function returned while these clients were mid-line: their threads not waited for, unless the
        server had closed their connections itself (a FIN already in their sockets: a timeout taken for EOF)."""
        self._closed_idle([name for name in names if self._closed_by_server(self.clients[name])])
        self.returned_early = [name for name in names if name not in self.closed_mid_line]
        if self.returned_early:
            self.timeline.note(text.TL_RETURNED_EARLY.format(name=self.call.function,
                                                             clients=text.LIST_SEPARATOR.join(self.returned_early)))

    def _closed_idle(self, names: list[str]) -> None:
        """The server closed these clients' connections while each was idle mid-line (a timeout taken for EOF)."""
        self.closed_mid_line += names
        if names:
            self.timeline.note(text.TL_CLOSED_MID_LINE.format(clients=text.LIST_SEPARATOR.join(names)))
        for name in names:  # its FIN drawn here, where it came, not after the client's own
            self._read(self.clients[name], None, time.monotonic() + END_WAIT)

    def _idle_closed_first(self, gone: Client) -> None:
        """Before `gone`'s connection is told as ended: clients idle mid-line whose connections the server had
        already closed (their FIN or RST in their sockets, seen by a peek) are the first story, with their ends
        drawn where they came (a recv() whose "nothing to read yet" was taken for an EOF closes every client
        that pauses, long before the one that found its connection gone)."""
        if self._thread_died_printed():  # a thread that died: `_thread_died` tells it
            return
        idle = [c.name for c in self.clients.values()
                if c is not gone and c.held and c.peer.end is None and self._closed_by_server(c)]
        if idle:
            self._closed_idle(idle)
            raise Broken(self._closed_mid_line(idle[0]))

    def _closed_mid_line(self, name: str) -> CheckFailed:
        """CROWD_CLOSED_MID_LINE for this client, and the others the server closed alike named after it.

        Lesson 8: when it is the one client so closed, and its socket in the server had the descriptor number of
        an earlier client's, one that had ended its lines (FIN) and that the server had closed before it accepted
        this one, that is the story (CROWD_FD_REUSED): state kept under the number, never deleted at the close,
        taken for this client's. The numbers are the kernel's, read while each socket was open (`_note_fd`).

        A server whose function is ending closed its sockets on its way out (a finally, a with-block) before the
        exception that ends it was reported: the exception is the story (a trial's BufferError was told as a
        timeout taken for an EOF, or not, as the report came before the FIN's judgement or after). So the call is
        first given its chance to end (idle, or ended: `idle_or`)."""
        self.idle_or(lambda: self.call.finished, limit=ASLEEP_WAIT)
        if self.call.finished:
            self.call.wait()
            if self.call.status in ("raised", "exit", "died"):
                return self.call.failure(self.timeline)
        old = self._reused_from(self.clients[name]) if self.flood and self.closed_mid_line == [name] else None
        if old is not None and old.peer.fin_sent and old.end is not None:
            older = self._reused_from(old)  # the same before: the old one had an older one's number, and a wrong reply
            also = text.CROWD_FD_REUSED_ALSO.format(old=old.name, older=older.name) if older and old.wrong else ""
            return self.fail(text.CROWD_FD_REUSED.format(client=name, old=old.name, fd=old.fd, also=also),
                             template="CROWD_FD_REUSED")
        message = text.CROWD_CLOSED_MID_LINE.format(client=name)
        others = [other for other in self.closed_mid_line if other != name]
        if others:
            message = message + "\n  " + text.CROWD_CLOSED_ALSO.format(clients=text.and_list(others))
        return self.fail(message, template="CROWD_CLOSED_MID_LINE")

    @staticmethod
    def _closed_by_server(client: Client) -> bool:
        """The server's FIN (or RST) is already in this client's socket, every reply before it read."""
        try:
            return client.peer.sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True

    def _connect(self, name: str, rcvbuf: int | None = None) -> Client:
        """The first client (A; lesson 8: Z) waits for the server's LISTEN socket; the others connect while it still
        listens."""
        timeline = Labelled(self.timeline, name)
        if not self.clients:
            peer = Peer.connect(self.host, self.port, self.call, timeline, outwait=False)
            peer.one_of_many = True
            self.listen_threads = (kernel.thread_count(self.call.pid) or 0) if kernel.AVAILABLE else 0
            self.max_threads = self.listen_threads
            self.base_memory = kernel.memory(self.call.pid).get("VmRSS", 0) if kernel.AVAILABLE else 0
        else:
            self._alive()
            self._settle()
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            if rcvbuf:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
            sock.settimeout(LINE_WAIT)
            try:
                sock.connect((self.host, self.port))
            except OSError as exc:
                sock.close()
                # Reset during connect(): its handshake done (else it is refused), then reset before connect()
                # returned, as the listener closed with it in its accept queue.
                reset = isinstance(exc, ConnectionResetError)
                if reset:
                    timeline.peer(text.TL_CONNECT_TO.format(host=self.host, port=self.port))
                    timeline.end("RST")
                    timeline.note(text.TL_RESET_IN_QUEUE)
                else:
                    timeline.peer(text.TL_CONNECT_REFUSED.format(host=self.host, port=self.port)
                                  if isinstance(exc, ConnectionRefusedError) else
                                  text.TL_CONNECT_FAILED.format(host=self.host, port=self.port, error=type(exc).__name__))
                why = self._stopped_listening()
                # A listener gone because the function raised or its process died: that is the verdict.
                self.call.wait(until=time.monotonic() + END_WAIT, hang=False)
                self._alive()
                if reset:
                    raise Broken(self.fail(text.CROWD_RESET_IN_QUEUE.format(client=name, why=why))) from None
                done = [client.name for client in self.clients.values()]
                if self.flood and not reset and all(self.clients[n].end == "FIN" for n in done):
                    # Every client accepted so far was done (its EOF, then the server's close): no client connected
                    # for a moment taken for the end, though more were to come (`_first_comes_and_goes`).
                    self.timeline.note(text.TL_STOPPED_WHEN_DONE.format(clients=text.LIST_SEPARATOR.join(done)))
                    raise Broken(self.fail(text.CROWD_STOPPED_WHEN_DONE.format(
                        client=name, error=type(exc).__name__, done=text.LIST_SEPARATOR.join(done),
                        accepted=len(done), count=self.count, left=self.count - len(done)),
                        template="CROWD_STOPPED_WHEN_DONE")) from None
                if self.main_timer is not None:  # its main thread's own timer fired in the grader's silence
                    call, seconds, held = self.main_timer
                    raise Broken(self.fail(text.CROWD_GAVE_UP_ON_MAIN_TIMER.format(
                        client=name, error=type(exc).__name__, why=why, call=call, seconds=seconds, held=held),
                        template="CROWD_GAVE_UP_ON_MAIN_TIMER")) from None
                if self.loop_timer is not None:  # lesson 8: the loop's own timer, read from the kernel, ran out
                    call, seconds = self.loop_timer
                    raise Broken(self.fail(text.CROWD_LOOP_TIMER_ENDED.format(
                        client=name, error=type(exc).__name__, why=why, held=self.outwaited, call=call,
                        seconds=seconds), template="CROWD_LOOP_TIMER_ENDED")) from None
                if self.outwaited >= OUTWAIT_TOLD:  # it stopped listening in the grader's silence: a timer of its own
                    raise Broken(self.fail(text.CROWD_GAVE_UP_IN_SILENCE.format(
                        client=name, error=type(exc).__name__, why=why, held=self.outwaited))) from None
                raise Broken(self.fail(text.CROWD_REFUSED.format(client=name, error=type(exc).__name__, why=why))
                             ) from None
            peer = Peer(sock, self.call, timeline, remote=(self.host, self.port))
            peer.one_of_many = True
            peer.holds = ()  # a crowd's timing is its own: its holds are `_outwait`'s
            timeline.peer(text.TL_CONNECT_TO.format(host=self.host, port=self.port))
        client = Client(name, peer)
        first = not self.clients
        self.clients[name] = client
        self.sample()
        if not first:
            self._reset_in_queue(client)
        return client

    def _herd(self) -> None:
        """Lesson 7: HERD more clients connect once the server is idle after C, each once the server has taken the
        one before from its accept queue, and stay idle, sending nothing, until the end. With A, B and C, more idle
        clients than any default pool has workers, so that D is served only by a server that gives each client a
        thread of its own (a pool of `count` workers). A server that leaves a connection in its queue (it serves one
        client at a time) gets no more of them: D shows it. Drawn as one line; a connect refused is told as any
        client's (`_stopped_listening`). Only where the kernel shows the accept queue (elsewhere `count` is 4)."""
        if not kernel.AVAILABLE:
            return
        self._alive()
        self._settle()
        for number in range(1, HERD + 1):
            if not self._accepting():
                break
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.settimeout(LINE_WAIT)
            try:
                sock.connect((self.host, self.port))
            except OSError as exc:
                sock.close()
                self._herd_drawn()
                why = self._stopped_listening()
                self.call.wait(until=time.monotonic() + END_WAIT, hang=False)
                self._alive()
                raise Broken(self.fail(text.CROWD_REFUSED.format(client=f"H{number}", error=type(exc).__name__,
                                                                 why=why))) from None
            self.herd.append(sock)
            try:  # (once reset, a socket's addresses are no longer to be had)
                self.herd_ends.append((sock.getpeername(), sock.getsockname()))
            except OSError:  # reset already: the listener closed with it in its queue, never accepted
                self.herd_ends.append((None, None))
        self._herd_drawn()
        self.sample()

    def _herd_drawn(self) -> None:
        if self.herd:
            self.timeline.note(text.TL_HERD.format(herd=self._herd_names()))

    def _herd_names(self) -> str:
        return text.HERD_NAMES.format(last=len(self.herd)) if len(self.herd) > 1 else "H1"

    def _accepting(self) -> bool:
        """The listener's accept queue is empty: the server has taken every connection so far (True, also once the
        listener is gone or the call has ended: the next connect is refused, and told). False once the server shows
        it will not take the one queued, by construction: every thread asleep in a wait without a timeout
        (`deadlock.asleep_for_good`, two looks alike, nothing run between; a thread in accept() is woken by the very
        arrival that queued the connection), or, for a server that never sleeps for good, after HERD_WAIT of its own
        time (what it waited for a CPU not counted: a busy machine only makes the wait longer)."""
        start, last = time.monotonic(), None
        waited_for_cpu = self._cpu_wait_clock()
        while not self.call.finished:
            listening = kernel.on_port(self.host, self.port, "LISTEN")
            if not listening or not listening[0].rx_queue:
                return True
            seen = deadlock.asleep_for_good(self.call.pid)
            if seen is not None and seen == last:
                return False
            last = seen
            if time.monotonic() - start - waited_for_cpu() > HERD_WAIT:
                return False
            select.select([self.call], [], [], SETTLED_LOOK)
            self.call.pump()
        return True

    def _reset_in_queue(self, client: Client) -> None:
        """Lesson 7: once the server is idle after this client connected (`_settle`), was its connection reset
        before it sent anything, the listener gone? Then the server closed its listener while the connection still
        waited in its accept queue, never accepted: closing a listener resets those (the kernel's doing; a socket
        the code accepted and closed would send FIN). Told as that, with the RST drawn, before the client sends.
        """
        if self.flood or not kernel.AVAILABLE or self.call.finished:
            return
        self._settle()
        try:
            client.peer.sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
            return
        except ConnectionResetError:
            pass
        except OSError:
            return
        if kernel.on_port(self.host, self.port, "LISTEN"):
            return
        client.peer.end = "RST"
        client.peer.timeline.end("RST")
        client.peer.timeline.note(text.TL_RESET_IN_QUEUE)
        self._alive()
        raise Broken(self.fail(text.CROWD_RESET_IN_QUEUE.format(client=client.name, why=self._stopped_listening())))

    def _stopped_listening(self) -> str:
        """How the server stopped listening: after accepting how many of its clients, and which (the kernel's)."""
        accepted = self._accepted()
        if not accepted:
            return text.CROWD_STOPPED_LISTENING.format(count=self.count)
        return text.CROWD_ACCEPTED_FEWER.format(accepted=len(accepted), count=self.count,
                                                names=text.LIST_SEPARATOR.join(self._herd_run(accepted)))

    def _herd_run(self, names: list[str]) -> list[str]:
        """The names, H1 to Hn (the herd, every one of them in order) said as one ("H1 to H87"), not 87 names."""
        herd = [f"H{number}" for number in range(1, len(self.herd) + 1)]
        if len(herd) < 2 or herd[0] not in names:
            return names
        at = names.index(herd[0])
        if names[at:at + len(herd)] != herd:
            return names
        return names[:at] + [self._herd_names()] + names[at + len(herd):]

    def _settle(self) -> None:
        """Before a client connects: wait until the server's kernel has the last client's connection (its
        handshake done), and then until every thread of the server sleeps (QUIET_SPAN; SETTLE_LIMIT for one that
        never does): it has done all it will with the connections so far, each accepted or left in the queue.

        So whether this client finds a listener never depends on how soon after its last accept() a server
        closes it: a server that accepts fewer than `count` has closed it by now, and the next client is
        refused, every time (else it could land in the accept queue first, and be reset as the listener closes).

        Lesson 7 only. Lesson 8's last client, D, connects once the server sleeps already (it has stopped reading
        G), and its F and G connect while the server may still be busy on purpose: a wait there would give a loop
        blocked in a send() to F the grader's stack-taking signal to return from (a partial send) and go on.
        """
        if self.flood or not kernel.AVAILABLE or self.call.finished or not self.clients:
            return
        last = list(self.clients.values())[-1]
        self._until(lambda: kernel.connection(last.peer.remote, last.peer.local) is not None or last.peer.end)
        self._asleep(time.monotonic() + SETTLE_LIMIT)

    def _outwait(self) -> None:
        """Before the last client (D): hold until every timer of the server's own shorter than LONG_TIMEOUT has had
        its chance to fire (`deadlock.hold_past_timers`), or OUTWAIT_CAP has passed. A server that gives up on such
        a timeout (a last accept() with a timeout, a loop that returns, or closes its clients, once no event came
        for a while) has done so before D comes, by construction."""
        self.outwaited, _ = deadlock.hold_past_timers(self.call, OUTWAIT_CAP, whole=True)
        self.outwaited += self._outwait_loop_timer()[0]

    def _outwait_loop_timer(self) -> tuple[float, bool]:
        """Lesson 8, every client idle (after the hold for the short timers): the loop asleep in a wait whose own timer
        is LONG_TIMEOUT or more, and under LOOP_TIMER_CAP (a select() with timeout=3.0; `deadlock.timed_waits`, the
        kernel's record of the call), is held past that timer too, every client quiet. A loop that ends after a
        round with no event has ended when the hold does, by construction, and its timer is named (`loop_timer`).
        A loop that waits without a timeout, or with a shorter one (held already), costs one look at its wait."""
        if not self.flood or not kernel.AVAILABLE or self.call.finished:
            return 0.0, False
        end, waits = time.monotonic() + LOOP_TIMER_LOOK, None
        while waits is None and not self.call.finished and time.monotonic() < end:
            waits = deadlock.timed_waits(self.call.pid)
            if waits is None:
                select.select([self.call], [], [], POLL)
                self.call.pump()
        longest = None
        for name, seconds, absolute, _ in (waits or {}).values():
            length = seconds - time.monotonic() if absolute else seconds  # a deadline: what is left of it
            if deadlock.LONG_TIMEOUT <= length < LOOP_TIMER_CAP and (longest is None or length > longest[1]):
                longest = ("time.sleep" if name in ("nanosleep", "clock_nanosleep") else name, length)
        if longest is None:
            return 0.0, False
        held, fired = deadlock.hold_past_timers(self.call, LOOP_TIMER_CAP + OUTWAIT_CAP, whole=True,
                                                within=longest[1] + OUTWAIT_CAP)
        if fired:
            self.loop_timer = longest
        return held, fired

    def _outwait_main(self) -> None:
        """Lesson 7, before D, after `_outwait`: if every thread of the server is asleep and its main thread (its
        id is the process's, the one that called the function: the one that accepts) waits on a timer of its own
        of LONG_TIMEOUT or more, at most MAIN_TIMER_CAP (a timeout on the listener's accept(): `deadlock.timed_waits`
        reads it from the kernel), hold until that timer has fired (`deadlock.hold_past_timers`). A loop that stops
        accepting when it fires has stopped when D comes, by construction: D is refused, or never accepted, and
        told as that timer's doing (`main_timer`). Code whose main thread waits for good (an accept() or a join()
        without a timeout) costs one look; a longer timer is not waited out (a safety net no check waits for)."""
        if self.flood or not deadlock.AVAILABLE or self.call.finished:
            return
        end, waits = time.monotonic() + SETTLE_LIMIT, None
        while waits is None and not self.call.finished and time.monotonic() < end:  # every thread asleep
            waits = deadlock.timed_waits(self.call.pid)
            if waits is None:
                select.select([self.call], [], [], POLL)
                self.call.pump()
        main = (waits or {}).get((self.call.pid, str(self.call.pid)))
        if main is None:
            return
        name, value, absolute, _ = main
        seconds = value - time.monotonic() if absolute else value  # a sleep's deadline: what is left of it
        if not deadlock.LONG_TIMEOUT <= seconds <= MAIN_TIMER_CAP:
            return
        held, fired = deadlock.hold_past_timers(self.call, MAIN_TIMER_CAP + 1.0, within=seconds + 0.5)
        self.call.pump()
        if fired:
            self.main_timer = (name, value if not absolute else seconds, held)
            self.timeline.note(text.TL_MAIN_TIMER.format(call=name, seconds=self.main_timer[1], held=held))

    def _outwait_after_last(self) -> None:
        """Lesson 8, once every client has been accepted (D served and gone, A and C mid-line): hold again, as
        before D (`_outwait`). A loop that ends once no event came for a while after its last accept (a quiet
        spell taken for "every client is done") has ended when the hold does, by construction; told in the
        timeline, and judged by the checks that need A's and C's next lines."""
        held, fired = deadlock.hold_past_timers(self.call, OUTWAIT_CAP, whole=True)
        if not self.call.finished:
            more, timer_fired = self._outwait_loop_timer()
            held, fired = held + more, fired or timer_fired
        self.call.pump()
        if fired and held >= OUTWAIT_TOLD and self.call.finished:
            self.timeline.note(text.TL_QUIET_AFTER_LAST.format(held=held, name=f"{self.call.function}()"), told=True)
        self._alive()

    def _accepted(self) -> list[str] | None:
        """The clients whose connections the server had accepted, from the kernel (None: unknown). Its end of an
        accepted one is a socket of its process (an inode; one still in the listener's accept queue has none), or
        one it has closed since (no longer ESTABLISHED or CLOSE_WAIT: its FIN sent). One gone (reset) is not
        counted: the listener's close resets the connections still in its queue."""
        if not kernel.AVAILABLE:
            return None
        names = []
        ends = [(client.name, client.peer.remote, client.peer.local) for client in self.clients.values()]
        ends += [(f"H{number}", remote, local) for number, (remote, local) in enumerate(self.herd_ends, 1) if remote]
        for name, remote, local in ends:
            row = kernel.connection(remote, local)
            if row is not None and (row.inode or row.state not in ("ESTABLISHED", "CLOSE_WAIT", "SYN_RECV")):
                names.append(name)
        return names

    def _queued(self, client: Client) -> bool | None:
        """The client's connection is still in the listener's accept queue, never accepted (None: unknown).

        From the kernel: its end on the server's side is ESTABLISHED (the handshake is the kernel's), yet is no
        process's socket (no inode), and the listener is still there.
        """
        if not kernel.AVAILABLE:
            return None
        row = kernel.connection(client.peer.remote, client.peer.local)
        if row is None:
            return False
        return row.inode == 0 and row.state in ("ESTABLISHED", "CLOSE_WAIT") and bool(
            kernel.on_port(self.host, self.port, "LISTEN"))

    def _main_waits(self) -> str:
        """Where the function's own (main) thread waited when its stack was taken: "pool" (for a pool's workers,
        in concurrent.futures or multiprocessing.pool), "join" (in a thread's join()), or ""."""
        waits = self.call.main_waits_in
        if any("/concurrent/futures/" in path or path.endswith("/multiprocessing/pool.py") for path, _ in waits):
            return "pool"
        if any(path.endswith("/threading.py") and func in ("join", "_wait_for_tstate_lock") for path, func in waits):
            return "join"
        return ""

    def _send(self, client: Client, data: bytes) -> None:
        if client.held and self._closed_by_server(client):  # closed while it was idle mid-line: before this send
            if self._thread_died_printed():  # its thread died: that exception is the story
                self.ended_early = client.name
                self._read(client, None, time.monotonic() + END_WAIT)
                raise Broken(self.fail(text.CROWD_CLOSED_EARLY.format(
                    client=client.name, end=text.END_NAME.get(client.peer.end, text.NOTHING))))
            self._closed_idle([client.name] + [c.name for c in self.clients.values() if c is not client and c.held
                                               and c.peer.end is None and self._closed_by_server(c)])
            raise Broken(self._closed_mid_line(client.name))
        if not client.peer.send(data):
            self.ended_early = client.name
            first = (client.held + data).split(b"\n")[0]
            if client.peer.end == "RST" and len(first) > LONG_LINE:  # reset while a long line was still on its way
                raise Broken(self.fail(text.CROWD_LONG_LINE_CLOSED.format(
                    client=client.name, end=text.END_NAME["RST"], line=show(first + b"\n", 30)),
                    template="CROWD_LONG_LINE_CLOSED"))
            self._idle_closed_first(client)
            raise Broken(self.fail(text.CROWD_GONE.format(client=client.name)))
        whole = client.held + data
        client.held = whole[whole.rfind(b"\n") + 1 :]
        client.lines += data.count(b"\n")

    def _step(self, client: Client, data: bytes, others: list[str]) -> None:
        """Send data; wait for the replies to the lines it completes, and judge them."""
        line = client.held + data  # what was held of the line before this step belongs to it
        self._send(client, data)
        self._judge_replies(client, line, others, piece=data)

    def _burst(self, client: Client, others: list[str]) -> None:
        """Lesson 8: the client's last lines, D_BURST, all arrive while the server's process is stopped (SIGSTOP),
        so they wait together in its receive queue, more than one recv() of 64 KiB takes, before its loop runs
        again. A selector that reports the socket once (edge-triggered: EPOLLET) to a loop that reads it once
        leaves the rest unread for good, every time; so does a loop that stopped reading at its bound and never
        asks again. (Where not all of it fits in the window the server's kernel offers, or the kernel cannot be
        seen, this is an ordinary step: what is left goes once the server runs again.)"""
        line = client.held + D_BURST
        view = memoryview(D_BURST)
        frozen = self._freeze()
        if frozen:
            try:
                view = self._put_stopped(client, view)
            finally:
                self._thaw()
        together = frozen and not view and not kernel.unsent(client.peer.sock)
        client.peer.timeline.peer(text.TL_SEND.format(data=show(D_BURST, TIMELINE_BYTES)))
        if together:
            self.timeline.note(text.TL_BURST_STOPPED.format(
                client=client.name, total=text.counted(text.BYTES, len(D_BURST))))
        if view:
            self._put(client, bytes(view))
        client.peer.sent_bytes += len(D_BURST)
        client.held = b""
        client.lines += D_BURST.count(b"\n")
        self._judge_replies(client, line, others, together=together)

    def _together(self, sends: list[tuple[Client, bytes]]) -> None:
        """Lesson 8: each client's piece (each ends a line) reaches the server's kernel while its process is stopped
        (SIGSTOP), every byte acknowledged before it runs again: all their sockets are readable when its loop next
        calls select(), so one select() reports them all, by construction. A loop that re-registers only the
        batch's last key (its modify() dedented out of the for loop) leaves another's reply queued without write
        interest: never sent, every time. (A client the server closed meanwhile, or no kernel view: step by step.)"""
        frozen = not any(client.held and self._closed_by_server(client) for client, _ in sends) and self._freeze()
        if not frozen:
            for client, data in sends:
                self._step(client, data, others=[c.name for c, _ in sends if c is not client])
            return
        try:
            left = [self._put_stopped(client, memoryview(data)) for client, data in sends]
        finally:
            self._thaw()
        lines = []
        for (client, data), rest in zip(sends, left, strict=True):
            lines.append(client.held + data)
            client.peer.timeline.peer(text.TL_SEND.format(data=show(data, TIMELINE_BYTES)))
            if rest:
                self._put(client, bytes(rest))
            client.peer.sent_bytes += len(data)
            whole = client.held + data
            client.held = whole[whole.rfind(b"\n") + 1 :]
            client.lines += data.count(b"\n")
        names = [client.name for client, _ in sends]
        if not any(left) and not any(kernel.unsent(client.peer.sock) for client, _ in sends):
            self.timeline.note(text.TL_TOGETHER.format(clients=text.and_list(names)))
            self.together = names
        try:
            for (client, _), line in zip(sends, lines, strict=True):
                self._judge_replies(client, line, [name for name in names if name != client.name])
        finally:
            self.together = []

    def _put_stopped(self, client: Client, view: memoryview) -> memoryview:
        """Send on the client's socket while the server's process is stopped, as far as its kernel takes it
        (its window shut: no room for BURST_ROOM); then wait until what went is acknowledged. What is left."""
        sock = client.peer.sock
        end = time.monotonic() + FREEZE_WAIT
        while view and time.monotonic() < end:
            try:
                view = view[sock.send(view, socket.MSG_DONTWAIT):]
            except BlockingIOError:
                if not select.select([], [sock], [], BURST_ROOM)[1]:
                    break
            except OSError:
                break
        self._until(lambda: not kernel.unsent(sock))
        return view

    def _judge_replies(self, client: Client, line: bytes, others: list[str], together: bool = False,
                       piece: bytes = b"") -> None:
        """Wait for the replies to the lines `line` completes, and judge them. `together`: they all reached the
        server's kernel at once (`_burst`): a server asleep with some of them unread never reads them."""
        due = replies(line)
        client.expected += due
        since = time.monotonic()
        got = self._read(client, len(due), since + LINE_WAIT)
        self.sample()
        if together and got != due and due.startswith(got) and client.peer.end is None:
            self._left_unread_for_good(client, got, due)
        if not got and client.peer.end is None:
            self._not_served(client, line[: line.index(b"\n") + 1], others, since)
        # A reply cut short by the end of the connection is that end's story (told below), not a wrong reply.
        if got != due and client.wrong is None and not (client.peer.end is not None and due.startswith(got)):
            # The unsent bytes sent again (never trimmed after a partial send()): the reply repeats itself.
            # Or replies it had already got come again first (the whole buffer sent again, never trimmed).
            earlier = {bytes(reply) + b"\n" for reply in client.expected[: len(client.expected) - len(due)].split(b"\n")
                       if reply}
            repeated = len(got) > len(due) and ((due * (len(got) // len(due) + 1)).startswith(got)
                                                or got[: got.find(b"\n") + 1] in earlier - {due})
            # Only this step's piece answered, as if one recv() were one line: the start held before it lost.
            part = piece[: piece.find(b"\n") + 1] if b"\n" in piece else b""
            piece_only = bool(part) and len(part) < len(line) and got.startswith(reply(part)) and not due.startswith(got)
            # The replies stop in the middle of one (a server writes whole replies): a partial send()'s rest dropped.
            tail_dropped = bool(got) and due.startswith(got) and not got.endswith(b"\n") and client.peer.end is None
            # A line cut at a lone b"\r" (splitlines()): its first wrong reply is a part of a line, cut there.
            first, right = next(((mine, right) for mine, right in zip(got.split(b"\n")[:-1], due.split(b"\n"), strict=False)
                                 if mine != right), (None, b""))
            cut_at_cr = first is not None and first[::-1] in split_at_other_breaks(line)
            # Only the line's end answered, its start lost (a piece put in the buffer's place, not added to it).
            start_lost = first is not None and 0 < len(first) < len(right) and right.startswith(first)
            # ...unless the line came whole in this step's piece, and only whitespace is missing at its ends: trimmed.
            trimmed = first is not None and len(first) < len(right) and right[::-1] + b"\n" in piece and trims(
                right[::-1], first[::-1])
            # Exactly the replies due, less those to the empty lines (b"\n" skipped, never answered b"\n").
            empty_skipped = b"\n\n" in b"\n" + line and got == replies_without_empty_lines(line)
            client.wrong = text.CROWD_WRONG_REPLY.format(
                client=client.name, line=show(line, 40), got=show(got, 40), want=show(due, 40),
                hint=text.EMPTY_LINE_SKIPPED_HINT if empty_skipped
                else text.CROWD_REPEATED_HINT if repeated
                else text.CROWD_TAIL_DROPPED_HINT.format(got=text.counted(text.BYTES, len(got))) if tail_dropped
                else text.LINE_STRIPPED_HINT
                if got in stripped_replies(line) - {due}
                else text.CR_SPLIT_HINT if cut_at_cr
                else text.CROWD_PIECE_ANSWERED_HINT.format(part=show(part, 40)) if piece_only
                else text.CROWD_LINE_TRIMMED_HINT.format(
                    part=show(first[::-1], 40), missing=text.counted(text.BYTES, len(right) - len(first)))
                if trimmed
                else text.CROWD_START_LOST_HINT.format(part=show(first[::-1], 40)) if start_lost
                else text.CROWD_PROTOCOL_HINT)
            client.cut = due.startswith(got)
        if client.peer.end is not None:
            # Closed by the server's code, or by its process as the function raised: the cause first.
            self.call.wait(until=time.monotonic() + END_WAIT, hang=False)
            if self.call.finished and self.call.status != "returned":
                raise self.call.failure(self.timeline, text.EXPECTED_CROWD)
            self.ended_early = client.name
            # Ended before the reply to a long line came whole: a read of a fixed size taken for a line is the story.
            unanswered = due[len(got) - len(got.split(b"\n")[-1]):].split(b"\n")[0]
            if len(unanswered) > LONG_LINE:
                raise Broken(self.fail(text.CROWD_LONG_LINE_CLOSED.format(
                    client=client.name, end=text.END_NAME[client.peer.end], line=show(unanswered[::-1] + b"\n", 30)),
                    template="CROWD_LONG_LINE_CLOSED"))
            raise Broken(self.fail(text.CROWD_CLOSED_EARLY.format(client=client.name, end=text.END_NAME[client.peer.end])))

    def _left_unread_for_good(self, client: Client, got: bytes, due: bytes) -> None:
        """A burst's replies stopped short: if the server sleeps with some of the burst in its receive queue, it
        was never told (or never asked) that the socket was readable again: that is the verdict."""
        if self.call.finished or not kernel.sleeping(self.call.pid):
            return
        row = kernel.connection(client.peer.remote, client.peer.local)
        if row is None or not row.rx_queue:
            return
        self.timeline.note(text.TL_BURST_UNREAD.format(client=client.name, rx=text.counted(text.BYTES, row.rx_queue)))
        self.call.hang()  # take the stack: where the server sleeps instead
        message = text.CROWD_BURST_UNREAD.format(
            client=client.name, total=text.counted(text.BYTES, len(D_BURST)),
            answered=got.count(b"\n"), lines=text.counted(text.LINES, due.count(b"\n")),
            left=text.counted(text.BYTES, row.rx_queue))
        if self.call.stuck_at:
            message += "\n" + "\n".join([text.STUCK_AT, *self.call.stuck_at])
        raise Broken(self.fail(message, template="CROWD_BURST_UNREAD"))

    def _consumed(self, client: Client, piece: bytes, others: list[str]) -> None:
        """Wait until the server has read all of a piece and its recv() has returned (as Peer.wait_consumed).

        Then one recv() can never return this piece together with the next.
        A server that sleeps for QUIET_REPLY with the piece unread will not read it.
        """
        if not kernel.AVAILABLE:
            time.sleep(0.05)
            return
        since = time.monotonic()
        quiet_since = None
        read_at = None
        waited_for_cpu = self._cpu_wait_clock()
        while True:
            now = time.monotonic()
            asleep = kernel.sleeping(self.call.pid)
            # Idle only counts once the piece has arrived (acknowledged): before that, sleeping is right.
            quiet_since = (quiet_since or now) if asleep and not kernel.unsent(client.peer.sock) else None
            # /proc/net/tcp is slow to read: look once the server sleeps (or never will).
            looked = asleep or now - since > ASLEEP_WAIT
            if read_at or (looked and self._read_by_server(client)):
                read_at = read_at or now
                if asleep or now - read_at > ASLEEP_WAIT:
                    return
            elif (now - since - waited_for_cpu() > LINE_WAIT or now > self.call.deadline - VERDICT_MARGIN
                  or (quiet_since and now - quiet_since >= QUIET_REPLY)):
                self._not_served(client, piece, others, since, read=False)
            self._alive()
            select.select([] if self.call.finished else [self.call], [], [], POLL)

    def _read_by_main(self, client: Client) -> None:
        """Lesson 7: the server has read the client's piece and waits for more (`_consumed`): the kernel shows which
        thread of its process is asleep in a read of that client's socket. The main thread (its id is the
        process's), the one that called the function, is to accept and join only: if it reads a client, that
        client was never given a thread of its own. (A read with a timeout, a poll, is not looked into: not told.)"""
        row = kernel.connection(client.peer.remote, client.peer.local)
        if row is not None and row.inode and self.call.pid in deadlock.socket_readers(self.call.pid, row.inode):
            self.main_served = self.main_served or client.name

    def _forgive_busy_machine(self) -> None:
        """Move the call's limit by as long as the server's threads waited for a CPU (the scheduler's count), up to
        BUSY_MACHINE_CAP: a loop that spins, or one slowed by other work on the machine, gets as far in the
        scenario as it does on a quiet machine, so its points do not depend on the load (a trial's spinning loop
        scored 12 of 13 alone, 7 beside other gradings). A server asleep waits for no CPU: a hang still ends at
        the limit. The grader's own wait for a CPU moves it too, up to GRADER_LATE_CAP: a grader kept from its CPU
        plays the scenario late (a correct style that sleeps 0.2 s before each close was stopped at its limit, or
        its last replies cut short VERDICT_MARGIN before it, beside CPU hogs), and the code's limit is not to pay
        for the grader's lateness (ARCHITECTURE.md, "The same verdict on a busy machine")."""
        now = time.monotonic()
        if not kernel.AVAILABLE or self.call.finished or now - self._delay_looked < DELAY_LOOK:
            return
        self._delay_looked = now
        if self._delay_clock is None:
            self._delay_clock = kernel.RunDelayClock(self.call.pid)
        delay = self._delay_clock()
        grown, self._delay_seen = max(0.0, delay - self._delay_seen), delay
        add = min(grown, BUSY_MACHINE_CAP - self._delay_forgiven)
        if add > 0:
            self._delay_forgiven += add
            self.call.deadline += add
        # The grader's own wait for a CPU: it plays the scenario late, and the code's limit is not to pay for that.
        own = kernel.own_run_delay()
        grown, self._own_delay = max(0.0, own - self._own_delay), own
        add = min(grown, GRADER_LATE_CAP - self._own_forgiven)
        if add > 0:
            self._own_forgiven += add
            self.call.deadline += add

    def _cpu_wait_clock(self):
        """A clock of how long, from now on, the server's threads waited for a CPU (capped: a busy machine,
        not a hung server, is what it forgives)."""
        if not kernel.AVAILABLE:
            return lambda: 0.0
        clock = kernel.RunDelayClock(self.call.pid)
        return lambda: min(CPU_WAIT_CAP, clock())

    def _read_by_server(self, client: Client) -> bool:
        """Has the server's kernel acknowledged, and its code read, every byte this client sent?"""
        if kernel.unsent(client.peer.sock):
            return False
        row = kernel.connection(client.peer.remote, client.peer.local)
        return row is not None and row.rx_queue == 0

    def _alive(self) -> None:
        """The student's function may return early (it is judged later), but not raise, crash or hang."""
        self._forgive_busy_machine()
        self.call.pump()
        if self.call.finished and self.call.status != "returned":
            raise self.call.failure(self.timeline, text.EXPECTED_CROWD)
        if not self.call.finished and time.monotonic() > self.call.deadline:
            self.call.hang()
            raise self.call.failure(self.timeline, text.EXPECTED_CROWD)

    def _read(self, client: Client, count: int | None, until: float) -> bytes:
        """What the server sends this client: `count` bytes, or (None) until it ends the connection.

        Stops at `until`, or sooner once nothing more can come: the server's
        process has slept for QUIET_REPLY with everything this client sent
        acknowledged and nothing of its own in flight (`_silent`).
        """
        got = bytearray()
        sock = client.peer.sock
        quiet_since = None
        waited_for_cpu = self._cpu_wait_clock()
        # READ_CAP bounds a read until the end (a server may send without end), never a count due: a reply over it
        # (lesson 7's D_HUGE_LINE) is read whole, not cut where the reads' sizes happen to cross READ_CAP.
        cap = READ_CAP if count is None else max(READ_CAP, count)
        while (count is None or len(got) < count) and client.peer.end is None and len(got) < cap:
            try:
                data = sock.recv(1 << 16)
            except BlockingIOError:
                # ACK now: a server's second small reply would otherwise wait for our delayed ACK (Nagle).
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
                self._alive()
                now = time.monotonic()
                # The server's own time: not while it waited for a CPU; and never up to its limit.
                if now >= until + waited_for_cpu() or now > self.call.deadline - VERDICT_MARGIN:
                    break
                if kernel.AVAILABLE and kernel.sleeping(self.call.pid) and not kernel.unsent(sock):
                    quiet_since = quiet_since or now
                    if now - quiet_since >= QUIET_REPLY and self._silent(client):
                        break
                else:
                    quiet_since = None
                select.select([sock, *([] if self.call.finished else [self.call])], [], [],
                              max(0.0, min(until - now, POLL * 4)) or POLL)
                continue
            except ConnectionResetError:
                client.peer.end = "RST"
                break
            if not data:
                client.peer.end = "FIN"
                break
            got += data
            quiet_since = None
        if got:
            # what the server sent, as this read took it (the wire keeps no send() boundaries): not one send()
            client.peer.timeline.student(text.TL_SENT_READ.format(data=show(bytes(got), TIMELINE_BYTES)))
        if client.peer.end:
            client.peer.timeline.end(client.peer.end)  # the grader's kill is drawn as a note, not as theirs
        return bytes(got)

    def _silent(self, client: Client) -> bool:
        """The server's end of this connection is open (not closed: no FIN on its way), nothing in flight."""
        row = kernel.connection(client.peer.remote, client.peer.local)
        return row is not None and row.state in ("ESTABLISHED", "CLOSE_WAIT") and row.tx_queue == 0 and not select.select(
            [client.peer.sock], [], [], 0)[0]

    def look_for_blocked_send(self, client: str) -> bool:
        """Is the server, idle now, asleep in a send? (Recorded the first time, with its stack.)"""
        if self.call.finished:
            return False
        found = blocked_in_send(self.call.pid)
        self.send_seen = self.send_seen or found is not None
        if not found:
            return False
        if self.blocked_send is None:
            self.blocked_send, self.blocked_send_client = found, client
            self.call.take_stack()
            self.blocked_send_at = list(self.call.stuck_at)
            self.timeline.note(text.TL_BLOCKED_IN_SEND.format(call=found))
        return True

    def _not_served(self, client: Client, line: bytes, others: list[str], since: float, read: bool = True) -> None:
        """The server never answered (read=True) or never even read (read=False) what this client sent."""
        self.call.pump()
        if self.call.finished:  # it had returned (or ended otherwise) already: that is the root cause
            raise self.call.failure(self.timeline, text.EXPECTED_CROWD)
        if "F" in self.clients:
            self.look_for_blocked_send("F")
        waited = time.monotonic() - since
        queued = self._queued(client)  # before the kill, which closes the listener
        # Lesson 8 (one loop), or lesson 7 with a long line unanswered (a thread still at work on it): before the stack
        # is taken, on the CPU, never asleep (seconds of CPU), or None
        slow_line = not self.flood and len(line) > LONG_LINE
        spin = self._spinning() if self.lesson == "event_loop" or slow_line else None
        listening = kernel.on_port(self.host, self.port, "LISTEN") if spin is not None else []  # ...and its listener
        spun_at = self.call.sample_stacks(SPIN_SAMPLES) if spin is not None else []  # ...and where its loop goes
        self.call.hang()  # take the stack: where the server was busy instead
        stack = self.call.stuck_at
        what = text.CROWD_NOT_ACCEPTED if queued else text.CROWD_NO_REPLY if read else text.CROWD_NOT_READ
        hint = text.CROWD_NOT_SERVED_HINT
        # The main thread's own wait tells the cause when it is a pool's (the client accepted, no worker free) or a
        # join() (the client never accepted): its stack is then the one shown, not a client thread's recv().
        waits = self._main_waits() if not self.flood else ""
        timer = queued and self.main_timer is not None  # never accepted: its accept loop ended on the main's timer
        if timer:  # (its main thread then in a join() after the loop: the timer is the cause, not that join)
            hint = text.CROWD_MAIN_TIMER_HINT.format(call=self.main_timer[0], seconds=self.main_timer[1],
                                                     held=self.main_timer[2])
            stack = self.call.main_stuck_at or stack
        elif waits == "pool" and not queued:
            hint, stack = text.CROWD_POOL_TOO_SMALL_HINT.format(client=client.name), self.call.main_stuck_at
        elif waits == "join" and queued is not False:
            hint, stack = text.CROWD_JOIN_IN_LOOP_HINT.format(client=client.name), self.call.main_stuck_at
        elif read and writes_unflushed(self.call.run.source(self.call.module)):  # a reply may sit in a file's buffer
            hint = text.MAKEFILE_UNFLUSHED_HINT
        if self.blocked_send:  # the kernel showed it asleep in a send to a client that does not read
            hint = text.CROWD_BLOCKED_SEND_HINT.format(call=self.blocked_send, client=self.blocked_send_client)
        if "F" in self.clients and client.name != "F":
            situation = text.CROWD_WHILE_FLOOD.format(idle=text.LIST_SEPARATOR.join(others), flooder="F")
        elif self.herd:
            situation = text.CROWD_WHILE_HERD.format(idle=text.LIST_SEPARATOR.join(others), herd=self._herd_names())
        else:
            situation = text.CROWD_WHILE_IDLE.format(idle=text.LIST_SEPARATOR.join(others))
        if spin is not None and slow_line:
            # Still at work on the long line, seconds after it came: a few bytes read at a time, and the whole buffer
            # searched again after each read (time squared in the line's length), not a thread busy elsewhere.
            hint = text.CROWD_LONG_LINE_SLOW_HINT.format(cpu=spin, look=SPIN_LOOK,
                                                         size=text.counted(text.BYTES, len(line)))
        elif spin is not None:
            if any(".accept(" in line for line in spun_at) and listening and not listening[0].rx_queue:
                # accept() again and again on a listener whose accept queue the kernel shows empty: the selector
                # reported another socket, and the code took that event for the listener's
                hint = text.CROWD_ACCEPT_SPIN_HINT.format(cpu=spin, look=SPIN_LOOK)
            else:
                hint = text.CROWD_SPIN_HINT.format(cpu=spin, look=SPIN_LOOK)
        if client.name in self.together and spin is None and not self.blocked_send:  # one select() reported them all
            others = [name for name in self.together if name != client.name]
            situation = text.CROWD_WHILE_TOGETHER.format(others=text.and_list(others))
            hint = text.CROWD_TOGETHER_HINT
        self.timeline.note((text.TL_NO_REPLY if read else text.TL_NOT_READ).format(client=client.name, wait=waited))
        told = timer or (waits == "pool" and not queued) or (waits == "join" and queued is not False) or spin is not None
        if client.wrong is not None and not told:  # (no pool, join or spin to tell)
            # A wrong reply to this client came first (a line answered in pieces, say): that is the story, not a
            # server busy elsewhere. Its stack shows where it waited instead.
            message = client.wrong
            if stack:
                message += "\n" + "\n".join([text.STUCK_AT, *stack])
            raise Broken(self.fail(message, template="CROWD_WRONG_REPLY"))
        message = text.CROWD_NOT_SERVED.format(client=client.name, line=show(line, 40), wait=waited,
                                               situation=situation, what=what, hint=hint)
        if stack:
            message += "\n" + "\n".join([text.STUCK_AT, *stack])
        raise Broken(self._thread_crashed(client, self.fail(message, template="CROWD_NOT_SERVED")))

    def _spinning(self) -> float | None:
        """The server's process, looked at for SPIN_LOOK: never asleep, and on the CPU or waiting for one most of
        it (the scheduler's accounting: on a busy machine a loop that spins waits its turn, but never sleeps): the
        seconds of CPU it used then, or None (asleep once, or unknown)."""
        if not kernel.AVAILABLE or self.call.finished:
            return None
        pid = self.call.pid
        cpu, delay, start = kernel.cpu_time(pid), kernel.run_delay(pid), time.monotonic()
        while time.monotonic() - start < SPIN_LOOK:
            if kernel.sleeping(pid):
                return None
            time.sleep(SPIN_LOOK / 20)
        now = kernel.cpu_time(pid)
        if cpu is None or now is None:
            return None
        runnable = (now - cpu) + (kernel.run_delay(pid) - delay)
        return now - cpu if runnable >= (time.monotonic() - start) / 2 else None

    def _thread_died_printed(self) -> bool:
        """Has a thread of the server died of an exception nothing caught (Python printed "Exception in thread")?

        A thread's with-block closes its connection before Python prints why the thread ended: the client sees
        the FIN first. While a thread of the process is still running (printing, on a busy machine), it is
        waited for, up to THREAD_PRINT_WAIT; a process whose threads all sleep has nothing more to print."""
        until = time.monotonic() + THREAD_PRINT_WAIT
        while "Exception in thread" not in self.call.printed():
            if (not kernel.AVAILABLE or self.call.finished or kernel.sleeping(self.call.pid)
                    or time.monotonic() >= until):
                return False
            time.sleep(0.01)
        return True

    def _thread_crashed(self, client: Client, failure: CheckFailed) -> CheckFailed:
        """Lesson 7, before any client reset: a thread of the server that died of an uncaught exception (Python
        printed "Exception in thread ...", its traceback shown with what the code printed) is the cause of a
        client not served, or cut off, not the server's way of serving. (Nothing resets before B, so no such
        exception is the expected end of a connection yet.)"""
        if self.flood or PHASES.index(self.phase) >= PHASES.index("reset"):
            return failure
        if not self._thread_died_printed():
            return failure
        return failure.with_prefix(text.CROWD_THREAD_CRASHED.format(client=client.name))

    def _finish(self, clients: list[Client]) -> None:
        """Each client ends its lines (FIN); the server must close each connection (FIN)."""
        for client in clients:
            if not client.peer.fin_sent:  # (E's went before the grader looked at the idle server)
                client.peer.shutdown_write()
        until = time.monotonic() + END_WAIT
        for client in clients:
            got = self._read(client, None, until) if client.peer.end is None else b""  # else read (and drawn)
            if client.peer.end is None:
                got += self._await_close(client)
            if client.peer.end is None:
                self._eof_unseen(client)
            if got and client.held and client.wrong is None:
                # A reply to the line it ended without b"\n": at EOF that line is dropped (A's A_TAIL).
                client.wrong = text.CROWD_EOF_LINE_ANSWERED.format(client=client.name, line=show(client.held, 40),
                                                                   got=show(got, 40))
            client.end = client.peer.end
            client.peer.close()
            client.peer.timeline.peer(text.TL_CLOSE, wire=False)

    def _tail_with_eof(self, client: Client) -> None:
        """Lesson 8: the client's last bytes (A_TAIL, no newline) and its FIN reach the server's kernel together,
        while its process is stopped (SIGSTOP), both acknowledged before it runs again. A loop told of a socket
        once per arrival (epoll with EPOLLET) that reads it once per event gets the bytes, which make no reply
        (no modify() to re-arm it either), and no event ever again for the EOF behind them: one recv() returns
        bytes or b"", never both. Sent one after the other, the FIN was an arrival of its own whenever the server
        had read the bytes first (a trial's passed 7 gradings in 8); now it never is. (Where the process cannot be
        stopped, they go one after the other.)"""
        frozen = self._freeze()
        try:
            self._send(client, A_TAIL)
            if frozen:
                client.peer.shutdown_write()
                # ...both in the server's kernel (the FIN acknowledged too) before the server runs again.
                self._until(lambda: not kernel.unsent(client.peer.sock))
        finally:
            if frozen:
                self._thaw()
        if frozen and client.peer.fin_sent and client.peer.end is None and not kernel.unsent(client.peer.sock):
            self.eof_together = client.name
            self.timeline.note(text.TL_TAIL_WITH_EOF.format(client=client.name))

    def _eof_unseen(self, client: Client) -> None:
        """Lesson 8: no FIN came from the server after the EOF that arrived together with this client's last bytes
        (`_tail_with_eof`). Does the kernel show why: the server asleep, its socket to the client still open, at its
        EOF (CLOSE_WAIT), and registered to be read edge-triggered (EPOLLET) in an epoll of its process? Then no
        event will ever come for that EOF (recorded: `eof_unseen`, told by the FIN check)."""
        if client.name != self.eof_together or self.call.finished or not kernel.sleeping(self.call.pid):
            return
        row = kernel.connection(client.peer.remote, client.peer.local)
        if row is None or row.state != "CLOSE_WAIT" or not row.inode:
            return
        if deadlock.edge_triggered(self.call.pid, row.inode):
            self.eof_unseen = client.name
            self.timeline.note(text.TL_EOF_UNSEEN.format(client=client.name))

    def _await_close(self, client: Client) -> bytes:
        """After this client's EOF, its FIN not come while the server slept QUIET_REPLY: wait on until it comes, or
        until the kernel shows the server will not send it now (`deadlock.hold_past_timers`: every thread of it
        asleep with no timer of its own shorter than LONG_TIMEOUT left to fire, or busy). The lesson sets no
        deadline for that close: a thread that sleeps a while in its with-block before the close (a timer of the
        code's own) closes within the hold, by construction, where a fixed wait judged it by a clock (a trial's
        0.1 s was told "saw nothing"). A server that never closes costs one look. What comes meanwhile is read
        after the hold: the FIN, or a late reply (then a FIN may follow, read as `_read` does)."""
        if not deadlock.AVAILABLE:
            return b""
        if not self.call.finished:
            deadlock.hold_past_timers(self.call, CLOSE_CAP)
        elif self.call.result is not None:  # returned, its process still there: a thread it did not join may close
            with _Returned(self.call) as returned:
                deadlock.hold_past_timers(returned, CLOSE_CAP)
        else:
            return b""
        return self._read(client, None, time.monotonic() + QUIET_REPLY)

    def _reset(self, client: Client) -> None:
        """The client resets its connection (SO_LINGER 0) in the middle of a line.

        (Whether the server has read the half line yet does not matter: Linux
        delivers data queued before an RST, and the next recv() then raises.)

        Where the kernel can be seen (Linux), the client first ends its line
        (B_LAST), and both the line and the RST reach the server's kernel
        while its process is stopped (SIGSTOP; the kernel's doing, which no
        code can catch). Once it runs again, a recv() returns the line (data
        queued before an RST comes first) and the reply's send() raises
        ConnectionResetError, every time. Lesson 8: a server that catches the
        reset around recv() only is caught out; the line counts (its reply was
        queued). Lesson 7: the line does not count (a line counts once its
        reply was sent), so a thread that counts before sending is caught out;
        and two more lines come behind it in the same send (B_AFTER), so the
        thread still has lines of that recv() to answer when its first
        sendall() meets the reset: the next send() on the reset socket raises
        BrokenPipeError (Linux: the reset's error is reported once, then the
        socket is shut for sending), so a thread that catches the reset per
        sendall() and goes on dies of it, every time.
        """
        frozen = self._freeze()
        server_end, client_end = client.peer.remote, client.peer.local
        if frozen:
            last = B_LAST if self.flood else B_LAST + B_AFTER
            self._send(client, last)
            if not self.flood:  # lesson 7: their replies can never be sent, so no line of these is answered
                client.lines -= last.count(b"\n")
            # The line is in the server's kernel (acknowledged) before the RST leaves...
            self._until(lambda: not kernel.unsent(client.peer.sock))
        client.peer.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.peer.close()
        client.peer.timeline.peer(text.TL_RESET_AT_LINE_END if frozen else text.TL_RESET)
        if frozen:
            # ...and the RST has reached the server's socket (it left the table) before the server runs again.
            self._until(lambda: kernel.connection(server_end, client_end) is None)
            self._thaw()
            self.timeline.note(text.TL_STOPPED_FOR_RESET.format(client=client.name))

    def _reset_in_recv(self) -> None:
        """Lesson 7: H1, idle since it connected, sends a line (H1_LINE) and reads its reply; then, once the thread
        serving it waits to read again (the kernel shows a thread of the server asleep in a read of H1's socket, or
        every thread asleep, QUIET_LIMIT at most), H1 resets (SO_LINGER 0). (Not if the server had closed H1's
        connection already, idle: A and C, idle mid-line meanwhile, tell that mistake.) Nothing is left to send to H1 and
        nothing to read from it: the reset is met by recv(), by construction, where B's is met by the send() of a
        reply (`_reset`). The line counts (its reply was sent). A thread that dies of the reset prints its exception
        (the runner's excepthook) before the server sleeps again: those exceptions are kept (`recv_reset_died`),
        the student's process's own word, and told by the reset check. Only where the herd exists (Linux)."""
        if not self.herd or not self.herd_ends or self.herd_ends[0][0] is None or self.call.finished:
            return
        if any(c.held and c.peer.end is None and self._closed_by_server(c) for c in self.clients.values()):
            return  # clients closed while idle mid-line (a timeout taken for EOF): B's step next tells it, at once
        self._alive()
        timeline = Labelled(self.timeline, "H1")
        try:
            peer = Peer(self.herd[0], self.call, timeline, remote=self.herd_ends[0][0])
            peer.one_of_many = True
        except OSError:  # its connection already gone: the server's doing, told by the checks that judge it
            return
        peer.holds = ()
        h1 = Client("H1", peer)
        if self._closed_by_server(h1):  # the server closed it while idle (a timeout taken for EOF): A's and C's story
            return
        self.recv_reset = h1
        self.timeline.note(text.TL_H1_SPEAKS)
        self._step(h1, H1_LINE, others=["A", "B", "C"])
        row = kernel.connection(peer.remote, peer.local)
        end = time.monotonic() + QUIET_LIMIT
        in_recv = False
        while row is not None and row.inode and not self.call.finished and time.monotonic() < end:
            in_recv = deadlock.reads_socket(self.call.pid, row.inode)
            if in_recv or self._asleep(min(end, time.monotonic() + QUIET_SPAN * 2)):
                break
        in_recv = in_recv or (row is not None and bool(row.inode) and deadlock.reads_socket(self.call.pid, row.inode))
        before = len(self._printed_connection_errors())
        peer.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        peer.close()
        timeline.peer(text.TL_RESET_IN_RECV if in_recv else text.TL_RESET_REPLY_READ)
        if row is not None:
            self._until(lambda: kernel.connection(peer.remote, peer.local) is None)
        self.idle_or(lambda: self.call.finished)  # its thread has met the reset (and printed, if it died of it)
        self.ended_at_reset = self.ended_at_reset or ("H1" if self.call.finished else None)
        self.recv_reset_died = self._printed_connection_errors()[before:]
        if self.recv_reset_died:
            self.timeline.note(text.TL_RESET_IN_RECV_DIED.format(type=self.recv_reset_died[0].type))
        self._alive()

    def _printed_connection_errors(self) -> list[Error]:
        """The ConnectionErrors that ended threads of the server so far, from what its process printed."""
        self.call.pump()
        return [e for e in printed_thread_errors(self.call.printed()) if e.type in CONNECTION_ERRORS]

    def _reset_before_next(self, client: Client) -> None:
        """Lesson 8: `_reset` a client, then wait until the server has closed its socket (or sleeps with it still
        open, or QUIET_LIMIT passed): the next client's accept() then gets the descriptor number that socket had
        (Linux gives the lowest free one). A socket closed without unregister() is still in a selector's map
        under that number, and registering the new one fails (KeyError: already registered): by construction,
        not only when a late client happens to come after an early one has gone."""
        row = kernel.connection(client.peer.remote, client.peer.local) if kernel.AVAILABLE else None
        self._note_fd(client)
        self._reset(client)
        self._wait_closed(row)

    def _come_and_go(self) -> None:
        """Lesson 8: client E connects, sends a line, gets its reply and ends (FIN) before D comes, and the grader
        waits until the server has closed E's socket: D's accept() then gets the number E's socket had. A socket
        closed at its EOF without unregister() is still in the selector's map under that number, and registering
        D's fails (KeyError: already registered), by construction. (B's reset frees a number the same way, for a
        server that forgets unregister() on the reset's path: a trial's forgot it on the EOF's path only.)"""
        e = self._connect("E")
        self._step(e, E_LINE, others=["A", "C"])
        self._note_fd(e)
        row = kernel.connection(e.peer.remote, e.peer.local) if kernel.AVAILABLE else None
        if kernel.AVAILABLE:
            # Every client idle now, E at its EOF: the server closes E and sleeps, or it never sleeps (a loop still
            # asking to read a socket at its EOF): seen here, the busy wait is proven before anything else can go
            # wrong, and a server that spins costs no wait for a close that never comes.
            e.peer.shutdown_write()
            self._idle_cost(wakeups=False)
        self._finish([e])
        self._wait_closed(row)

    def _connect_last_with_one_behind(self) -> Client:
        """Lesson 8: D, the count-th client, connects while the server's process is stopped (SIGSTOP), and X right
        after it: when the server runs again, both wait in its listener's accept queue, D first (the kernel's count
        of that queue, seen while it is stopped). A listener's handler that accepts until BlockingIOError and looks
        at count only after takes X too, past count, by construction; the lesson's loop accepts D, closes its
        listener, and X is reset in the queue. Judged once the listener is gone (`_extra_accepted`). Where the
        queue cannot hold X (a listen(0)), or the kernel cannot say, D comes alone."""
        if not kernel.AVAILABLE or not self._freeze():
            return self._connect("D")
        try:
            d = self._connect("D")
            extra = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            extra.setblocking(False)
            extra.connect_ex((self.host, self.port))
            self._until(lambda: self._accept_queue() >= 2)  # the handshake is the server's kernel's, stopped or not
            if self._accept_queue() >= 2:
                extra.setblocking(True)
                self.extra = (extra, extra.getpeername(), extra.getsockname())
                self.timeline.note(text.TL_QUEUED_PAST_COUNT.format(count=self.count))
            else:
                extra.close()
        finally:
            self._thaw()
        return d

    def _accept_queue(self) -> int:
        """The connections waiting in the server's listener's accept queue (the kernel's; 0: no listener)."""
        listening = kernel.on_port(self.host, self.port, "LISTEN")
        return listening[0].rx_queue if listening else 0

    def _extra_accepted(self) -> None:
        """Lesson 8, the listener gone: X, queued behind D (`_connect_last_with_one_behind`), must never have been
        accepted. Accepted, its end on the server's side is a socket of the server's process (an inode in its
        /proc/<pid>/fd); the lesson's loop closed its listener with X still queued, which reset X. Then X ends
        (FIN), so that a loop that took X in finishes as it would have."""
        if self.extra is None:
            return
        sock, remote, local = self.extra
        row = kernel.connection(remote, local)
        if row is not None and row.inode and row.inode in kernel.socket_inodes(self.call.pid):
            self.extra_accepted = True
            self.timeline.note(text.TL_ACCEPTED_PAST_COUNT.format(count=self.count))
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)

    def _first_comes_and_goes(self, z: Client) -> None:
        """Lesson 8: client Z, the first to connect, sends half a line and ends (FIN); the grader waits until the server
        has closed Z's socket and is idle again (asleep, or ended), from the kernel. Every client the server has
        accepted so far is then done, and count - 1 are still to come: a loop that ends as soon as no client is
        connected has ended by then, its listener closed, and A's connect is refused, by construction (told by
        the listener's check: CROWD_STOPPED_WHEN_DONE). A's socket then gets the number Z's had, as D's gets E's."""
        self._await_accept(z)
        # Half a line first, read before Z ends (dropped at its EOF: no reply, not counted). A server that closes a
        # client that pauses mid-line closes Z here, and is told so, before A could get Z's number (`_closed_mid_line`).
        self._send(z, Z_HOLD)
        self.idle_or(lambda: False, limit=SETTLE_LIMIT)
        if self._closed_by_server(z):
            self._closed_idle(["Z"])
            raise Broken(self._closed_mid_line("Z"))
        row = kernel.connection(z.peer.remote, z.peer.local) if kernel.AVAILABLE else None
        z.peer.shutdown_write()
        self._idle_cost(wakeups=False)  # Z at its EOF: a loop that spins on it is proven here (as at E's)
        self._finish([z])
        self._wait_closed(row)

    def _wait_closed(self, row) -> None:
        """Wait until the server has closed its socket of this connection (its row, seen before the client's end)
        or sleeps with it still open, or QUIET_LIMIT passed."""
        if row is None or not row.inode or self.busy_cpu is not None:  # (a server that spins closes nothing here)
            return
        end = time.monotonic() + QUIET_LIMIT
        while not self.call.finished and time.monotonic() < end:
            if row.inode not in kernel.socket_inodes(self.call.pid):
                break
            if self._asleep(min(end, time.monotonic() + QUIET_SPAN * 2)) and row.inode in kernel.socket_inodes(
                    self.call.pid):
                break  # asleep with it open: it keeps the socket (another check's story)
        self.idle_or(lambda: self.call.finished, limit=ASLEEP_WAIT)  # a reset that ended it: known before D comes
        self._alive()

    def _note_fd(self, client: Client) -> bool:
        """Lesson 8: note the descriptor number of the server's socket for this client (`Client.fd`), from the kernel
        (its end's inode, found among /proc/<pid>/fd): True once known. Two clients with the same number: the later
        one's socket got it after the earlier one's was closed (a number names one open descriptor at a time)."""
        if client.fd is not None:
            return True
        if not self.flood or not kernel.AVAILABLE or self.call.finished:
            return False
        row = kernel.connection(client.peer.remote, client.peer.local)
        fd = kernel.socket_fd(self.call.pid, row.inode) if row is not None and row.inode else None
        if fd is not None:
            client.inode, client.fd = row.inode, fd
        return fd is not None

    def _await_accept(self, client: Client) -> None:
        """Lesson 8, before this client sends anything: wait until the server has accepted it (its descriptor
        number noted, `_note_fd`), or sleeps without having done so, or QUIET_LIMIT passed."""
        if not kernel.AVAILABLE:
            return
        end = time.monotonic() + QUIET_LIMIT
        while not self._note_fd(client) and not self.call.finished and time.monotonic() < end:
            if self._asleep(min(end, time.monotonic() + QUIET_SPAN * 2)):
                self._note_fd(client)
                return

    def _reused_from(self, client: Client) -> Client | None:
        """The last client before this one whose socket in the server had the same descriptor number (closed by the
        server before it accepted this one: the kernel gives the lowest free number to the next socket)."""
        if client.fd is None:
            return None
        earlier = list(self.clients.values())
        earlier = earlier[: earlier.index(client)]
        return next((old for old in reversed(earlier) if old.fd == client.fd), None)

    def _stop_reading(self, g: Client) -> None:
        """Lesson 8: G sends lines and never reads, until the server stops reading G.

        Each line goes as its body, then its newline, each read by the server
        (acknowledged, its receive queue empty) before the next is sent. Only
        a line's newline makes a reply, so a server stops reading G (its
        replies to G over its bound, G's own buffers full) right after it read
        a newline: the body that follows stays in its receive queue, while the
        server sleeps. Nothing unread then holds a newline, so G's lines are
        exactly those it sent, whatever the server reads after G's reset. (A
        server whose bound counts the half line it holds may stop before a
        newline instead: that line may then count, or not.)
        """
        if not kernel.AVAILABLE:
            return
        sock = g.peer.sock
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, FLOOD_BUFFER)
        for _ in range(UNREAD_MAX_LINES):
            for piece in (UNREAD_BODY, b"\n"):
                self._put(g, piece)
                row = self._left_unread(g)
                if row:
                    self.unread_stopped = True
                    self.unread_maybe = int(piece == b"\n")
                    g.peer.timeline.peer(_unread_sent(g.lines))
                    self.timeline.note(text.TL_UNREAD_STOPPED.format(rx=text.counted(text.BYTES, row)))
                    return
                if piece == b"\n":
                    g.lines += 1
        g.peer.timeline.peer(_unread_sent(g.lines))

    def _put(self, client: Client, data: bytes) -> None:
        """Send all of data on a non-blocking socket, as far as the server's kernel takes it."""
        view = memoryview(data)
        end = time.monotonic() + LINE_WAIT
        while view and time.monotonic() < end:
            try:
                view = view[client.peer.sock.send(view):]
                continue
            except BlockingIOError:
                pass
            except (BrokenPipeError, ConnectionResetError):
                client.peer.end = "RST"
                self._idle_closed_first(client)
                raise Broken(self.fail(text.CROWD_GONE.format(client=client.name))) from None
            self._alive()
            select.select([self.call], [client.peer.sock], [], POLL)

    def _left_unread(self, client: Client) -> int:
        """Wait until the server has read everything this client sent (0), or sleeps (QUIET_REPLY; or, never
        sleeping, ASLEEP_WAIT of its own time) with some of it in its receive queue: that many bytes."""
        since = time.monotonic()
        waited_for_cpu = self._cpu_wait_clock()
        quiet_since = None
        while True:
            self._alive()
            now = time.monotonic()
            quiet_since = (quiet_since or now) if kernel.sleeping(self.call.pid) else None
            if self._read_by_server(client):
                return 0
            # A server that never sleeps: ASLEEP_WAIT of its own time. (Taken for stopped too soon, it only makes
            # G's reset one its recv() may meet: G's lines are still counted right.)
            if (quiet_since and now - quiet_since >= QUIET_REPLY) or now - since - waited_for_cpu() > ASLEEP_WAIT:
                row = kernel.connection(client.peer.remote, client.peer.local)
                return row.rx_queue if row else 0
            if now > self.call.deadline - VERDICT_MARGIN:
                return 0
            select.select([] if self.call.finished else [self.call], [], [], POLL)

    def _reset_unread(self, g: Client) -> None:
        """G resets (SO_LINGER 0) while the server has stopped reading it: the server asks its selector about
        writing to G only, so the send() of G's waiting replies is what meets the reset, whatever the order in
        which the server's loop reads and writes. Once the RST is in its kernel, the server is given the time
        to act on it (idle, or ended) before anyone else speaks; then whether it closed its socket to G
        (`_kept_after_reset`)."""
        self.unread_reset = True
        server_end, client_end = g.peer.remote, g.peer.local
        row = kernel.connection(server_end, client_end) if kernel.AVAILABLE else None
        g.peer.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        g.peer.close()
        g.peer.timeline.peer(text.TL_RESET_UNREAD)
        if not kernel.AVAILABLE:
            return
        self._until(lambda: kernel.connection(server_end, client_end) is None)
        if self.unread_stopped and row is not None and row.rx_queue:  # what the kernel showed just before the reset
            self.timeline.note(text.TL_UNREAD_RESET.format(rx=text.counted(text.BYTES, row.rx_queue)))
        if row is not None and row.inode:
            self._kept_after_reset(row.inode)
        else:
            self.idle_or(lambda: self.call.finished, limit=ASLEEP_WAIT)
        self._alive()

    def _kept_after_reset(self, inode: int) -> None:
        """Lesson 8, G's RST in the server's kernel (its connection gone from the kernel's table, whatever the code
        does): did the server close its socket to G? A reset connection is over; the socket stays a descriptor of
        the process (`inode`, in /proc/<pid>/fd) until the code closes it. Judged once the server had its chance,
        by construction: asleep (every thread QUIET_SPAN: a socket reset while registered is ready at once, so a
        loop that still asks about it never sleeps), or, never asleep, once it has used BUSY_PROOF seconds of CPU
        (the scheduler's accounting, which a busy machine only slows: a loop that closes G does so in its next
        round, microseconds). Still held then: `unread_kept` ("asleep", "busy"). Neither within BUSY_LOOK (plus
        what the server waited for a CPU): no verdict. A server that closed G and never sleeps (another check's
        story) is let go after ASLEEP_WAIT, as before. Kept, and registered without EPOLLIN with the reset still
        its socket's pending error (`deadlock.reset_unasked`): no recv() or send() on it met the reset, the
        loop no longer read G nor wrote to it (`unread_unasked`), which is the story, not a swallowed error."""
        pid = self.call.pid
        start, cpu_before = time.monotonic(), kernel.cpu_time(pid)
        waited_for_cpu = self._cpu_wait_clock()
        quiet_since = None
        while not self.call.finished and cpu_before is not None:
            now = time.monotonic()
            if kernel.sleeping(pid):
                quiet_since = quiet_since or now
                if now - quiet_since >= QUIET_SPAN:
                    if kernel.holds_socket(pid, inode):
                        self.unread_kept = "asleep"
                        self.unread_unasked = deadlock.reset_unasked(pid, inode)
                        self.timeline.note(text.TL_RESET_UNASKED if self.unread_unasked else text.TL_RESET_KEPT_ASLEEP)
                    return
            else:
                quiet_since = None
                used = (kernel.cpu_time(pid) or 0.0) - cpu_before
                held = kernel.holds_socket(pid, inode)
                if used >= BUSY_PROOF and held:
                    self.unread_kept, self.unread_kept_cpu, self.unread_kept_wall = "busy", used, now - start
                    self.unread_unasked = deadlock.reset_unasked(pid, inode)
                    self.timeline.note(text.TL_RESET_UNASKED if self.unread_unasked
                                       else text.TL_RESET_KEPT.format(cpu=used, wall=now - start))
                    return
                if not held and now - start > ASLEEP_WAIT:
                    return
            if now - start - waited_for_cpu() > BUSY_LOOK:
                return
            select.select([self.call], [], [], POLL)
            self.call.pump()

    def _freeze(self) -> bool:
        """Stop the server's process (SIGSTOP) and wait until every thread of it is stopped (Linux)."""
        if not kernel.AVAILABLE or self.call.finished:
            return False
        try:
            os.kill(self.call.pid, signal.SIGSTOP)
        except OSError:
            return False
        end = time.monotonic() + FREEZE_WAIT
        while time.monotonic() < end:
            if _all_stopped(self.call.pid):
                return True
            time.sleep(0.0005)
        self._thaw()
        return False

    @staticmethod
    def _until(done) -> None:
        """Wait (the server stopped: nothing of it can change this) until done(), at most FREEZE_WAIT."""
        end = time.monotonic() + FREEZE_WAIT
        while not done() and time.monotonic() < end:
            time.sleep(0.0005)

    def _thaw(self) -> None:
        try:
            os.kill(self.call.pid, signal.SIGCONT)
        except OSError:
            pass

    def _idle_cost(self, wakeups: bool = True) -> None:
        """With every client idle (A and C mid-line, B gone, D done; F not reading), the server has nothing to
        do: wait until it sleeps (every thread asleep QUIET_SPAN: right), or until it has used BUSY_PROOF
        seconds of CPU without sleeping (a busy wait: a loop around a non-blocking recv(), a select() with a
        timeout of 0, EVENT_WRITE asked of a socket with nothing to send). The proof is CPU time, which an
        idle server cannot spend however busy the machine; a busy machine only slows the proof, and the look
        is stretched by what the server waited for a CPU (capped). Neither within the look: no verdict."""
        if not kernel.AVAILABLE or self.call.finished or self.busy_cpu is not None:  # (seen once is proven)
            return
        start = time.monotonic()
        cpu_before = kernel.cpu_time(self.call.pid)
        waited_for_cpu = self._cpu_wait_clock()
        quiet_since = None
        while not self.call.finished and cpu_before is not None:
            now = time.monotonic()
            if kernel.sleeping(self.call.pid):
                quiet_since = quiet_since or now
                if now - quiet_since >= QUIET_SPAN:
                    if wakeups:
                        self._wakeups()
                    return
            else:
                quiet_since = None
            used = (kernel.cpu_time(self.call.pid) or 0.0) - cpu_before
            if used >= BUSY_PROOF:
                self.busy_cpu, self.busy_wall = used, now - start
                self.busy_after_reset = self.unread_reset
                # After F's EOF, a client at its EOF before F (and not closed since) is the story; else F is.
                self.busy_eof = self._held_at_eof(but="F" if self.eof_unsent else "") or (
                    "F" if self.eof_unsent else "")
                self.busy_eof_unsent = self.busy_eof == "F" and self.eof_unsent
                self.timeline.note(text.TL_BUSY_WAIT.format(cpu=used, wall=now - start))
                return
            if now - start - waited_for_cpu() > BUSY_LOOK:
                return
            select.select([self.call], [], [], POLL)
            self.call.pump()

    def _held_at_eof(self, but: str = "") -> str:
        """A client that ended its lines (FIN) whose connection the server still holds open (CLOSE_WAIT, from the
        kernel): a socket at its EOF, readable for ever, is what a select() asking to read it returns at once for.
        (`but`: a client not to name.)"""
        for client in self.clients.values():
            if client.name == but:
                continue
            row = kernel.connection(client.peer.remote, client.peer.local)
            if client.peer.end is None and row is not None and row.state == "CLOSE_WAIT":
                return client.name
        return ""

    def _wakeups(self) -> None:
        """The server sleeps, every client idle: does it sleep until a client acts, or wake up again and again (a
        select() with a short timeout, or with a timeout of 0 and a time.sleep() between, polls: asleep at every
        look, and awake a thousand times a second)? The kernel counts each time a thread of it went to sleep
        (its context switches): over WAKE_LOOK of the server's own time (what it waited for a CPU added), a loop
        that waits without a timeout adds none, one whose timeout is 1 s at most one. WAKE_LIMIT in the look
        (WAKE_LIMIT / WAKE_LOOK a second: a timeout of about 12 ms or less) is polling; a 1 ms sleep makes twelve
        times as many, so a busy machine, which only delays its wakeups, cannot hide it. The look ends at
        WAKE_LIMIT: a loop that waits in the kernel is never called wrong, however long the look. It also ends as
        soon as the kernel shows that no wakeup can come in it: every thread asleep with no timer of its own that
        may fire within a whole look (`deadlock.short_timers`), twice, nothing run between: a loop that waits
        without a timeout, or with one longer than the look, costs two looks instead of WAKE_LOOK."""
        start, before = time.monotonic(), kernel.wakeups(self.call.pid)
        waited_for_cpu = self._cpu_wait_clock()
        timerless = None  # the wakeup count when every thread was last seen waiting with no timer due in the look
        deadlines: dict = {}  # lesson 8: each thread's absolute sleep last seen, (deadline, run count)
        sleeping_until = 0.0  # ... one of less than POLL_TIMEOUT seen, its period not yet: the look lasts till then
        while before is not None and not self.call.finished:
            now = time.monotonic()
            count = kernel.wakeups(self.call.pid) or before
            woke = count - before
            if woke >= WAKE_LIMIT:
                self.polls, self.polls_wall = woke, now - start
                self.timeline.note(text.TL_POLLS.format(wakeups=woke, wall=now - start))
                return
            if self.flood and self.poll_timer is None:
                pending = self._short_timer(deadlines, start)
                sleeping_until = 0.0 if self.poll_timer is not None else max(sleeping_until, pending)
            left = start + WAKE_LOOK + waited_for_cpu() - now
            if left < 0 and now >= sleeping_until:
                return
            # The look's outcome known before its end: every thread asleep where no timer of its own fires within a
            # whole look from now (only a client, all idle, could wake it), seen twice with no wakeup between. A
            # whole look, not what is left of it: a relative timeout (poll()'s, a recv() with settimeout()) is
            # known only as its length, from when it began, unknown; one shorter than the look may fire in it, again
            # and again (a trial's 33 threads in recv() with a 0.2 s timeout, retried, ended the look at 0.03 s).
            if self.poll_timer is None and now >= sleeping_until and deadlock.short_timers(
                    self.call.pid, within=WAKE_LOOK) == {}:
                if timerless == count:
                    return
                timerless = count
            else:
                timerless = None
            select.select([self.call], [], [], SETTLED_LOOK if timerless is not None else POLL)
            self.call.pump()

    def _short_timer(self, deadlines: dict, start: float) -> float:
        """Lesson 8 (one thread), every client idle: is the loop's own timer under POLL_TIMEOUT (`deadlock.timed_waits`)?
        A readiness wait's timeout argument (select(), poll(), epoll_wait(): the whole timeout, passed afresh at each
        call) or a sleep's length is read as it is; an absolute sleep (time.sleep() since Python 3.11) shows only its
        deadline, so its period is the step between two successive deadlines of the same thread, woken between.
        Found, it is kept in `poll_timer` ((call, seconds, a sleep?)): the lesson's rule, a loop that waits without a
        timeout or with one of a second or more, is broken whatever the wakeup count. Returns until when the look
        must last to see such a sleep's next deadline (0: none pending). Lesson 7's threads are not asked (a timed
        join() there is right)."""
        waits = deadlock.timed_waits(self.call.pid)
        pending = 0.0
        for thread, (name, seconds, absolute, runs) in (waits or {}).items():
            if not absolute:
                if seconds < POLL_TIMEOUT:
                    self._poll_timer_seen(name, seconds)
                    return 0.0
                continue
            last = deadlines.get(thread)
            if last is not None and seconds > last[0] and runs != last[1]:
                if seconds - last[0] < POLL_TIMEOUT:
                    self._poll_timer_seen(name, seconds - last[0])
                    return 0.0
            deadlines[thread] = (seconds, runs)
            if seconds < start + POLL_TIMEOUT:  # its next deadline, if any, comes after this one
                pending = max(pending, min(seconds + SLEEP_MARGIN, start + POLL_TIMEOUT + SLEEP_MARGIN))
        return pending

    def _poll_timer_seen(self, name: str, seconds: float) -> None:
        sleep = name in ("nanosleep", "clock_nanosleep")
        self.poll_timer = ("time.sleep" if sleep else name, seconds, sleep)
        self.timeline.note(text.TL_POLL_TIMER.format(call=self.poll_timer[0], seconds=seconds))

    def expect_sleeps_when_idle(self) -> None:
        """The server slept while every client was idle (no busy wait). A busy wait seen is proven by the CPU's
        accounting whatever came after it (a spinning loop may then run out of time): it is the verdict first."""
        if self.unread_kept == "busy" and (self.busy_cpu is None or self.busy_after_reset):
            raise self._reset_kept()  # G's reset, its socket kept and asked about: the busy wait's cause, seen first
        if self.busy_cpu is None:
            self.reached("listener")
        if not kernel.AVAILABLE:  # CPU time and the threads' states are the kernel's
            not_judged(self.timeline, text.NOT_JUDGED_BUSY)
        if self.busy_cpu is not None:
            hint = text.BUSY_LOOP_HINT if self.flood else text.BUSY_THREADS_HINT
            if self.flood and self.busy_eof:  # a socket at its EOF still asked about: the kernel says whose
                hint = (text.BUSY_EOF_UNSENT_HINT if self.busy_eof_unsent else text.BUSY_EOF_HINT).format(
                    client=self.busy_eof)
            raise self.fail(text.CROWD_BUSY_WAIT.format(cpu=self.busy_cpu, wall=self.busy_wall, hint=hint))
        if self.polls is not None:
            hint = text.POLL_LOOP_HINT if self.flood else text.POLL_THREADS_HINT
            raise self.fail(text.CROWD_POLLS.format(wakeups=self.polls, wall=self.polls_wall, hint=hint))
        if self.poll_timer is not None:  # lesson 8: its own timer under a second, read from the kernel
            call, seconds, sleep = self.poll_timer
            template = "CROWD_POLL_SLEEP" if sleep else "CROWD_POLL_TIMEOUT"
            raise self.fail(getattr(text, template).format(call=call, seconds=seconds, hint=text.POLL_LOOP_HINT),
                            template=template)

    def _listener(self) -> None:
        """After the last accept, the listener must close; then a further connect is refused."""
        if not kernel.AVAILABLE:
            return
        gone = self.idle_or(lambda: not kernel.on_port(self.host, self.port, "LISTEN"))
        if not gone:
            self.listener_open = True
            self.timeline.note(text.TL_STILL_LISTENING.format(host=self.host, port=self.port))
            return
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.settimeout(LINE_WAIT)
        try:
            probe.connect((self.host, self.port))
        except ConnectionRefusedError:
            self.connect_after = "refused"
        except OSError as exc:
            self.connect_after = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
        else:
            self.connect_after = "accepted"
        finally:
            probe.close()
        self.timeline.note(text.TL_PROBE.format(host=self.host, port=self.port, what=probe_result(self.connect_after)))

    # ---- lesson 8: the client that floods and never reads

    def _flood(self, f: Client) -> None:
        sock = f.peer.sock
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, FLOOD_BUFFER)
        server_end, client_end = f.peer.remote, f.peer.local
        view = memoryview(FLOOD_BLOCK)
        quiet_since = None
        progress_at = time.monotonic()
        check_memory_at = MEMORY_STEP
        while self.flood_sent < FLOOD_TOTAL:
            offset = self.flood_sent % len(FLOOD_BLOCK)
            try:
                self.flood_sent += sock.send(view[offset:])
                quiet_since = None
                progress_at = time.monotonic()
                if kernel.AVAILABLE and self.flood_sent >= check_memory_at:
                    # Past the bound already: the verdict cannot change, the rest would only cost time.
                    check_memory_at += MEMORY_STEP
                    if kernel.memory(self.call.pid).get("VmRSS", 0) - self.base_memory > MEMORY_BOUND:
                        break
                continue
            except BlockingIOError:
                pass
            except (BrokenPipeError, ConnectionResetError):
                f.peer.end = "RST"
                self._idle_closed_first(f)
                raise Broken(self.fail(text.CROWD_GONE.format(client="F"))) from None
            self.call.pump()
            if self.call.finished:
                raise self.call.failure(self.timeline, text.EXPECTED_FLOOD_READ)
            self.sample()
            if not kernel.AVAILABLE:
                if not select.select([], [sock], [], 0.2)[1]:
                    break
                continue
            # The server stopped reading F when it sleeps (in its selector) with F's bytes in its
            # receive queue and F's own send queue full. /proc/net/tcp is slow: read it only then.
            now = time.monotonic()
            if kernel.sleeping(self.call.pid) or now - progress_at > BUSY_STALL:  # asleep, or a busy loop
                quiet_since = quiet_since or now
                if now - quiet_since >= QUIET_SPAN:
                    row = kernel.connection(server_end, client_end)
                    rx = row.rx_queue if row else 0
                    if rx > 0 and kernel.unsent(sock):
                        self.flood_stalled = True
                        self.flood_rx = rx
                        self._held_for_flood(server_end, client_end)
                        self.flood_blocked = self.look_for_blocked_send("F")
                        if row is not None and kernel.socket_blocking(self.call.pid, row.inode):
                            self.blocking_client = "F"  # a send() to F that does not fit waits: nothing stops it
                        break
                    quiet_since = None
            else:
                quiet_since = None
            if now > self.call.deadline:
                self.call.hang()
                raise self.call.failure(self.timeline, text.EXPECTED_FLOOD_READ)
            select.select([self.call], [sock], [], POLL)
        if kernel.AVAILABLE:
            self.peak_memory = kernel.memory(self.call.pid).get("VmHWM", 0)
        f.lines = self.flood_sent // len(FLOOD_LINE)
        f.peer.timeline.peer(text.TL_FLOOD.format(sent=self.flood_sent / (1 << 20)))
        if self.flood_stalled:
            self.timeline.note(text.TL_FLOOD_STALLED.format(rx=text.counted(text.BYTES, self.flood_rx)))

    def _held_for_flood(self, server_end, client_end) -> None:
        """What the server holds for F, now that it has stopped reading F: what it read of F's (its kernel's bytes
        received, less its receive queue) less what it wrote to F (acknowledged, or in its send queue). Replies are
        as long as their lines, so that is its unsent replies and the line it has begun, from the kernel alone.
        Its bound let it read once more while under it: one read returns at most its receive queue, which the
        kernel keeps within the socket's receive buffer; the line that read ended inside is held too."""
        server = kernel.sending(server_end, client_end)
        if server is None or not server.received:
            return
        self.flood_held = max(0, server.read - server.written)
        self.flood_slack = server.rcvbuf + SEGMENT_SLACK + len(FLOOD_LINE)

    def _drain(self, f: Client) -> None:
        """F finishes its last line, ends its lines (FIN) and reads every reply until the server's FIN."""
        sock = f.peer.sock
        left = -self.flood_sent % len(FLOOD_LINE)  # the rest of the line F was in the middle of
        tail = memoryview(FLOOD_LINE[len(FLOOD_LINE) - left:])
        lines = (self.flood_sent + left) // len(FLOOD_LINE)
        want = lines * len(FLOOD_REPLY)
        cycle = FLOOD_REPLY * (65536 // len(FLOOD_REPLY) + 2)
        after = bytearray()  # the replies due to the lines F adds while it holds back its EOF (`_hold_replies`)
        flooded = want  # ... after the replies to the flood's lines
        got = 0
        shut = False
        quiet_since = None
        end = time.monotonic() + DRAIN_LIMIT

        def take(data: bytes) -> None:
            nonlocal got
            start = got % len(FLOOD_REPLY)  # data is at most 64 KiB: cycle holds every alignment of it
            split = max(0, min(len(data), flooded - got))
            late = got + split - flooded
            if self.flood_wrong is None and (cycle[start : start + split] != data[:split]
                                             or after[late : late + len(data) - split] != data[split:]):
                self.flood_wrong = show(data, 20)
            got += len(data)

        self._flood_seen = {}
        self._flood_client = f
        self._look_at_flood()
        if kernel.AVAILABLE:
            tail, extra = self._hold_replies(f, tail, want, after, take, end)
            end = time.monotonic() + DRAIN_LIMIT  # the reading proper, as long as before
            lines += extra
            want += len(after)
        while self.flood_end is None and time.monotonic() < end:
            if got >= want:  # every reply is in: now only the server's close is awaited
                end = min(end, time.monotonic() + END_WAIT)
                if kernel.AVAILABLE and kernel.sleeping(self.call.pid):
                    quiet_since = quiet_since or time.monotonic()
                    if time.monotonic() - quiet_since >= QUIET_REPLY and self._silent(f):
                        break
                else:
                    quiet_since = None
            if tail:
                try:
                    tail = tail[sock.send(tail):]
                except BlockingIOError:
                    pass
                except OSError:
                    tail = memoryview(b"")
            if not tail and not shut:
                shut = True
                try:
                    sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
            try:
                data = sock.recv(1 << 16)
            except BlockingIOError:
                self._alive()
                self._look_at_flood()
                select.select([sock, *([] if self.call.finished else [self.call])], [sock] if tail else [], [],
                              POLL * 20)
                continue
            except ConnectionResetError:
                self.flood_end = "RST"
                break
            if not data:
                self.flood_end = "FIN"
                break
            take(data)
        if self.flood_end == "RST" and not self._flood_seen.get("again") and self._flood_seen.get("unread", 0) > 0:
            self.flood_closed_unread = int(self._flood_seen["unread"])  # closed with F's lines unread: that RST
        self.flood_replies = got
        f.lines = lines
        f.end = self.flood_end
        f.expected = bytearray()  # judged by size: want
        self.flood_want = want
        if self.flood_end is None:
            # Never closed: had the server stopped reading F for good? F's bytes still in its receive queue say so.
            row = kernel.connection(f.peer.remote, f.peer.local) if kernel.AVAILABLE else None
            self.flood_unread = row.rx_queue if row is not None and row.state in ("ESTABLISHED", "CLOSE_WAIT") else 0
            f.peer.timeline.peer(text.TL_FLOOD_DRAINED_OPEN.format(got=got, want=want))
            if (self.flood_eof_held and got >= want and row is not None and row.state == "CLOSE_WAIT"
                    and not row.rx_queue and not row.tx_queue and row.inode
                    and row.inode in kernel.socket_inodes(self.call.pid)):
                # F's EOF came with replies held; they all went since, and the socket is still the server's: its
                # close was tied to the read of the EOF alone, never to the send that emptied the buffer.
                self.flood_kept_after_drain = True
                self.timeline.note(text.TL_KEPT_AFTER_DRAIN.format(client=f.name))
        else:
            f.peer.timeline.peer(text.TL_FLOOD_DRAINED.format(got=got, want=want, end=text.END_NAME[self.flood_end]))
        f.peer.close()

    def _look_at_flood(self) -> None:
        """The server's socket to F while F drains, as its kernel shows it: how much of F's it has read (received,
        less its receive queue) and what waits unread there. Looked at whenever F waits: a close that resets F
        with F's lines in that queue, none read since the drain began, closed a client it never read again."""
        f, seen = self._flood_client, self._flood_seen
        server = kernel.sending(f.peer.remote, f.peer.local) if kernel.AVAILABLE and f is not None else None
        if server is None or server.row.state not in ("ESTABLISHED", "CLOSE_WAIT"):
            return
        read = server.received - server.row.rx_queue
        seen.setdefault("read", read)
        seen["again"] = bool(seen.get("again")) or read != seen["read"]
        # F's FIN counts one in the queue until it is read (CLOSE_WAIT: the server's kernel has it)
        seen["unread"] = server.row.rx_queue - (1 if server.row.state == "CLOSE_WAIT" else 0)

    def _hold_replies(self, f: Client, tail: memoryview, want: int, after: bytearray, take,
                      end: float) -> tuple[memoryview, int]:
        """F's EOF reaches the server once it has read all F sent, holds a reply in its own code, and cannot write it.

        A server that closes at a client's EOF at once loses what it holds
        then, whatever its bound; F makes sure it holds something, and that
        its socket to F is not writable (a loop that writes on writability
        writes nothing more before it reads the EOF), both from the kernel.
        F knows what the server's code holds: its replies due, less what the
        code handed to its socket (acknowledged by F's kernel, or in its send
        queue: sock_diag's tcp_info, nothing counted twice); and whether the
        socket is writable (its send buffer and what is queued in it,
        sock_diag's meminfo: what poll() says). Each round waits until the
        server sleeps (it did all it could), then:

        * the server has lines of F's unread (stopped at its bound), or holds
          replies with its socket writable: F reads what it holds, and half
          its receive buffer at least (a window F's kernel offers at once);
        * every reply is in the kernels and the server's socket is writable:
          F sends a line that fills its own receive queue and the server's
          send buffer (what the socket does not take, the server holds);
        * not writable, but F's receive queue not full (the window it offers
          too small for the server's kernel to send into: it waits for a
          larger one, or for a timer): F empties its queue, and the pipe is
          filled again;
        * not writable, F's queue full: F sends HOLD_PROBE, a line's start.
          Read (every line of F's read, the socket still not writable), the
          server reads F at what it holds now, below its bound: F ends the
          line and its lines (newline, FIN) at once, once every segment of
          the server's is acknowledged (else the FIN would acknowledge them
          and free room: the socket would turn writable as the server reads). The server reads the
          line's end, holds its reply too (its socket cannot take it), and
          reads the EOF: a bound of one line or of 1 MiB, the same (any bound
          above what it held by more than HOLD_PROBE's reply; a server that
          reads F only while it holds nothing has nothing to lose at the EOF).

        F then reads nothing until the server has had the EOF (acknowledged,
        and the server asleep again, or closed). `after` gets the replies to
        the lines F adds. Returns the tail of lines not sent yet and how many
        lines F added. Where the kernel cannot say, or after HOLD_ROUNDS, F
        goes on as before (its last line ended).
        """
        sock = f.peer.sock
        server_end, client_end = f.peer.remote, f.peer.local
        capacity = sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
        added = bytearray()  # what F sent after its flood's lines

        def add(data: bytes) -> memoryview:
            line = added[added.rfind(b"\n") + 1 :] + data  # the line it ends (HOLD_PROBE's start, or nothing)
            added.extend(data)
            after.extend(replies(bytes(line)))
            return memoryview(bytes(tail) + data)

        acked = False  # F sent its pending ACK last round (a round that only did that)
        ended = False  # F ended HOLD_PROBE's line, and has neither read nor sent since
        for _ in range(HOLD_ROUNDS):
            tail = self._push(sock, tail)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            if not self._asleep(min(end, time.monotonic() + QUIET_LIMIT)):  # a server that never sleeps: as before
                break
            tail = self._push(sock, tail)
            self._look_at_flood()
            server = kernel.sending(server_end, client_end)
            if server is None or server.row.state != "ESTABLISHED":
                break
            unread = server.row.rx_queue + kernel.not_sent(sock) + len(tail)  # (in flight: in the server's queue)
            held = want + len(after) - server.written  # in the server's code: made, or still to be made
            queue = kernel.unread(sock)
            ack_first, acked = server.unacked > 0 and not acked, False
            if unread or (held > 0 and server.writable):
                # The server stopped at its bound (or holds replies it does not write): F makes room for what it holds.
                self._read_up_to(sock, max(held, HOLD_READ), take, end)
                ended = False
            elif server.writable:
                # Every reply is in the kernels: F fills its own receive queue and the server's send buffer with a line
                # (taken whole, or part of it held: either way the socket is no longer writable).
                room = max(0, capacity * 5 // 8 - queue) + server.sndbuf - server.queued - HOLD_SLACK
                size = min(HOLD_FILL_MAX, max(1, room))
                tail = add((FLOOD_LINE[:-1] * (size // len(FLOOD_LINE) + 1))[: size - 1] + b"\n")
                ended = False
            elif ack_first:
                # Segments of the server's that F's kernel has not acknowledged: F may have them with its ACK
                # delayed. The room they take in the server's send buffer is then not free yet: judged now, the
                # window would look too small (F's queue not full), or the socket full for good while F's FIN would
                # acknowledge them and free room, the socket turning writable as the server reads the EOF. F sends
                # any pending ACK (TCP_QUICKACK) and looks again. Still unacknowledged then, F's kernel dropped them
                # (its receive buffer full): they stay in the server's buffer, and F judges as they are.
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
                acked = True
            elif queue < capacity * 5 // 8:
                # F's receive queue is not full, only the window it offers too small for the server's kernel to send
                # into (it waits for a larger one): F empties its queue, the window opens whole, and it is filled.
                self._read_up_to(sock, queue, take, end)
                ended = False
            elif ended and held > 0 and not self._may_turn_writable(server, client_end, server_end):
                # The line's end read, its reply held by the server's code, its socket not writable, F's queue full,
                # and the window F's segment carried already acted on: F ends its lines (FIN), and the server holds
                # the reply when it reads the EOF, by construction. F reads nothing until the server has had the EOF
                # (acknowledged, and the server asleep again, or closed).
                try:
                    sock.shutdown(socket.SHUT_WR)
                except OSError:
                    break
                self.flood_eof_held = True
                until = min(end, time.monotonic() + LINE_WAIT)
                while kernel.unsent(sock) and time.monotonic() < until:
                    self._alive()
                    select.select([], [], [], POLL)
                if self.busy_cpu is None:
                    # Idle again: F's EOF read, its replies held, F not reading. A loop that still asks to read a
                    # socket at its EOF (readable for ever) never sleeps now (a trial's passed: no other client is
                    # ever at its EOF with replies held).
                    self.eof_unsent = True
                    self._idle_cost(wakeups=False)
                    self.eof_unsent = False
                else:
                    self._asleep(until)
                break
            elif ended and held > 0:
                # What F's kernel may still take could free enough of the server's send buffer to turn its socket
                # writable, the reply then sent without F reading: F reads its queue and all the server holds (else a
                # bound of 1 MiB, drained a queue at a time, outlasted HOLD_ROUNDS: a trial's loop that spins at its
                # EOF passed 1 run in 6), and the pipe is filled again, from empty.
                self._read_up_to(sock, max(queue, held), take, end)
                ended = False
            elif not added.endswith(HOLD_PROBE):
                tail, ended = add(HOLD_PROBE), False  # read only by a server that reads F at what it holds now
            else:
                # The server read HOLD_PROBE: it reads F. F ends the line, and looks again before its FIN: the segment
                # carries F's window, which may let the server's kernel send more, free room in its send buffer and
                # turn its socket writable (the reply then goes, and the FIN would find nothing held: a trial's loop
                # that spins at its EOF passed about 1 run in 20). Still held next round, the FIN goes; else F goes round.
                tail = self._push(sock, add(b"\n"))
                if tail:
                    break
                ended = True
        if added and not added.endswith(b"\n"):
            tail = add(b"\n")
        return tail, added.count(b"\n")

    @staticmethod
    def _may_turn_writable(server, client_end, server_end) -> bool:
        """Lesson 8, the server's socket to F not writable, F not reading: could what F's kernel may still take (its
        receive buffer less what its queue takes up, sock_diag's meminfo) free enough of the server's send buffer to
        turn it writable (poll()'s rule: free at least half what is queued)? The server's kernel sends into any
        window F offers, on its own timers (a zero-window probe carries data), without the server's code. Twice F's
        room is counted: acknowledged bytes free their buffers' overhead with them. (True where the kernel cannot
        say.)"""
        own = kernel.sending(client_end, server_end)
        if own is None or not own.rcvbuf:
            return True
        need = server.queued - server.sndbuf * 2 // 3  # freed past this, the socket is writable
        return 2 * max(0, own.rcvbuf - own.rmem) >= need

    @staticmethod
    def _push(sock: socket.socket, tail: memoryview) -> memoryview:
        try:
            return tail[sock.send(tail):] if tail else tail
        except BlockingIOError:
            return tail
        except OSError:
            return memoryview(b"")

    def _asleep(self, end: float) -> bool:
        """Wait until every thread of the server has slept QUIET_SPAN (False: it ended, or `end` came first)."""
        quiet_since = None
        while not self.call.finished and time.monotonic() < end:
            now = time.monotonic()
            if kernel.sleeping(self.call.pid):
                quiet_since = quiet_since or now
                if now - quiet_since >= QUIET_SPAN:
                    return True
            else:
                quiet_since = None
            select.select([self.call], [], [], POLL)
            self.call.pump()
        return False

    def _read_up_to(self, sock: socket.socket, count: int, take, end: float) -> None:
        """F reads `count` reply bytes as fast as they come; less if none come for a while (or at `end`)."""
        while count > 0 and time.monotonic() < end:
            try:
                data = sock.recv(min(count, 1 << 16))
            except BlockingIOError:
                self._alive()
                self._look_at_flood()
                if not select.select([sock], [], [], POLL * 20)[0]:
                    return
                continue
            except ConnectionResetError:
                self.flood_end = "RST"
                return
            except OSError:
                return
            if not data:
                self.flood_end = "FIN"
                return
            take(data)
            count -= len(data)

    # ---- totals

    def lines_answered(self) -> int:
        """The lines the clients completed: each one counts once its reply was sent."""
        return sum(client.lines for client in self._all_clients())

    def _repeated_lines(self) -> list[tuple[str, bytes, int]]:
        """Each line a client sent more than once and was answered each time: (client, line, times)."""
        found = []
        for client in self._all_clients():
            replies_due = bytes(client.expected).split(b"\n")[:-1]
            found += [(client.name, due[::-1] + b"\n", replies_due.count(due))
                      for due in dict.fromkeys(replies_due) if replies_due.count(due) > 1]
        return found

    def _all_clients(self) -> list[Client]:
        """The named clients, and lesson 7's H1 once it spoke."""
        return [*self.clients.values(), *([self.recv_reset] if self.recv_reset else [])]

    # ---- judgements the checks of both lessons share (each raises CheckFailed)

    def expect_right_replies(self) -> None:
        """Every reply a client got was the reply its lines were due (judged up to where the scenario got)."""
        self.reached("served")
        for phase in ("served", "finished"):
            self.reached(phase)
            for client in self._all_clients():
                if client.wrong and client.cut and self.broken:
                    self.reached(self.broken[0])  # a reply cut short as the server ended: the end is the cause
                if client.wrong:
                    raise self.fail(client.wrong)

    def expect_closed_after_eof(self, names: tuple[str, ...]) -> None:
        """The server closed each of these clients' connections with FIN after the client's own FIN."""
        self.reached("finished")
        for name in names:
            if name in self.closed_mid_line:
                raise self._closed_mid_line(name)
            end = self.clients[name].end
            if end == "RST" and name == "F" and self.flood_closed_unread:  # ...and closed F, its lines unread: RST
                raise self.fail(text.CROWD_CLOSED_UNREAD.format(
                    client=name, unread=text.counted(text.BYTES, self.flood_closed_unread), hint=text.LOOP_RESUME_HINT))
            if end != "FIN" and name == "F" and self.flood_unread:  # it had stopped reading F, and never read again
                raise self.fail(text.CROWD_NO_FIN_UNREAD.format(
                    client=name, end=text.END_NAME.get(end, text.NOTHING),
                    unread=text.counted(text.BYTES, self.flood_unread), hint=text.LOOP_RESUME_HINT))
            if end != "FIN" and name == "F" and self.flood_kept_after_drain:  # its replies drained after its EOF
                raise self.fail(text.CROWD_NO_FIN.format(client=name, end=text.END_NAME.get(end, text.NOTHING),
                                                         hint=text.CROWD_NO_FIN_AFTER_DRAIN_HINT.format(client=name)))
            if end != "FIN" and name == self.eof_unseen:  # asleep on it at its EOF, edge-triggered: never told
                raise self.fail(text.CROWD_EOF_UNSEEN_EDGE.format(
                    client=name, tail=text.counted(text.BYTES, len(A_TAIL)), end=text.END_NAME.get(end, text.NOTHING)))
            if end != "FIN":
                message = text.CROWD_NO_FIN.format(client=name, end=text.END_NAME.get(end, text.NOTHING),
                                                   hint=text.CROWD_NO_FIN_LOOP_HINT if self.flood
                                                   else text.CROWD_NO_FIN_HINT)
                if end == "RST" and b"SO_LINGER" in (self.run.source(self.lesson) or b""):  # read, not run: a hint
                    message = message + "\n  " + text.LINGER_RST_HINT
                raise self.fail(message)

    def expect_reset_ends_one_client(self) -> None:
        """After B's reset the others were served, and the function did not end with B's error; nor did a
        thread of it (lesson 7: the thread serving B must end normally, the reset caught, not die of it, nor of
        what its handler raised: any thread that died once every client was served is told here).

        That a thread died of an exception nothing caught is the student's
        process's own word (the runner's threading.excepthook, which its code
        could replace); the rest is seen on the wire.
        """
        self.reached("reset")
        crash = self._reset_crash()
        if crash is not None:
            raise crash
        errors = self.call.result.thread_errors if self.call.result is not None else ()
        died = [e for e in errors if e.is_a("ConnectionError")]
        if self.recv_reset_died and len(died) <= len(self.recv_reset_died):
            # Lesson 7: H1's reset, met by recv(), ended its thread; B's, met by a send(), did not.
            first = self.recv_reset_died[0]
            raise self.fail("\n".join([text.CROWD_RESET_RECV_THREAD_DIED.format(client="H1", type=first.type),
                                       *text.error_lines(first)]), template="CROWD_RESET_RECV_THREAD_DIED")
        if died:
            # B's thread first (the client the message names); H1's, dead of the same mistake, told after it, its
            # exception line not repeated when the same: each traceback quoted is left out of what the code printed.
            def place(error: Error) -> tuple:  # the same exception, as printed or as reported: its type and place
                return (error.type, *(error.frames[-1][1:3] if error.frames else ()))

            in_recv = {place(error) for error in self.recv_reset_died}
            b_died = [error for error in died if place(error) not in in_recv] or died
            lines = [text.CROWD_RESET_THREAD_DIED.format(type=b_died[0].type), *text.error_lines(b_died[0])]
            also = [error for error in died if place(error) in in_recv and place(error) != place(b_died[0])]
            if also:
                more = text.error_lines(also[0])
                lines += [text.CROWD_RESET_RECV_ALSO.format(client="H1"),
                          *(more[:-1] if more[-1] == lines[-1] else more)]
            if b_died[0].type == "BrokenPipeError":  # lesson 7: a send() again after the reset was met (B_AFTER)
                lines.append(text.CROWD_RESET_SENT_AGAIN_HINT)
            message = lines[0]
            for line in lines[1:]:
                message = message + "\n" + line  # Message + Message: each template's name kept
            raise self.fail(message, template="CROWD_RESET_THREAD_DIED")
        if errors:  # every client served, yet a thread died: of handling the reset (shutdown() on it, ...)
            hint = text.hint_for_error(errors[0]) or "  " + text.THREAD_DIED_HINT
            lines = "\n".join(text.error_lines(errors[0]))  # the hint's own name kept (Message + Message)
            raise self.fail(text.CROWD_THREAD_DIED_LATE.format(type=errors[0].type) + "\n" + lines + "\n" + hint,
                            template="CROWD_THREAD_DIED_LATE")
        if self.unread_kept:  # lesson 8: G's socket still a descriptor of the server's after G's reset (the kernel's)
            raise self._reset_kept().as_home()

    def _reset_kept(self) -> CheckFailed:
        """Lesson 8: the server kept its socket to G after G's reset (`_kept_after_reset`): the reset check's
        verdict, and the busy wait's cause when its loop went on asking about that socket (the same message, so
        that the report tells it once, under the reset check)."""
        if self.unread_unasked:  # no recv() or send() on it met the reset: it was neither read nor written
            return self.fail(text.CROWD_RESET_UNASKED)
        if self.unread_kept == "busy":
            return self.fail(text.CROWD_RESET_KEPT.format(cpu=self.unread_kept_cpu, wall=self.unread_kept_wall))
        return self.fail(text.CROWD_RESET_KEPT_ASLEEP)

    def _reset_crash(self) -> CheckFailed | None:
        """The function ended with a ConnectionError after a client's reset (H1's, met by recv(), comes before
        B's, met by a send: a pool's future.result() raises a worker's error again in the main thread): the one
        story of every check that needs its end."""
        self.call.wait()
        error = self.call.result.error if self.call.result is not None else None
        if self.call.status == "raised" and error is not None and error.is_a("ConnectionError"):
            failure = self.call.failure(self.timeline)
            return failure.with_prefix(text.CROWD_RESET_CRASH.format(
                client=self._reset_met_by(error), name=f"{self.call.function}()", type=error.type))
        return None

    def _reset_met_by(self, error: Error) -> str:
        """The client whose reset `error` is: the line of the student's it was raised at receives (H1's reset, met
        by recv()) or sends (B's, met by the send of a reply); else the one the function was seen ending at."""
        line = error.frames[-1][3] if error.frames else ""
        if self.recv_reset is not None and any(word in line for word in ("recv", "read")):
            return "H1"
        if any(word in line for word in ("send", "write")):
            return "B"
        return self.ended_at_reset or "B"

    def expect_listener_closed(self) -> None:
        """The listener was gone once the server was idle after the last accept, and a connect was refused.
        Lesson 8: closed before the last accept, once every client so far was done, is this check's story."""
        if self.broken and self.broken[1].template == "CROWD_STOPPED_WHEN_DONE":
            raise self.broken[1].as_home()
        self.reached("listener")
        if not kernel.AVAILABLE:  # whether it still listens is the kernel's table (a probe alone could come early)
            not_judged(self.timeline, text.NOT_JUDGED_SOCKETS)
        if self.listener_open:  # (a listener left open accepts X too: the open listener is the story)
            raise self.fail(text.CROWD_LISTENER_OPEN.format(count=self.count, host=self.host, port=self.port))
        if self.extra_accepted:
            raise self.fail(text.CROWD_ACCEPTED_PAST_COUNT.format(count=self.count))
        if self.connect_after != "refused":
            raise self.fail(text.CROWD_NOT_REFUSED.format(host=self.host, port=self.port,
                                                          what=probe_result(self.connect_after)))

    def expect_count(self) -> None:
        """The function returned, as an int, the number of lines the clients completed."""
        self.reached("returned")
        crash = self._reset_crash() if "B" in self.clients else None
        if crash is not None:
            raise crash
        # Threads left running: the value against the lines answered in the end is this check's story, not theirs
        value = self.call.returned(self.timeline, leftovers=False).value
        want = self.lines_answered()
        detail = text.LIST_SEPARATOR.join(f"{name} {text.counted(text.LINES, client.lines)}"
                                          for name, client in ((c.name, c) for c in self._all_clients()))
        shown = preview(repr(value.data), 80) if value.data is not None else (value.repr or "?")
        if self.call.threads_left:
            raise self.fail(text.CROWD_COUNT_THREADS_LEFT.format(
                name=f"{self.call.function}()", got=text.VALUE_OF_TYPE.format(value=shown, type=value.type),
                threads=text.counted(text.MORE_THREADS, self.call.threads_left),
                want=text.counted(text.LINES, want), detail=detail))
        self.call.expect_nothing_left(self.timeline)  # a child process left, or (lesson 8) a thread never joined
        if self.unread_maybe and value.type == "int" and value.repr == str(want + self.unread_maybe):
            return  # G's last line, left unread at the reset, read after it (its reply queued): counts too
        if value.type != "int" or value.repr != str(want):  # ints cross the process boundary as repr()
            # The number of clients (or of threads) returned for the number of lines.
            template = (text.CROWD_COUNT_CLIENTS if value.type == "int" and value.repr == str(self.count)
                        and self.count != want else text.CROWD_COUNT)
            # Lesson 8 has one thread: its count is kept in the loop, where one send() is not one line.
            hint = text.COUNT_QUEUED_HINT if self.lesson == "event_loop" else text.COUNT_THREADS_HINT
            repeated = self._repeated_lines()
            if repeated and value.type == "int" and value.repr == str(want - sum(n - 1 for _, _, n in repeated)):
                name, line, times = repeated[0]  # each repeat counted once: distinct lines counted, not replies
                hint = text.COUNT_REPEATED_HINT.format(client=name, line=show(line, 40), times=times)
            raise self.fail(template.format(name=f"{self.call.function}()", want=text.counted(text.LINES, want),
                                            detail=detail, hint=hint,
                                            got=text.VALUE_OF_TYPE.format(value=shown, type=value.type)))

