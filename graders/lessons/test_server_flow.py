"""Lesson 2, server_flow: serve_once(port, host) -> bytes.

The reference client waits until the student's process holds a LISTEN
socket on exactly the (host, port) it was given (seen in /proc/net/tcp, so
no throwaway probe connection is ever made), connects once, sends a message
of arbitrary bytes, reads the echo until the server's FIN and only then
closes: the server closes first, so its end goes to TIME_WAIT. Its own FIN
waits until the server is done with the connection (its call ended, or it
waits to read), so an RST that the server's close() sends after its FIN
(SO_LINGER 0) is always on the wire, for the packets to show. The restart
check runs the student's server again on the same port while that TIME_WAIT
exists, which only works when both sockets had SO_REUSEADDR.
"""

from __future__ import annotations

import select
import socket
import time
from dataclasses import dataclass

from graders.engine import deadlock, kernel
from graders.engine.checks import (
    ENDED,
    ended,
    expect_equal,
    expect_given_address,
    expect_no_dropped_sockets,
    expect_no_open_files,
    expect_restart_during_time_wait,
    expect_same_again,
    expect_sockets_closed,
    fail,
    not_judged,
    returned_bytes,
)
from graders.engine.checks import hint as with_hint
from graders.engine.harness import CheckFailed, Peer, Run, StudentCall, Timeline, show
from graders.lessons.peers_server_flow import MESSAGE, SECOND_MESSAGE
from graders.text import messages as text

LESSON = "server_flow"
DEFAULT_HOST = "127.0.0.1"  # serve_once's default host, in the contract's signature



@dataclass
class Conversation:
    call: StudentCall
    timeline: Timeline
    host: str
    port: int
    client: tuple  # the reference client's (host, port)
    echoed: bytes  # everything the server sent
    server_end: str | None  # how the server ended the connection: "FIN", "RST" or None
    still_listening: bool  # the listening socket was still open after the function returned (Linux)
    # A timer of the server's own ran out in the client's pause before its message (`Peer.gave_up_after`, the
    # kernel's view of its waits): the server stopped waiting, and what it did next follows from that.
    gave_up: bool = False


def conversation(run: Run) -> Conversation:
    """The conversation most checks of this lesson judge, held once per run."""
    return run.once((LESSON, "serve_once"), lambda: converse(run))


def converse(run: Run, port: int | None = None, message: bytes = MESSAGE, default_host: bool = False) -> Conversation:
    """One conversation with serve_once(port, run.host); `default_host`: serve_once(port), the host left to its
    default (127.0.0.1, the signature's), on a port free there."""
    timeline = Timeline(text.PEER_CLIENT)
    if default_host:
        host = DEFAULT_HOST
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:  # the kernel's choice of a free port
            probe.bind((host, 0))
            port = probe.getsockname()[1]
        call = run.call(LESSON, "serve_once", port)
    else:
        host, port = run.host, port or run.free_port()
        call = run.call(LESSON, "serve_once", port, host)
    # Its first byte waits for every timer of the server's own under LONG_TIMEOUT: the lesson's recv() waits for the
    # client's message however long it takes (a timeout taken for "no message" shows, `test_echoes_...`).
    peer = Peer.connect(host, port, call, timeline, first_within=deadlock.LONG_TIMEOUT)
    try:
        with peer.sock:
            if peer.send(message):
                peer.read()  # until the server's FIN (or RST, or its end)
                if peer.end == "FIN":
                    hold_until_the_server_is_done(call)
            echoed = bytes(peer.received)  # all the server sent, also what came just before an RST stopped a send
    except CheckFailed as failure:
        # It listened, and accepted: whatever failed after that, where it listened can be judged (`listened`).
        failure.listened = (call, timeline)
        raise
    timeline.peer(text.TL_CLOSE, wire=False)
    call.settle()
    listening = kernel.AVAILABLE and call.status in ENDED and bool(kernel.on_port(host, port, "LISTEN"))
    return Conversation(call, timeline, host, port, peer.local, echoed, peer.end, listening,
                        gave_up=peer.gave_up_after is not None)


def hold_until_the_server_is_done(call: StudentCall) -> None:
    """After the server's FIN, hold the reference client's own FIN until the server is done with the connection.

    Done: its call ended, or the kernel shows every thread of it asleep
    waiting to read, with a timeout or not (a server that drains until our
    EOF before it closes; deadlock.asleep_reading, twice alike). So whatever
    the server's close() sends after its FIN (an RST, with SO_LINGER 0) is
    sent by construction, before our FIN can put its end in TIME_WAIT.
    Without the kernel's view of waits, the client closes at once, as it
    always did.
    """
    if not deadlock.AVAILABLE:
        return
    last = None
    while not call.finished and time.monotonic() < call.deadline:
        seen = deadlock.asleep_reading(call.pid)
        if seen is not None and seen == last:
            return
        last = seen
        select.select([call], [], [], deadlock.LOOK_EVERY)
        call.pump()


