"""Lesson 8, event_loop: serve_clients_selectors(port, host, count) -> int, one thread.

The scenario of lesson 7 (`graders.engine.clients.Crowd`), with a fifth client, F,
that floods lines and never reads its replies until the end. F tries to
send 128 MiB, far more than every buffer of both kernels holds together:
a server with backpressure stops reading F once its own unsent replies pass
its bound, so F's sending stalls with bytes waiting in the server's receive
queue (seen in /proc/net/tcp) while the server sleeps in its selector, and
the server's memory stays bounded (VmHWM in /proc/<pid>/status). A server
that buffers without bound takes all 128 MiB; one that blocks in send() to
F can no longer answer D, who comes next. The bound itself comes from the kernel too: once the
server stopped reading F, what it read of F's less what it wrote to F (sock_diag's tcp_info and
queues) must be at most 1 MiB and one read (`Crowd._held_for_flood`). The process's threads are counted
all along (/proc/<pid>/task). A sixth client, G, comes after F: it sends
lines (each read before the next) without reading, until the server stops
reading it, and resets after B; the server then asks only about writing to
G, so only a send() can meet that reset (`Crowd._reset_unread`).

That replies are written only when a socket is writable is judged from the
kernel: whenever the server is idle at a moment that matters (F's sending
stalled, a client not served), the system call each of its threads sleeps
in is read (/proc/<pid>/task/*/syscall, `clients.blocked_in_send`). Asleep
in a send (sendto, sendmsg, write...) is a blocking send() or sendall()
waiting for a client that does not read; so is asleep in a readiness wait
that asks only about writing (its arguments read in /proc/<pid>/mem): a
send() or sendall() on a socket with a timeout waits in poll() for room,
deaf to the listener and every other client. Asleep in a readiness wait
that also asks about reading (select, poll, epoll: any API) is right. F's stall then counts as the
server's choice only when the server was not stuck in a send. Where the
kernel cannot say (no /proc, an unknown machine), the check falls back to
a static check of the student's source, and says so: no sendall(), and a
readiness API asked about writing (EVENT_WRITE, POLLOUT, EPOLLOUT, or
select.select with sockets to write).
"""

from __future__ import annotations

import ast

from graders.engine import clients, kernel
from graders.engine.checks import expect_sockets_closed, fail, not_judged
from graders.engine.clients import Crowd
from graders.engine.harness import Run
from graders.lessons.peers_event_loop import FUNCTION
from graders.text import messages as text

LESSON = "event_loop"
LEFTOVERS_JUDGED_HERE = True  # its checks judge the server's threads themselves (plugin.pytest_pyfunc_call)


def crowd(run: Run) -> Crowd:
    return run.once((LESSON, FUNCTION), lambda: Crowd(run, LESSON, FUNCTION, flood=True))


def test_loop_listens_on_a_port_in_time_wait(run: Run) -> None:
    """listens on its host and port while an old connection there is in TIME_WAIT."""
    crowd(run).expect_listening()


def test_loop_serves_a_client_while_others_idle_or_flood(run: Run) -> None:
    """serves a client while others idle mid-line or flood without reading."""
    crowd(run).reached("served")


def test_loop_never_starts_a_second_thread(run: Run) -> None:
    """serves every client from one thread."""
    talk = crowd(run)
    talk.reached("listen")
    if not kernel.AVAILABLE:  # the threads are the kernel's count
        not_judged(talk.timeline, text.NOT_JUDGED_THREADS)
    if talk.max_threads > talk.threads_allowed:
        fail(text.LOOP_SECOND_THREAD.format(threads=talk.max_threads - talk.threads_allowed + 1,
                                            count=talk.count), talk.timeline)


def test_loop_sleeps_while_every_client_is_idle(run: Run) -> None:
    """sleeps while every client is idle (no busy-waiting).

    From the kernel, while every client is idle: the CPU time the server used
    without sleeping (a busy wait), the times its thread woke up (a poll), and
    its own timer: the timeout its readiness wait was passed (select, poll,
    epoll_wait, read in /proc/<pid>/syscall and its memory), or a sleep's
    period (two successive deadlines of time.sleep()'s clock_nanosleep). A
    timeout or a period under a second polls, whatever the wakeup count.
    """
    crowd(run).expect_sleeps_when_idle()


