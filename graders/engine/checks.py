"""Judgements shared by the lessons' checks: return values, closed sockets.

Over 500 lines: each judgement here is shared by several lessons (a return value, a socket closed or kept, a
restart in TIME_WAIT, the sockets a call left), and each one's words and kernel looks belong together.
"""

from __future__ import annotations

import contextlib
import time

from graders.engine import deadlock, kernel, sock_diag
from graders.engine.harness import CheckFailed, Peer, StudentCall, Timeline, show
from graders.engine.student import sends_with_sendall_only
from graders.engine.timeline import preview, received_versus
from graders.engine.verdict import LeakedSocket, Report, Value
from graders.text import messages


@contextlib.contextmanager
def hint(extra: str):
    """Add a check-specific hint to any failure raised inside."""
    try:
        yield
    except CheckFailed as failure:
        if not extra:  # no hint for this outcome
            raise
        raise failure.with_hint(extra) from None


def fail(message: str, timeline: Timeline | None = None, outcome: str = "failed") -> None:
    """End the check with a message for the student (and the conversation, if any).

    `message` is a filled template (messages.NAME.format(...)): the verdict
    records which one, for the graders' own tests.
    """
    __tracebackhide__ = True
    raise CheckFailed(message, outcome, timeline.render() if timeline else [])


def returned_bytes(call: StudentCall, timeline: Timeline | None = None, expected: str = "") -> bytes:
    """The bytes the student's function returned; any other outcome fails the check."""
    __tracebackhide__ = True
    timeline = timeline.copy() if timeline is not None else None
    value = call.returned(timeline, expected).value
    if value.type == "NoneType":
        fail(messages.RETURNED_NONE.format(name=f"{call.function}()"), timeline)
    if value.type != "bytes" or value.data is None:
        fail_return_type(call.function, value, timeline)
    if timeline is not None:
        timeline.note(messages.TL_RETURNED.format(name=f"{call.function}()", value=show(value.data, 20)))
    return value.data


def given_socket_fate(call: StudentCall, peer: Peer) -> str | None:
    """What a function did to the socket it was given, whose other end is `peer`'s: "closed", "shut down", or
    None (left as it was). Asked once its report has arrived, while its process still runs, and before anyone
    else closed that socket (a runner's close, `StudentCall.closes_given`, only where the kernel cannot be asked).

    The kernel's word: "closed" when the call's process no longer holds the socket (its inode from when the
    peer accepted, `StudentCall.given_inode`, among its descriptors; where those cannot be read, its connection
    gone or an orphan's); "shut down" when it still holds it but its end has sent a FIN (its state past
    ESTABLISHED and CLOSE_WAIT, or its row gone or a TIME_WAIT's), or when the peer, reading, saw the end of the
    connection that nobody else made; "read shut" when its reading side is shut (shutdown(SHUT_RD), which sends
    nothing: the kernel's sk_shutdown, through sock_diag) while the peer has sent no FIN (a FIN received sets it too). Without the kernel's view, the process's own word, which can only admit a
    close (the socket's fileno() is -1): a shutdown is then not seen.
    """
    if call.result is not None and call.result.given_closed:
        return "closed"
    if not kernel.AVAILABLE:
        return None
    row = kernel.connection(peer.remote, peer.local)
    held = kernel.holds_socket(call.pid, call.given_inode) if call.given_inode else False
    if held is None:  # its descriptors cannot be read: the connection's row alone
        held = row is not None and row.inode != 0
    if not held:
        return "closed"
    if row is None or row.state not in ("ESTABLISHED", "CLOSE_WAIT") or (peer.end is not None and not call.closes_given):
        return "shut down"
    if row.state == "ESTABLISHED" and (sock_diag.shut_down(peer.remote, peer.local) or 0) & sock_diag.READ_SHUT:
        return "read shut"  # shutdown(SHUT_RD): no packet; a FIN received sets the bit too, hence ESTABLISHED only
    return None


KEPT_LOOK = 5.0  # how long the kernel is looked at for the caller's close, when the process did not say it closed
KEPT_SAID_LOOK = 0.5  # ...and when it did (a fresh clone's CI saw a correct recv_exactly() judged kept, under load)
KEPT_EVERY = 0.02