def test_listens_on_the_given_host_and_port(run: Run) -> None:
    """listens on the host and port it is given.

    Also called as serve_once(port): the signature's default host is
    127.0.0.1, and a default of "" (the tutorial's bind(("", port))) would
    listen on every interface. The listening address is the kernel's.
    """
    call, timeline = _listened(lambda: conversation(run))
    expect_given_address(call, timeline)
    default_call, default_timeline = _listened(
        lambda: run.once((LESSON, "serve_once(port)"), lambda: converse(run, default_host=True)))
    if default_call.listened_on is not None:
        got, _want = default_call.listened_on
        fail(text.WRONG_DEFAULT_HOST.format(port=got[1], got=f"{got[0]}:{got[1]}"), default_timeline)
    if not kernel.AVAILABLE:  # a server on every interface answers on this one too: only the kernel tells
        not_judged(timeline, text.NOT_JUDGED_ADDRESS)


def _listened(talk) -> tuple[StudentCall, Timeline]:
    """The call and timeline of a conversation, also of one that failed after the server had accepted the client:
    where it listened is judged on its own (a recv() on the listener, after a right listen, fails the other
    checks, not this one)."""
    try:
        done = talk()
    except CheckFailed as failure:
        if getattr(failure, "listened", None) is None:
            raise
        return failure.listened
    return done.call, done.timeline


def test_echoes_the_message_on_the_accepted_connection(run: Run) -> None:
    """echoes the message back on the accepted connection.

    The echo is what the reference client read up to the server's FIN (the wire). Its client pauses, by
    construction: before it connects, until every timer of the server's own shorter than LONG_TIMEOUT (2 s)
    has had its chance to fire, and again before its first byte, once the kernel shows the connection
    accept()ed (its inode in the table), the same (`Peer.connect`, `first_within`; the kernel's view of each
    thread's wait and its timeout, `deadlock.hold_past_timers`). A timeout on the accepted socket taken for
    "no message" (settimeout(1.0), returning b"" unechoed) has run out before the message goes; correct code
    that waits for good costs one look. The bound that remains: a timer of 2 s or more is not out-waited (the
    code's choice), nor a loop that gives up after counting many short timeouts. Not held without the kernel's
    view (not Linux).
    """
    talk = conversation(run)
    if talk.echoed != MESSAGE:
        talk.call.wait()
        if talk.call.status not in ("returned",):
            raise talk.call.failure(talk.timeline)
        if not talk.echoed and talk.gave_up:  # its own timeout ran out before the message came: that is the cause
            hint = text.SERVER_GAVE_UP_HINT
        elif not talk.echoed and talk.server_end in ("FIN", "RST"):  # it closed first, nothing sent
            hint = text.SERVER_CLOSED_BEFORE_ECHO_HINT.format(end=text.END_NAME[talk.server_end])
        elif not talk.echoed:
            hint = text.SERVER_ECHO_HINT_EMPTY
        elif _stripped(talk.echoed):  # whitespace taken off: every other byte is there
            hint = text.STRIPPED_HINT
        elif short_of_the_message(talk.echoed):  # the message arrived in one piece: a recv() asked for fewer
            hint = short_recv_hint(talk.echoed)
        else:
            hint = text.SERVER_ECHO_HINT
        fail(text.SERVER_ECHO.format(got=show(talk.echoed, 60), want=show(MESSAGE, 60), hint=hint), talk.timeline)