def test_loop_bounds_what_it_buffers_for_a_client_that_does_not_read(run: Run) -> None:
    """stops reading a client that does not read: its receive queue fills, memory stays bounded."""
    talk = crowd(run)
    talk.reached("flood")
    if talk.flood_blocked:  # F stalled because the server was stuck sending to it: not backpressure
        _blocked_in_send(talk)
    growth = max(0, talk.peak_memory - talk.base_memory)
    if not kernel.AVAILABLE:  # a receive queue that fills, and the memory held, are the kernel's counts
        not_judged(talk.timeline, text.NOT_JUDGED_MEMORY)
    if not talk.flood_stalled or growth > clients.MEMORY_BOUND:
        # The one bound the message names is the lesson's: the grader's own limit on the growth only ends F's flood.
        fail(text.LOOP_READ_WITHOUT_BOUND.format(sent=talk.flood_sent / (1 << 20), total=clients.FLOOD_TOTAL >> 20,
                                                 growth=growth / (1 << 20), bound=clients.LESSON_BOUND >> 20),
             talk.timeline)
    # The bound itself, from the kernel (the grader's side): what the server held for F once it stopped reading F.
    if talk.flood_held is not None and talk.flood_held > clients.LESSON_BOUND + talk.flood_slack:
        fail(text.LOOP_OVER_BOUND.format(held=talk.flood_held / (1 << 20), bound=clients.LESSON_BOUND >> 20,
                                         slack=talk.flood_slack >> 10), talk.timeline)


def test_loop_replies_to_each_line_reversed(run: Run) -> None:
    """answers every line, reversed, its newline kept at the end."""
    crowd(run).expect_right_replies()


def test_loop_delivers_every_reply_to_the_flooding_client(run: Run) -> None:
    """delivers every queued reply to the flooding client once it reads."""
    talk = crowd(run)
    talk.reached("finished")
    if talk.flood_unread and talk.flood_end is None and talk.flood_replies < talk.flood_want and not talk.flood_wrong:
        # It had stopped reading F, and never read F again: its replies and its EOF wait behind F's unread lines.
        fail(text.LOOP_FLOOD_NOT_READ_AGAIN.format(lines=talk.clients["F"].lines, want=talk.flood_want,
                                                   got=text.counted(text.BYTES, talk.flood_replies),
                                                   end=text.NOTHING, unread=text.counted(text.BYTES, talk.flood_unread),
                                                   hint=text.LOOP_RESUME_HINT), talk.timeline)
    if talk.flood_closed_unread and talk.flood_end == "RST" and talk.flood_replies < talk.flood_want and not talk.flood_wrong:
        # It had stopped reading F, never read F again, and closed it with F's lines unread: that close is the RST.
        fail(text.LOOP_FLOOD_CLOSED_UNREAD.format(lines=talk.clients["F"].lines, want=talk.flood_want,
                                                  got=text.counted(text.BYTES, talk.flood_replies),
                                                  unread=text.counted(text.BYTES, talk.flood_closed_unread),
                                                  hint=text.LOOP_RESUME_HINT), talk.timeline)
    if talk.flood_wrong or talk.flood_replies != talk.flood_want:
        fail(text.LOOP_FLOOD_REPLIES.format(lines=talk.clients["F"].lines, want=talk.flood_want,
                                            got=text.counted(text.BYTES, talk.flood_replies),
                                            end=text.END_NAME.get(talk.flood_end, text.NOTHING),
                                            wrong=text.LOOP_FLOOD_WRONG.format(data=talk.flood_wrong)
                                            if talk.flood_wrong else ""), talk.timeline)


def test_loop_closes_each_connection_after_its_eof(run: Run) -> None:
    """closes each client's connection (FIN) after that client's EOF.

    On the wire: each client's FIN, then the server's. A's last bytes (no
    newline) and its FIN reach the server's kernel together, while its
    process is stopped (SIGSTOP): one recv() returns the bytes, the next
    b"". No FIN from the server, while the kernel shows it asleep with its
    socket to A at its EOF (CLOSE_WAIT) and registered edge-triggered
    (EPOLLET, an epoll's fdinfo), is told as that: a loop that reads once per
    edge-triggered event, never told of the EOF (`Crowd._eof_unseen`).
    """
    crowd(run).expect_closed_after_eof(("D", "E", "A", "C", "F", "Z"))