def kept_after_caller_close(call: StudentCall) -> bool:
    """Once a function left the socket it was given as it found it, its caller closes that socket, as a caller
    does once done with it (socket.close(), in the student's process: `StudentCall.close_given`). True when the
    connection stays open all the same: a process of the call still holds a descriptor of that socket (the
    kernel's view, /proc/<pid>/fd). What kept it is only the code's doing: a file made with makefile() still
    open (socket.close() then only marks the socket closed, its real close waits for the file's), a copy made
    with dup() or socket(fileno=...). Nothing the code says of itself counts; without the kernel's view, or
    where the runner closes the socket itself (`closes_given`), not judged here (False). A process that did not
    say it closed in time (a loaded machine kept it off the CPU, or its code replaced the handler) is given
    KEPT_LOOK more, the kernel looked at until the socket is gone: a verdict of "kept" waits that long, by the
    kernel's word, never by the process's."""
    if not kernel.AVAILABLE or not call.given_inode or call.closes_given or call.result is None:
        return False
    said = call.close_given()
    end = time.monotonic() + (KEPT_SAID_LOOK if said else KEPT_LOOK)
    while call.given_inode in kernel.call_socket_inodes(call.pid):
        if time.monotonic() >= end:
            return True
        time.sleep(KEPT_EVERY)
    return False


def fail_return_type(function: str, value: Value, timeline: Timeline | None = None) -> None:
    """A returned value that is not bytes where the lesson's contract says bytes (a bytearray too): RETURN_TYPE,
    the one message every check gives for it, its preview never cut inside an escape."""
    __tracebackhide__ = True
    if value.data is not None:
        shown = preview(repr(value.data), 80)
    else:  # a big value crosses as its length and digest
        shown = value.repr or (messages.counted(messages.BYTES, value.length) if value.length is not None else "")
    if value.type == "bytearray":
        hint = messages.RETURN_TYPE_BYTEARRAY_HINT
    elif value.type == "memoryview":
        hint = messages.RETURN_TYPE_VIEW_HINT
    elif isinstance(value.data, bytes):  # bytes crossed, under another type's name: a subclass of bytes
        hint = messages.RETURN_TYPE_SUBCLASS_HINT.format(type=value.type)
    else:
        hint = messages.RETURN_TYPE_HINT
    fail(messages.RETURN_TYPE.format(name=f"{function}()", type=value.type, value=shown, hint=hint), timeline)


def expect_equal(call: StudentCall, got: bytes, want: bytes, hint: str, timeline: Timeline | None = None) -> None:
    __tracebackhide__ = True
    if got != want:
        fail(messages.WRONG_RETURN.format(name=f"{call.function}()", got=show(got, 60), want=show(want, 60), hint=hint),
             timeline)


LEFT_OPEN_DRAWN = 4  # sockets left open drawn one a line; the rest are counted on one
ENDED = ("returned", "raised", "exit")  # a function that ended by itself: what it closed can be judged


def ended(call: StudentCall, timeline: Timeline | None = None) -> Report:
    """The report of a function that ended by itself: returned, raised or exited; any other end fails the check.

    A function that raised is judged on its sockets too: a close() in a
    `finally:` block closed them, whatever the exception was about (that is
    the other checks' business).
    """
    __tracebackhide__ = True
    call.wait()
    if call.result is not None and call.result.status in ENDED[1:] and call.status != "flood":
        return call.result
    return call.returned(timeline, leftovers=False)  # a check's own observation first: expect_sockets_closed


def expect_no_open_files(call: StudentCall, timeline: Timeline | None = None) -> None:
    """No file that makefile() made is left open, holding a socket the code close()d (the kernel's view).

    A socket stays open while a file made from it is open: its close()
    only marks it closed, and the file's close() releases it. The runner
    holds every such file as it holds every socket (an audit hook's and
    the runner's own reference, `fork_server.SocketKeeper.hold_files`), so
    that a file dropped unclosed does not close the socket behind the
    grader's back when CPython frees it (as the function returns, or at the
    garbage collector's next pass): only an explicit close() counts. The
    verdict is the kernel's (the socket still open in the process); which
    file, the line of makefile(), and that the socket's close() was called
    are the student's process's word, used only for the message. Without
    the kernel's view, that word alone fails the check (a forged report can
    only hide a fault).
    """
    __tracebackhide__ = True
    report = call.result
    files = [entry for entry in report.files_open if entry.socket_closed] if report is not None else []
    if kernel.AVAILABLE:
        open_now = set(call.open_inodes or [])
        files = [entry for entry in files if entry.inode in open_now]
    if not files:
        return
    first = files[0]
    rows = [row for row in call.open_sockets() or [] if row.inode == first.inode]
    if not rows:  # no longer connected (TIME_WAIT), or no kernel's view
        what = messages.MAKEFILE_SOCKET_OPEN
    elif rows[0].state == "LISTEN":
        what = messages.LISTENER_LEFT_OPEN.format(local=_addr(rows[0].local))
    else:
        what = messages.SOCKET_LEFT_OPEN.format(state=rows[0].state, local=_addr(rows[0].local),
                                                remote=_addr(rows[0].remote))
    where = "".join(messages.MAKEFILE_MADE_AT.format(line=line, file=path.rsplit('/', 1)[-1])
                    for path, line in first.where[:1])
    fail(messages.MAKEFILE_LEFT_OPEN.format(name=f"{call.function}()", where=where, what=what), timeline)


