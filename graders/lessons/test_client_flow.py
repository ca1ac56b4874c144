"""Lesson 1, client_flow: request(host, port, message) -> bytes.

The reference server listens on the run's own loopback address and a port
the kernel picked, so only a client that uses the host and port it is given
can reach it. It reads the whole message, sends its reply in one piece
(shorter than 1024 bytes), half-closes (FIN), and waits for the client to
close. Message and reply hold a zero byte, bytes that are not UTF-8 and
multi-byte UTF-8, so any decoding, str() or re-encoding shows. A reply is any
bytes: the second call's has a newline inside it and a zero byte at its end
(a reply read as a line, or stripped of zeros, shows), and is 1023 bytes
long, the longest the contract allows (a recv() of fewer than 1024 bytes
shows); and one more call's
message is empty, still a request (connect, send nothing, read the reply,
close).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass

from graders.engine import deadlock
from graders.engine.checks import (
    _sent_past,
    expect_big_message_sent_whole,
    expect_equal,
    expect_same_again,
    expect_sockets_closed,
    fail,
    hint,
    returned_bytes,
)
from graders.engine.harness import CheckFailed, Peer, Run, StudentCall, Timeline, show
from graders.lessons.peers_client_flow import EMPTY_MESSAGE, MESSAGE, ONE_BYTE_MESSAGE, REPLY, SECOND_REPLY
from graders.text import messages as text

LESSON = "client_flow"



@dataclass
class Conversation:
    call: StudentCall
    timeline: Timeline
    received: bytes  # everything the client sent until it closed
    client_end: str | None  # "FIN", "RST" or None (still open when the call ended)
    server_fin: bool  # the reference server sent its FIN (an RST from the client can come first)
    # The function returned while the reference server held its reply (`deadlock.returned_in_silence`): before
    # the reply came, by construction, so a timeout or a select() that ends in a return shows.
    returned_before_reply: bool
    # Connections before the one judged that the client's code ended (FIN or RST) without sending a byte:
    # (its port, its end), in order. The reference server accepted each and sent nothing on it.
    probes: list[tuple[int, str]]
    later: CheckFailed | None = None  # how the reply phase failed, if it did (the checks of that phase raise it)
    held: float = 0.0  # how long the server held its reply before the call ended in the silence (0: it did not)


def conversation(run: Run) -> Conversation:
    """The conversation every check of this lesson judges, held once per run."""
    return run.once((LESSON, "request"), lambda: converse(run))


def empty_conversation(run: Run) -> Conversation:
    """One more request(), its message empty, held once per run: judged by the message's, the reply's and the
    close's checks, each after its own judgement of the main conversation."""
    return run.once((LESSON, "request", "empty"), lambda: converse(run, EMPTY_MESSAGE))