def test_loop_survives_a_client_that_resets(run: Run) -> None:
    """a client that resets ends only its own connection."""
    crowd(run).expect_reset_ends_one_client()


def test_loop_closes_the_listener_after_the_last_accept(run: Run) -> None:
    """closes the listener after the last accept (a further connect is refused)."""
    crowd(run).expect_listener_closed()


def test_loop_returns_the_number_of_lines_answered(run: Run) -> None:
    """returns the number of lines answered, as an int."""
    crowd(run).expect_count()


def test_loop_closes_every_socket(run: Run) -> None:
    """closes every socket it created."""
    talk = crowd(run)
    talk.reached("returned")
    expect_sockets_closed(talk.call, talk.timeline)


def test_loop_writes_only_when_the_selector_reports_writable(run: Run) -> None:
    """never blocks in a send: writes only when a socket is writable.

    From the kernel: the server, idle, was never asleep in a send system
    call, and its socket for the flooding client F was non-blocking (its
    descriptor's flags, /proc/<pid>/fdinfo: a blocking socket whose send()
    happened to fit, or was cut short by a signal, would block the loop the
    next time). Where the kernel cannot say, a static check of the student's
    source instead (it says so): no sendall(), and a readiness API asked
    about writing.
    """
    talk = crowd(run)
    talk.reached("flood")  # a stub, a missing file or a syntax error: the call says so first
    if talk.blocked_send:
        _blocked_in_send(talk)
    if talk.blocking_client:  # not seen blocked this time, but a send() that does not fit would block it
        message = text.LOOP_BLOCKING_SOCKET.format(client=talk.blocking_client)
        if b"MSG_DONTWAIT" in (run.source(LESSON) or b""):  # read, not run: the hint's word only
            message = message + "\n  " + text.MSG_DONTWAIT_HINT
        fail(message, talk.timeline)
    if talk.send_seen:
        return  # the kernel was asked, and the server never sat in a send
    _static_check(run)


def _blocked_in_send(talk: Crowd) -> None:
    __tracebackhide__ = True
    call = talk.blocked_send or "send"
    # Asleep in a readiness wait that asks only about writing (a send() with a timeout waits in poll()):
    # the same mistake, told with the timeout it rests on.
    template = "LOOP_BLOCKED_IN_SEND_TIMEOUT" if call in clients.WAITS_TO_WRITE else "LOOP_BLOCKED_IN_SEND"
    lines = [getattr(text, template).format(call=call, client=talk.blocked_send_client)]
    if talk.blocked_send_at:
        lines += [text.STUCK_AT, *talk.blocked_send_at]
    raise talk.fail("\n".join(lines), template=template)


# Names that ask a readiness API about writing: selectors, select.poll/epoll (select.select: its second list).
WRITE_READINESS = {"EVENT_WRITE", "POLLOUT", "POLLWRNORM", "EPOLLOUT"}


def _static_check(run: Run) -> None:
    """The fallback without the kernel's view: the student's source, read, not run."""
    __tracebackhide__ = True
    source = run.source(LESSON)  # the file as it was when the run started: the one that ran
    if source is None:
        return
    try:
        tree = ast.parse(source, f"{LESSON}.py")
    except (OSError, SyntaxError, ValueError):
        return
    names = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    names |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "sendall":
            fail(text.LOOP_STATIC.format(file=f"{LESSON}.py", what=text.LOOP_STATIC_SENDALL.format(line=node.lineno)))
    if not names & WRITE_READINESS and not any(_selects_for_writing(node) for node in ast.walk(tree)):
        fail(text.LOOP_STATIC.format(file=f"{LESSON}.py", what=text.LOOP_STATIC_NO_WRITE))


def _selects_for_writing(node: ast.AST) -> bool:
    """select.select(r, w, x...) (or select(...) imported by name) with something as its list to write."""
    if not isinstance(node, ast.Call):
        return False
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    if name != "select" or len(node.args) < 2:
        return False
    wlist = node.args[1]
    return not (isinstance(wlist, (ast.List, ast.Tuple)) and not wlist.elts)