def expect_no_dropped_sockets(call: StudentCall, timeline: Timeline | None = None) -> None:
    """No socket the function's code dropped without close() is still open (the kernel's view).

    The runner holds every socket the call creates (an audit hook that no
    code can remove, `fork_server.SocketKeeper`), so that only an explicit
    close() closes one: a socket dropped unclosed stays open, whatever the
    code did to its warnings, and the grader sees it open in the kernel.
    A copy of a socket the grader gave the function (dup(), fromfd()) shares
    its inode: it shows as more descriptors of it than the runner's own
    (`StudentCall.given_copies`, counted in /proc).
    Which of the open sockets the code had dropped, and the line that
    created it, are the student's process's word: they only word the
    message, for a socket the kernel shows open. Without the kernel's view,
    that word alone fails the check (a forged report can only hide a fault,
    and `expect_sockets_closed` then says the check was not judged).
    """
    __tracebackhide__ = True
    expect_no_open_files(call, timeline)  # close()d, but a file makefile() made still holds it open
    report = call.result
    if report is None or not report.leaked_sockets:
        return
    if kernel.AVAILABLE:
        open_now = set(call.open_inodes or [])
        if call.given_copies and call.copied_inode:  # a copy of the given socket (dup()) left open
            open_now.add(call.copied_inode)
        dropped = [leak for leak in report.leaked_sockets if leak.inode in open_now]
        # Only the first ones are described: all are counted, each still open in the kernel.
        count = max(len(dropped), sum(inode in open_now for inode in report.dropped_inodes))
    else:
        dropped = list(report.leaked_sockets)
        count = max(len(dropped), len(report.dropped_inodes))
    if dropped:
        first = dropped[0]
        where = "".join(messages.SOCKET_CREATED_AT.format(line=line, file=path.rsplit('/', 1)[-1])
                        for path, line in first.where[:1])
        described = describe_socket(first, call)
        what = (messages.SOCKET_GC.format(message=described, where=where) if count == 1 else
                messages.SOCKET_GC_MANY.format(sockets=messages.counted(messages.SOCKETS, count),
                                               message=described, where=where))
        fail(messages.SOCKET_NOT_CLOSED.format(name=f"{call.function}()", what=what), timeline)


def describe_socket(leak: LeakedSocket, call: StudentCall) -> str:
    """A socket the code dropped, in the student's terms: a copy of the socket it was given (the same inode: the
    grader's fact), or its kind and addresses (the student's process's word, which only words the message)."""
    if leak.inode and leak.inode in (call.given_inode, call.copied_inode):
        return messages.SOCKET_DESCRIBED_COPY
    kind = {"tcp": "TCP", "udp": "UDP"}.get(leak.kind)
    if kind is None:
        return messages.SOCKET_DESCRIBED_OTHER
    if leak.local is not None and leak.remote is not None:
        return messages.SOCKET_DESCRIBED_CONNECTED.format(kind=kind, local=_addr(leak.local), remote=_addr(leak.remote))
    if leak.local is not None and leak.local[1]:
        return messages.SOCKET_DESCRIBED_BOUND.format(kind=kind, local=_addr(leak.local))
    return messages.SOCKET_DESCRIBED.format(kind=kind)