def test_returns_the_clients_message(run: Run) -> None:
    """returns the client's message, as bytes.

    Called again in the same process, the second client's message alone
    (`_called_again`, Linux): serve_once(port, host) with the same
    arguments, after a first call in the same process served in full; its
    client sends another message, 1023 bytes in one piece (the longest the
    contract allows: a recv() of fewer than 1024 bytes returns its
    beginning, told as such). What it returns (the student's process's
    report, as plain bytes) and what that client received (the wire) are
    judged: nothing of the first call's may be in them (a mutable default
    argument, a module-level buffer), and it must listen and serve again
    (the kernel's LISTEN row: functools.lru_cache returns without
    listening; a listener kept in a module-level variable and closed at
    the first call's end makes the second raise). Judged only after a first
    conversation the other checks pass: a listener left open is the socket
    check's story. A second bind() the first call's TIME_WAIT refuses fails
    here too: SO_REUSEADDR set only at a process's first call (a module-level
    flag) passes the restart check, which starts a new process each time.
    Without the kernel's view the second listener cannot be told from the
    first: the second call is not made.
    """
    talk = conversation(run)
    got = returned_bytes(talk.call, talk.timeline)
    hint = (text.STRIPPED_HINT if _stripped(got) else short_recv_hint(got) if short_of_the_message(got)
            else text.SERVER_GAVE_UP_HINT if not got and talk.gave_up else text.SERVER_RETURN_HINT)
    expect_equal(talk.call, got, MESSAGE, hint, talk.timeline)
    if not kernel.AVAILABLE or talk.echoed != MESSAGE or talk.server_end != "FIN" or talk.still_listening:
        return
    call, timeline, echoed = run.once((LESSON, "serve_once", "again"), lambda: _called_again(run))
    if call.status == "raised" and _address_in_use(call):  # its bind() refused by the first call's TIME_WAIT
        fail(text.SECOND_CALL_ADDRESS_IN_USE.format(name="serve_once()"), timeline)
    name = "serve_once()"
    with with_hint(text.SECOND_CALL_RAISED.format(name=name)):  # it raised after its client was served
        got = returned_bytes(call, timeline)
    if echoed is None and got == MESSAGE:  # never listened: the first call's message, kept for the same arguments
        fail(text.SECOND_CALL_NOT_SERVED.format(name=name, got=show(got, 60)), timeline)
    if _stripped(got, SECOND_MESSAGE):  # its b"\r\n" taken off (rstrip(b"\r\n")): every other byte is there
        fail(text.SECOND_MESSAGE_CHANGED.format(name=name, got=show(got, 60), want=show(SECOND_MESSAGE, 60),
                                                hint=text.STRIPPED_HINT), timeline)
    if short_of_the_message(got, SECOND_MESSAGE):  # sent in one piece, 1023 bytes: a recv() asked for fewer
        fail(text.SECOND_MESSAGE_CHANGED.format(name=name, got=show(got, 60), want=show(SECOND_MESSAGE, 60),
                                                hint=short_recv_hint(got, SECOND_MESSAGE)), timeline)
    expect_same_again(call, got, SECOND_MESSAGE, MESSAGE, text.MESSAGE_WORD, timeline)
    if echoed != SECOND_MESSAGE:
        carried = text.SECOND_CALL_CARRIED.format(what=text.MESSAGE_WORD) if echoed and MESSAGE in echoed else ""
        fail(text.SECOND_CALL_ECHO.format(name=name, got=show(echoed or b"", 60), want=show(SECOND_MESSAGE, 60),
                                          carried=carried), timeline)


def _called_again(run: Run) -> tuple[StudentCall, Timeline, bytes | None] | None:
    """serve_once(port, host) called a second time in one process, with the same arguments: the runner first calls
    it (`prelude`), and a reference client is served in full as in the lesson's conversation (MESSAGE, the echo
    read up to the server's FIN, then its own close); the second call's client sends SECOND_MESSAGE and reads its
    echo up to the FIN. Returns the call, its timeline and that echo (None: the second call never listened, or its
    bind() failed on the port the first call's connection holds in TIME_WAIT: no SO_REUSEADDR at this call).

    The second client connects only once the first call's listening socket has left the kernel's table of
    listeners (its inode, seen while the first client was connected), so it never lands in the queue of a
    listener about to close."""
    timeline = Timeline(text.PEER_CLIENT)
    host, port = run.host, run.free_port()
    call = run.call(LESSON, "serve_once", port, host, prelude=[{"args": [port, host]}])
    first = Peer.connect(host, port, call, Timeline(text.PEER_CLIENT), outwait=False)
    with first.sock:
        before = {row.inode for row in kernel.on_port(host, port, "LISTEN")}
        if first.send(MESSAGE):
            first.read()  # until the server's FIN
    timeline.note(text.TL_CALLED_AGAIN.format(name="serve_once()"))
    while not call.finished and time.monotonic() < call.deadline and before & {
            row.inode for row in kernel.on_port(host, port, "LISTEN")}:
        select.select([call], [], [], deadlock.LOOK_EVERY)
        call.pump()
    try:  # (the code's own short timers had their chance in the conversation the other checks judge: no hold)
        peer = Peer.connect(host, port, call, timeline, outwait=False)
    except CheckFailed as failure:
        call.wait()
        if call.status == "returned":  # no listener: the first call's message kept for the same arguments
            return call, timeline, None
        if call.status == "raised" and _address_in_use(call):
            return call, timeline, None
        raise failure.with_hint(text.SECOND_CALL_RAISED.format(name="serve_once()")) from None
    with peer.sock:
        if peer.send(SECOND_MESSAGE):
            peer.read()  # until the server's FIN (or RST, or its end)
        echoed = bytes(peer.received)
    timeline.peer(text.TL_CLOSE, wire=False)
    call.settle()
    return call, timeline, echoed