def converse(run: Run, message: bytes = MESSAGE, reply: bytes = REPLY) -> Conversation:
    """One request() against the reference server, observed from the server's side.

    The server knows the message's length: it reads that many bytes (none, for an empty message), then holds its
    reply until the code waits for it, so what the code sends first arrives first (for an empty message, what the
    code sends anyway is read once the kernel shows it asleep, and drawn before the reply); everything the code
    sends until it closes is in `received`."""
    timeline = Timeline(text.PEER_SERVER)
    if not message:
        timeline.note(text.TL_EMPTY_MESSAGE.format(name="request()"))
    listener = run.listen()
    host, port = listener.getsockname()
    call = run.call(LESSON, "request", host, port, message)
    probes: list[tuple[int, str]] = []
    with listener:
        with hint(text.SERVER_IS_AT.format(host=host, port=port)):
            peer = Peer.accept(listener, call, timeline, expected="" if message else text.EXPECTED_CONNECT_EMPTY)
        peer.complete_data = message  # a hang before all of it came is told with what came
        try:
            peer.read(len(message))
            if not message:  # all of it is here at once: what the code sends anyway is read once it sleeps (a
                _sent_past(peer)  # recv() for the reply), so that the hold below judges its waits, not those bytes
            # A connection the client ended without sending a byte, a probe: the server keeps listening,
            # and a next connection from the same call is the conversation judged. None comes (the call
            # ends or hangs first): this one was the conversation after all.
            while not peer.received and peer.end in ("FIN", "RST"):
                try:
                    following = Peer.accept(listener, call, timeline)
                except CheckFailed:
                    break
                probes.append((peer.remote[1], peer.end))
                peer.close()
                peer = following
                peer.complete_data = message
                peer.read(len(message))
        except BaseException:
            peer.close()
            raise
    later = None  # how the reply phase failed (the call raised, or hung): for the checks that judge that phase
    held = 0.0
    with peer.sock:
        try:
            # The reply is held until the kernel shows the code asleep where only the reply can wake it (a recv()
            # without a timeout, or a wait that outlasts the hold): code that returns in a silence (a timeout, or a
            # select() with one, taken for "no reply") does so before the reply, by construction. Correct code
            # costs two looks.
            holding = time.monotonic()
            ended = (bool(peer.received) or not message) and peer.end != "RST" and deadlock.returned_in_silence(call)
            held = time.monotonic() - holding if ended else 0.0
            early = ended and call.status == "returned"  # one that raised still gets the reply (a close before
            if early:  # recv: RST). No reply for a function that has returned: its close (or the runner's) ends it
                timeline.note(text.TL_RETURNED_BEFORE_REPLY)
            else:
                if ended:  # it raised: its close, if it came, is drawn where it came, before the reply
                    peer.take_arrived()
                if peer.send(reply):
                    peer.shutdown_write()
                    peer.expecting = text.EXPECTED_CLIENT_CLOSE  # all sent and closed: only the client's FIN awaited
            peer.wait_end()
        except CheckFailed as failure:  # the connection and the message are judged all the same, from the wire
            later = failure
    call.settle()
    return Conversation(call, timeline, bytes(peer.received), peer.end, peer.fin_sent, early, probes, later, held)


def test_connects_to_the_given_host_and_port(run: Run) -> None:
    """connects to the host and port it is given."""
    conversation(run)