def expect_sockets_closed(call: StudentCall, timeline: Timeline | None = None) -> None:
    """Every socket the student's function created was closed by its code, seen in the kernel.

    Judged from the kernel when the function's report arrives: the sockets
    that any process of the call still holds (/proc/<pid>/fd of the call's
    process and of every process it started, `kernel.call_socket_inodes`:
    a forked, setsid()'d or double-forked child holding a copy keeps the
    socket open), and their rows in the kernel's TCP table, with their
    state. Only an explicit close() closes a socket (`expect_no_dropped_sockets`):
    the garbage collector never does it behind the grader's back. A
    function that raised is judged too (`ended`).

    The student's word, used only for the message: which open socket the
    code had dropped, and the line that created it. Where the kernel's view
    is missing (not Linux), nothing the grader sees tells a closed socket
    from an open one: a socket the process says it dropped fails the
    check, and otherwise the check is not judged on this system.
    """
    __tracebackhide__ = True
    timeline = timeline.copy() if timeline is not None else None
    ended(call, timeline)
    if call.threads_left:  # a thread still running may hold any socket: that is the story, not "never closed"
        call.expect_nothing_left(timeline)
    expect_no_dropped_sockets(call, timeline)
    if not kernel.AVAILABLE:
        not_judged(timeline)
    name = f"{call.function}()"
    left = call.open_inodes or []  # inodes of sockets the call's processes still held (the grader's view of /proc)
    rows = call.open_sockets() or []  # their rows in the kernel's table, where it has some
    if left and not rows:  # open, but no longer connected (its connection went on to TIME_WAIT)
        fail(messages.SOCKET_NOT_CLOSED.format(
            name=name, what=messages.SOCKET_LEFT_OPEN_IDLE.format(sockets=messages.counted(messages.SOCKETS, len(left)))), timeline)
    if rows and timeline is not None:  # the first few drawn, the rest counted (lesson 7 has 91 clients)
        for row in rows[:LEFT_OPEN_DRAWN]:
            timeline.note(messages.TIMELINE_LEFT_OPEN.format(
                name=name, state=row.state, local=_addr(row.local), remote=_addr(row.remote)))
        if len(rows) > LEFT_OPEN_DRAWN:
            timeline.note(messages.TIMELINE_LEFT_OPEN_MORE.format(
                name=name, sockets=messages.counted(messages.MORE_SOCKETS, len(rows) - LEFT_OPEN_DRAWN)))
    if rows and call.main_inodes is not None and not {row.inode for row in rows} & call.main_inodes:
        row = rows[0]  # held by a child process alone: the function closed its own copies
        what = (messages.LISTENER_LEFT_OPEN.format(local=_addr(row.local)) if row.state == "LISTEN" else
                messages.SOCKET_LEFT_OPEN.format(state=row.state, local=_addr(row.local), remote=_addr(row.remote)))
        fail(messages.SOCKET_HELD_BY_CHILD.format(name=name, what=what), timeline)
    if rows:
        for row in rows:
            if row.state == "CLOSE_WAIT":
                fail(messages.CLOSE_WAIT_LEFT.format(
                    name=name, local=_addr(row.local), remote=_addr(row.remote)), timeline)
        row = rows[0]
        if row.state == "LISTEN":
            what = messages.LISTENER_LEFT_OPEN.format(local=_addr(row.local))
        else:
            what = messages.SOCKET_LEFT_OPEN.format(state=row.state, local=_addr(row.local), remote=_addr(row.remote))
        fail(messages.SOCKET_NOT_CLOSED.format(name=name, what=what), timeline)
    call.expect_nothing_left(timeline)


# A message larger than a client's send buffer (4 MiB at most: tcp_wmem) and the reference server's receive buffer
# (BIG_RCVBUF) together: sent by one send(), part of it waits in that call, which a signal then ends.
BIG_MESSAGE = bytes(range(256)) * (32 << 10)  # 8 MiB
BIG_RCVBUF = 1 << 20  # (the kernel doubles it: 2 MiB, with 4 MiB of send buffer, is still under 8 MiB)
BIG_REPLY = b"8 MiB received\n"


def big_message_talk(run, lesson: str, function: str) -> tuple[bytes, int, str | None, Timeline]:
    """The conversation `expect_big_message_sent_whole` judges, held once per run: the bytes that came, how many
    times a send() of the code's was interrupted, how its side ended ("FIN", "RST", None), the timeline."""
    return run.once((lesson, function, "big"), lambda: _big_message_talk(run, lesson, function))