def _address_in_use(call: StudentCall) -> bool:
    """The call raised OSError EADDRINUSE (its bind() refused)."""
    error = call.result.error if call.result is not None else None
    return error is not None and error.is_a("OSError") and "Address already in use" in error.message


def _stripped(got: bytes, message: bytes = MESSAGE) -> bool:
    """The message with the whitespace at its end (or start) taken off: strip(), or its line end alone
    (rstrip(b"\r\n"), rstrip(b"\n")), not a recv() cut short."""
    return got != message and got in (message.strip(), message.rstrip(), message.lstrip(), message.rstrip(b"\r\n"),
                                      message.rstrip(b"\n"))


def short_of_the_message(got: bytes, message: bytes = MESSAGE) -> bool:
    """The bytes are the message's beginning, not all of it."""
    return 0 < len(got) < len(message) and message.startswith(got)


def short_recv_hint(got: bytes, message: bytes = MESSAGE) -> str:
    if got.endswith(b"\n") and message.startswith(got):  # up to the message's first newline: a readline()
        return text.SERVER_READLINE_HINT
    return text.SERVER_SHORT_RECV_HINT.format(got=text.counted(text.BYTES, len(got)),
                                              total=text.counted(text.BYTES, len(message)))


def test_server_closes_the_connection_first_with_fin(run: Run) -> None:
    """closes the connection first, with FIN."""
    talk = conversation(run)
    talk.call.returned(talk.timeline)  # a server that raised closed by accident, not by design
    wire = run.wire_facts((LESSON, "serve_once"))
    reset = talk.server_end == "RST" or (talk.server_end == "FIN" and wire is not None and wire.resets_by_you)
    if reset and not talk.echoed and talk.gave_up:  # it stopped waiting (its own timeout) before the message came
        fail(text.SERVER_CLOSED_GAVE_UP, talk.timeline)
    if reset and not talk.echoed:  # no echo at all: the message never read (read from another socket, or not yet
        fail(text.SERVER_CLOSED_UNREAD, talk.timeline)  # come when it closed: the RST then follows its FIN)
    if talk.server_end == "RST":
        fail(text.ECHO_RST, talk.timeline)
    if talk.server_end != "FIN":
        expect_no_open_files(talk.call, talk.timeline)  # its close() called, a file makefile() made holds it open
        fail(text.SERVER_NO_FIN.format(end=text.END_NAME.get(talk.server_end, text.NOTHING)), talk.timeline)
    # An RST right behind the FIN (SO_LINGER 0 after shutdown): the client's recv() saw the FIN, the packets see
    # the reset. Without a capture (no private network namespace) this check judges the FIN alone, as before.
    if wire is not None and wire.resets_by_you:
        fail(text.SERVER_RST_AFTER_FIN.format(segments=text.counted(text.RST_SEGMENTS, wire.resets_by_you)), talk.timeline)


def test_server_closes_every_socket(run: Run) -> None:
    """closes the connection and the listening socket.

    From the kernel: a LISTEN on the port, and the sockets that any process
    of the call still holds (a forked, setsid()'d or double-forked child's
    copy too). Only an explicit close() closes a socket (the runner holds
    them all, and every file makefile() makes, which keeps its socket open
    until its own close()); which socket the code dropped, and where it
    created it, or which file of makefile() still holds a socket it
    close()d, is the student's process's word, used only for the message.
    Not judged without the kernel's view (not Linux).
    """
    talk = conversation(run)
    ended(talk.call, talk.timeline)  # a server that raised after its close() in a finally: block closed it
    expect_no_dropped_sockets(talk.call, talk.timeline)  # dropped unclosed: said with the line that made it
    if talk.still_listening:
        fail(text.SERVER_STILL_LISTENING.format(port=talk.port), talk.timeline)
    expect_sockets_closed(talk.call, talk.timeline)


def test_restarts_on_the_same_port_during_time_wait(run: Run) -> None:
    """restarts on the same port while the last connection is in TIME_WAIT."""
    expect_restart_during_time_wait(run, converse, text.SERVER_NO_TIME_WAIT)