def test_sends_the_whole_message_once_unchanged(run: Run) -> None:
    """sends the message's bytes once, unchanged.

    Also a message of 8 MiB, more than the buffers hold: the reference server reads nothing until the code sleeps
    in send() on the full buffer, then signals its thread, so that a single send() returns part of it, by
    construction; then reads a little and signals it again once it waits in send() again, so one more send() for
    the rest returns part too (`expect_big_message_sent_whole`). A hang before the message came whole is told with
    the bytes received against it (`Peer.complete_data`). Also an empty message (`empty_conversation`): from the
    wire, not one byte from the code's connect to its close; and a message of one byte
    (`_expect_one_byte_message_sent_whole`): that byte, from the wire."""
    talk = conversation(run)
    got = talk.received
    if talk.probes:
        # The cause, not the symptom: the bytes are judged on the connection that carried them, and the
        # connections before it are what is wrong.
        ports = text.LIST_SEPARATOR.join(text.PORT_ENDED.format(port=port, end=text.END_NAME.get(end, end))
                                         for port, end in talk.probes)
        fail(text.CLIENT_EXTRA_CONNECTION.format(
            connections=text.counted(text.CONNECTIONS, len(talk.probes) + 1), earlier=ports,
            got=show(got, 60), want=show(MESSAGE, 60)), talk.timeline)
    if got == MESSAGE:
        expect_big_message_sent_whole(run, LESSON, "request")
        _expect_empty_message_sent_as_nothing(run)
        _expect_one_byte_message_sent_whole(run)
        return
    if not got:  # nothing at all: no bytes to have been changed; a call that died, raised or hung says why
        talk.call.wait()
        if talk.call.status != "returned":
            raise talk.call.failure(talk.timeline)
        hint = text.CLIENT_SENT_NOTHING
    elif got == MESSAGE * (len(got) // len(MESSAGE)):
        hint = text.CLIENT_SENT_TWICE
    elif got == repr(MESSAGE).encode() or got == str(MESSAGE).encode():
        hint = text.CLIENT_SENT_STR
    elif got.endswith(MESSAGE) and len(got) > len(MESSAGE):  # the message whole, bytes of its own before it
        hint = text.CLIENT_SENT_PREFIXED.format(extra=text.counted(text.BYTES, len(got) - len(MESSAGE)))
    elif got[: len(MESSAGE)] != MESSAGE:
        hint = text.CLIENT_SENT_CHANGED
    else:
        hint = text.CLIENT_SENT_EXTRA
    fail(text.CLIENT_SENT.format(got=show(got, 60), want=show(MESSAGE, 60), hint=hint), talk.timeline)


def _expect_empty_message_sent_as_nothing(run: Run) -> None:
    """An empty message is sent as it is: not one byte, from the call's connect to its close (`empty_conversation`,
    from the wire). A call that did not get that far is the reply's check's to tell."""
    try:
        empty = empty_conversation(run)
    except CheckFailed:
        return
    if empty.received:
        fail(text.CLIENT_SENT.format(got=show(empty.received, 60), want=show(EMPTY_MESSAGE, 60),
                                     hint=text.CLIENT_SENT_TO_EMPTY), empty.timeline)


def _expect_one_byte_message_sent_whole(run: Run) -> None:
    """A message of one byte is sent whole: request() with ONE_BYTE_MESSAGE, and the reference server takes what
    sits in its receive queue once the kernel shows every thread of the call asleep, twice alike (in a recv() for
    the reply), or the call ended (`_sent_past`): a byte sent is there by then, by construction (loopback delivers
    it within the send). Then it replies and closes as in the lesson's conversation; how that part ends is the
    other checks' to judge. Judged from the wire; only with the kernel's view of waits (Linux)."""
    __tracebackhide__ = True
    if not deadlock.AVAILABLE:
        return
    timeline = Timeline(text.PEER_SERVER)
    listener = run.listen()
    host, port = listener.getsockname()
    call = run.call(LESSON, "request", host, port, ONE_BYTE_MESSAGE)
    with listener:
        peer = Peer.accept(listener, call, timeline)
    with peer.sock:
        peer.complete_data = ONE_BYTE_MESSAGE
        _sent_past(peer)
        got = bytes(peer.received)
        with contextlib.suppress(CheckFailed):  # the reply and the close: the other checks judge those
            if peer.end is None and peer.send(REPLY):
                peer.shutdown_write()
                peer.wait_end()
    call.settle()
    if got != ONE_BYTE_MESSAGE:
        fail(text.CLIENT_SENT.format(got=show(got, 60), want=show(ONE_BYTE_MESSAGE, 60),
                                     hint=text.CLIENT_SENT_ONE_BYTE_LOST if not got else text.CLIENT_SENT_CHANGED),
             timeline)


def test_returns_the_servers_reply_as_bytes(run: Run) -> None:
    """returns the server's reply, as bytes.

    The value is the student's process's word, sent back as plain bytes and compared in the grader; the reply it
    is compared with is the one the reference server sent, in one piece, once the code waited for it (held until
    the kernel showed it asleep: a return before that is seen as such). Also a second call in the same process,
    answered otherwise (SECOND_REPLY: a newline inside, a zero byte at its end, 1023 bytes: the longest reply the
    contract allows, so that a recv() of fewer than 1024 bytes shows), and a call with an empty message
    (`empty_conversation`: it must connect and return the reply all the same)."""
    talk = conversation(run)
    if talk.held and talk.call.status == "raised" and talk.call.result.error.is_a("TimeoutError"):
        error = talk.call.result.error  # its own deadline, shorter than the server's time to answer
        fail(text.CLIENT_GAVE_UP_ON_HELD_REPLY.format(type=error.type, message=error.message, held=talk.held),
             talk.timeline)
    if talk.held and talk.call.status == "raised" and talk.call.result.error.is_a("ConnectionRefusedError"):
        error = talk.call.result.error  # it gave up on the held reply and connected again: the server takes one
        fail(text.CLIENT_RETRIED_HELD_REPLY.format(type=error.type, message=error.message, held=talk.held),
             talk.timeline)
    if talk.later is not None:
        raise talk.later
    got = returned_bytes(talk.call, talk.timeline)
    if talk.returned_before_reply:
        fail(text.CLIENT_RETURNED_BEFORE_REPLY.format(got=show(got, 60)), talk.timeline)
    if got == MESSAGE:
        fail(text.CLIENT_RETURNED_MESSAGE.format(got=show(got, 60)), talk.timeline)
    if not got:
        hint = text.CLIENT_REPLY_HINT_EMPTY
    elif got in (REPLY.strip(), REPLY.rstrip(), REPLY.lstrip()):  # whitespace stripped: every other byte is there
        hint = text.CLIENT_REPLY_HINT_STRIPPED
    elif short_of_the_reply(got) and REPLY[len(got)] == 0:  # cut at the reply's first zero byte: a C string's end
        hint = text.CLIENT_REPLY_HINT_NUL.format(got=text.counted(text.BYTES, len(got)))
    elif short_of_the_reply(got):  # the reply arrived in one piece: a recv() asked for fewer bytes
        hint = text.CLIENT_REPLY_HINT_SHORT.format(got=text.counted(text.BYTES, len(got)),
                                                   total=text.counted(text.BYTES, len(REPLY)))
    else:
        hint = text.CLIENT_REPLY_HINT
    expect_equal(talk.call, got, REPLY, hint, talk.timeline)
    if talk.probes:  # connections without a byte before the conversation: the message check tells them; a
        return  # second call's conversations would only be told more confusingly (a trial's)
    call, timeline = run.once((LESSON, "request", "again"), lambda: _called_again(run))
    got = returned_bytes(call, timeline)
    if got == REPLY:  # never connected (or never read): the first call's reply, kept for the same arguments
        fail(text.SECOND_CALL_CACHED.format(name="request()", got=show(got, 60)), timeline)
    changed = reply_changed_hint(got, SECOND_REPLY)
    if changed is not None:  # not kept from the first call: cut or stripped as only this reply shows
        fail(text.SECOND_REPLY_CHANGED.format(name="request()", got=show(got, 60), want=show(SECOND_REPLY, 60),
                                              hint=changed), timeline)
    expect_same_again(call, got, SECOND_REPLY, REPLY, text.REPLY_WORD, timeline)
    empty = empty_conversation(run)  # (a call that never connected fails here: EXPECTED_CONNECT_EMPTY)
    if empty.later is not None:
        raise empty.later
    got = returned_bytes(empty.call, empty.timeline)
    if empty.returned_before_reply:
        fail(text.CLIENT_RETURNED_BEFORE_REPLY.format(got=show(got, 60)), empty.timeline)
    expect_equal(empty.call, got, REPLY, text.CLIENT_REPLY_HINT, empty.timeline)


def reply_changed_hint(got: bytes, reply: bytes) -> str | None:
    """The hint for a reply returned cut at its first newline (read as a line), or without the zero bytes at its
    end (stripped as a C string's padding): changes only a reply with a newline inside, or a zero byte at its end,
    shows; or its beginning alone (a recv() of fewer bytes than the reply, SECOND_REPLY's 1023, the longest the
    contract allows). None for any other value."""
    line = reply.find(b"\n") + 1
    if 0 < line < len(reply) and got == reply[:line]:
        return text.CLIENT_REPLY_HINT_LINE.format(got=text.counted(text.BYTES, len(got)))
    if reply.endswith(b"\x00") and got == reply.rstrip(b"\x00"):
        return text.CLIENT_REPLY_HINT_NUL_STRIPPED
    if 0 < len(got) < len(reply) and reply.startswith(got):  # sent in one piece: a recv() asked for fewer bytes
        return text.CLIENT_REPLY_HINT_SHORT.format(got=text.counted(text.BYTES, len(got)),
                                                   total=text.counted(text.BYTES, len(reply)))
    return None


def _called_again(run: Run) -> tuple[StudentCall, Timeline]:
    """request() called a second time in one process, with the same arguments: the runner first calls it
    (`prelude`), and the reference server answers REPLY as before; the second call it answers with SECOND_REPLY
    (a server may answer the same request otherwise). A reply kept between calls (a mutable default argument, a
    module-level buffer) shows in the second's value; a cache of replies (functools.lru_cache) returns REPLY
    without connecting."""
    timeline = Timeline(text.PEER_SERVER)
    listener = run.listen()
    host, port = listener.getsockname()
    call = run.call(LESSON, "request", host, port, MESSAGE, prelude=[{"args": [host, port, MESSAGE]}])
    with listener:
        # The first call's connection: answered in full, its close not awaited (a socket it leaks is judged by
        # the lesson's own check), and kept open until the second call is over.
        first = Peer.accept(listener, call, Timeline(text.PEER_SERVER), quiet=True)
        with first.sock:
            first.read(len(MESSAGE))
            if first.send(REPLY):
                first.shutdown_write()
            timeline.note(text.TL_CALLED_AGAIN.format(name="request()"))
            try:
                peer = Peer.accept(listener, call, timeline)
            except CheckFailed:
                call.wait()
                if call.status == "returned":  # no connection: the first call's reply kept for the same arguments
                    return call, timeline
                raise
            with peer.sock:
                peer.read(len(MESSAGE))
                if peer.send(SECOND_REPLY):
                    peer.shutdown_write()
                    peer.expecting = text.EXPECTED_CLIENT_CLOSE
                peer.wait_end()
    call.settle()
    return call, timeline


def short_of_the_reply(got: bytes) -> bool:
    """The bytes returned are the reply's beginning, not all of it."""
    return 0 < len(got) < len(REPLY) and REPLY.startswith(got)


def returned_reply(call: StudentCall) -> bytes | None:
    """What the function returned, if bytes."""
    if call.status == "returned" and call.result is not None and call.result.value is not None:
        data = call.result.value.data
        return data if isinstance(data, bytes) else None
    return None


def test_client_closes_its_socket(run: Run) -> None:
    """closes its socket.

    From the kernel: the sockets that any process of the call still holds
    (a forked child's copy too), and the FIN on the wire. Only an explicit
    close() closes a socket: the runner holds every socket the call creates
    (an audit hook), so one dropped unclosed stays open for the kernel to
    show, whatever the code does to its warnings; so does every file
    makefile() makes, which keeps its socket open until its own close(). A
    function that raised is judged on what it closed (a close() in a
    finally: block counts). The student's process's word, used only for the
    message: which socket its code dropped, and the line that created it; a
    file of makefile() still open on a socket it close()d, and that line.
    Not judged without the kernel's view (not Linux). The call with an empty
    message (`empty_conversation`) is judged the same way, sockets and FIN.
    """
    talk = conversation(run)
    if talk.later is not None and talk.call.status != "raised":  # a hang or a death: that is its story here too
        raise talk.later
    expect_sockets_closed(talk.call, talk.timeline)
    if talk.client_end == "RST":
        # The whole reply returned: it was read, unless only peeked at. The message names both causes then.
        got = returned_reply(talk.call)
        if got == REPLY:
            fail(text.CLIENT_RST_READ_ALL, talk.timeline)
        # What happened, said as it happened: the server's FIN sent or not (the reset can come first), and what
        # was left unread when the function returned the reply's beginning (recv() asked for fewer bytes).
        after = text.CLIENT_AFTER_REPLY_FIN if talk.server_fin else text.CLIENT_AFTER_REPLY
        if got is not None and short_of_the_reply(got):
            unread = text.CLIENT_UNREAD_REST.format(left=text.counted(text.BYTES, len(REPLY) - len(got)),
                                                    got=text.counted(text.BYTES, len(got)))
            hint = text.CLIENT_RST_SHORT_HINT
        else:  # (a close when its own timeout gave up on the held reply: the reply came after it)
            unread = text.CLIENT_UNREAD_REPLY
            gave_up = talk.held and talk.call.status == "raised" and talk.call.result.error.is_a("TimeoutError")
            hint = text.CLIENT_RST_GAVE_UP_HINT if gave_up else text.CLIENT_RST_HINT
        fail(text.CLIENT_RST.format(after=after, unread=unread, hint=hint), talk.timeline)
    if talk.client_end != "FIN":
        fail(text.CLIENT_NO_FIN.format(end=text.END_NAME.get(talk.client_end, text.NOTHING)), talk.timeline)
    try:  # the call with an empty message closes too; one that never got there is the reply's check's to tell
        empty = empty_conversation(run)
    except CheckFailed:
        return
    if empty.later is None:
        expect_sockets_closed(empty.call, empty.timeline)
        if empty.client_end != "FIN":
            fail(text.CLIENT_NO_FIN.format(end=text.END_NAME.get(empty.client_end, text.NOTHING)), empty.timeline)