def expect_big_message_sent_whole(run, lesson: str, function: str) -> None:
    """A client function(host, port, message) sends BIG_MESSAGE whole. The reference server reads nothing until
    the code sleeps in send() on the full buffer, then signals its thread (`Peer.interrupt_send`): a single
    send() returns part of the message, by construction; once the code waits in send() again, the server reads a
    little and signals it again once that send() has taken part of the room: one more send() for the rest (a fixed
    number of tries, no loop) returns part too; sendall() and a loop over send() go on with the rest.
    (On a socket with a timeout, a send() is partial at once.) The bytes that came are compared with the message
    byte for byte: a start of it, then the code's end (FIN, or a wait for the reply), is a send() that took part;
    other bytes (a loop that resends or skips, its count kept wrong) are told as such. Nothing at all is the main
    conversation's to judge (the code did not connect, or raised before sending)."""
    __tracebackhide__ = True
    got, interrupted, end, timeline = big_message_talk(run, lesson, function)
    if got == BIG_MESSAGE or not got:
        return
    total = messages.counted(messages.BYTES, len(BIG_MESSAGE))
    if BIG_MESSAGE.startswith(got):
        end = messages.END_NAME.get(end, messages.NOTHING)
        sent = messages.counted(messages.BYTES, len(got))
        if interrupted:  # once: one send(); twice: one more send() for the rest, no loop
            template = messages.SEND_RETRIED_PARTIAL if interrupted > 1 else messages.SEND_ONCE_PARTIAL
            fail(template.format(sent=sent, total=total, end=end), timeline)
        fail(messages.REQUEST_SENT_PART.format(sent=sent, total=total, end=end,
                                               hint=part_sent_hint(run.source(lesson), "sock.sendall(message)",
                                                                   messages.MESSAGE_WORD)), timeline)
    fail(messages.BIG_MESSAGE_CHANGED.format(total=total, got=messages.counted(messages.BYTES, len(got)),
                                             how=received_versus(BIG_MESSAGE, got)), timeline)


def expect_same_again(call: StudentCall, got: bytes, want: bytes, first: bytes, what: str,
                      timeline: Timeline | None = None) -> None:
    """A function called a second time in its process (`StudentCall` with a prelude) gave `got`, its second
    call's due being `want` and its first's `first`: they are equal, or the check fails, saying when the first
    call's data is in it (kept between calls: a mutable default argument, a module-level variable)."""
    __tracebackhide__ = True
    if got == want:
        return
    name = f"{call.function}()"
    carried = messages.SECOND_CALL_CARRIED.format(what=what) if first and first in got else ""
    fail(messages.SECOND_CALL_WRONG.format(name=name, got=show(got, 60), want=show(want, 60), carried=carried),
         timeline)


def part_sent_hint(source: bytes | None, call: str, what: str):
    """The hint for data that stopped part-way, no signal involved: send()'s count ignored; or, where the code
    sends with sendall() alone (read from its source), only part of the data given to it."""
    if sends_with_sendall_only(source):
        return messages.SENDALL_GIVEN_PART_HINT.format(what=what)
    return messages.SEND_PART_HINT.format(call=call)


def _sent_past(peer: Peer) -> None:
    """Once the message's length has come: what the code sends after it (a loop that sends some bytes twice),
    read once the kernel shows every thread of the call asleep, twice alike (in a recv() for the reply, or in a
    send() this peer does not read), or the call ended: whatever sits in this socket's queue then is more."""
    if not deadlock.AVAILABLE or peer.end is not None:
        return
    last, call = None, peer.call
    while not call.finished and time.monotonic() < call.deadline:  # (a code that never sleeps: its limit)
        seen = deadlock.asleep_anywhere(call.pid)
        if seen is not None and seen == last:
            break
        last = seen
        time.sleep(0.002)
    extra = kernel.unread(peer.sock)
    if extra:
        peer.read(extra)


def _big_message_talk(run, lesson: str, function: str) -> tuple[bytes, int, str | None, Timeline]:
    timeline = Timeline(messages.PEER_SERVER)
    listener = run.listen(rcvbuf=BIG_RCVBUF)
    host, port = listener.getsockname()
    call = run.call(lesson, function, host, port, BIG_MESSAGE)
    with listener:
        peer = Peer.accept(listener, call, timeline)
    with peer.sock:
        peer.expecting = messages.EXPECTED_REQUEST_EOF
        interrupted = peer.interrupt_send()
        try:
            # The rest (what the second signal's room took is here already), or its FIN, or a deadlock: the code
            # waits for a reply to part of it.
            peer.read(len(BIG_MESSAGE) - len(peer.received))
            _sent_past(peer)
            if bytes(peer.received) == BIG_MESSAGE and peer.send(BIG_REPLY):
                peer.shutdown_write()
        except CheckFailed:
            pass  # the code hung or raised: judged by what reached the server
    call.settle()
    call.kill()
    return bytes(peer.received), interrupted, peer.end, timeline


def not_judged(timeline: Timeline | None = None, what: str | None = None) -> None:
    """End the check as "not judged on this system": its observation needs the kernel's view (Linux).

    Never a pass: the student is told how to get the full verdict (Linux,
    WSL, or the course's dev container).
    """
    __tracebackhide__ = True
    raise CheckFailed(messages.NOT_JUDGED.format(what=what or messages.NOT_JUDGED_SOCKETS), "not-judged",
                      timeline.render() if timeline else [])


def expect_given_address(call: StudentCall, timeline: Timeline | None = None) -> None:
    """A server listened on exactly the address it was given, not on every interface (0.0.0.0).

    A server on every interface still answers on the given address, so its
    conversation was held and is judged by the other checks; this check
    alone fails it, for the address.
    """
    __tracebackhide__ = True
    if call.listened_on is not None:
        (got, want) = call.listened_on
        message = messages.WRONG_ADDRESS_ALL.format(got=_addr(got), want=_addr(want))
        if ":" in str(got[0]):  # an IPv6 socket (AF_INET6 on "::"): every IPv6 and, dual-stack, IPv4 interface
            message = message + "\n  " + messages.WRONG_ADDRESS_IPV6_HINT
        fail(message, timeline)


TRANSITIONAL = ("FIN_WAIT1", "FIN_WAIT2", "CLOSING", "LAST_ACK")
STATE_WAIT = 0.5  # how long the last packets of a close may take to be processed by the kernel
TIME_WAIT_TRIES = 2  # conversations a restart check may have before its first run's end is not in TIME_WAIT


def state_phrase(state: str | None) -> str:
    """A connection's TCP state as a phrase of the edition (STATE_NAMED), or STATE_GONE when it has none."""
    return messages.STATE_NAMED.format(state=state) if state else messages.STATE_GONE


def server_state_after(call: StudentCall, server: tuple, client: tuple, timeline: Timeline) -> str | None:
    """The server's TCP state once its function returned and the close settled (Linux)."""
    call.wait()
    end = time.monotonic() + STATE_WAIT
    while True:
        row = kernel.connection(server, client)
        state = row.state if row else None
        if state not in TRANSITIONAL or time.monotonic() > end:
            break
        time.sleep(0.001)
    timeline.note(messages.TL_SERVER_STATE.format(state=state_phrase(state)))
    return state


def expect_restart_during_time_wait(run, converse, no_time_wait: str) -> None:
    """Run the student's server twice on one port, the first connection in TIME_WAIT.

    Linux refuses the second bind() unless both listening sockets had
    SO_REUSEADDR, and both come from the student's code. Without the
    kernel's view (not Linux) nobody sees the TIME_WAIT: a second run that
    fails still fails, one that works is not judged. `converse(run,
    port=None)` runs one whole conversation and returns its talk (with
    call, host, port, client, timeline).
    """
    __tracebackhide__ = True
    for attempt in range(TIME_WAIT_TRIES):
        first = converse(run)
        first.call.returned(first.timeline)  # a first run that failed is reported by the other checks
        if not kernel.AVAILABLE:
            break
        state = server_state_after(first.call, (first.host, first.port), first.client, first.timeline)
        if state == "TIME_WAIT":
            break
        # Not in TIME_WAIT: a server that does not close first never is, on any try; a correct one on a
        # busy machine was seen without it once in a few hundred runs of the suite, its cause not found.
        first.call.kill()
        if attempt == TIME_WAIT_TRIES - 1:
            fail(no_time_wait.format(state=state_phrase(state)), first.timeline)
    first.call.wait()
    first.call.kill()
    rival: list[bool] = []
    run.on_listen = lambda host, port: rival.append(run.second_server_binds(host, port))
    try:
        second = converse(run, port=first.port)
        second.call.returned(second.timeline)  # what it returns is judged by another check
    except CheckFailed as failure:
        # Said as the second run's failure; the template recorded is the cause's.
        raise failure.with_prefix(messages.SECOND_RUN.format(port=first.port), template=failure.template) from None
    finally:
        run.on_listen = None
    if rival and rival[0]:
        # SO_REUSEPORT also survives TIME_WAIT, but it lets another server share the port: tell them apart.
        fail(messages.REUSEPORT_USED.format(port=first.port), second.timeline)
    if not kernel.AVAILABLE:  # a second bind that failed is judged; one that worked proves nothing without TIME_WAIT
        not_judged(second.timeline, messages.NOT_JUDGED_TIME_WAIT)


def _addr(address: tuple) -> str:
    host = str(address[0])
    return f"[{host}]:{address[1]}" if ":" in host else f"{host}:{address[1]}"  # IPv6 in brackets: [::]:8080
