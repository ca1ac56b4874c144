"""Lesson 4, graceful_close: request_and_half_close, serve_one_request, reject_and_drain.

FIN is recv() == b"", RST is ConnectionResetError: the reference peers read
until one of them, so the verdict comes from the wire. Every protocol step
is ordered by construction:

* the reference server of request_and_half_close replies only after it saw
  the client's FIN, so a client without shutdown(SHUT_WR) deadlocks and is
  reported with the line it was stuck on; its reply comes in pieces, each
  read before the next, the second ending at a newline that more of the
  reply follows: only EOF ends it;
* the reference client of serve_one_request sends its request in pieces,
  each read before the next, then half-closes;
* the reference client of reject_and_drain sends its header line (over
  8 KiB: no small fixed bound holds it) in three pieces, each read before
  the next comes, the last the line's end with 64 KiB of body right behind
  its newline, and waits until all of it sits in the server's receive
  queue, so a server that closes without draining always has unread data
  (RST). It waits for b"REJECTED\\n" before sending the rest of the body
  (a server must reply at once), and for the server's FIN before ending its
  own body (a server must half-close, not wait for EOF first). Another
  conversation sends the header line alone and waits for b"REJECTED\\n"
  before any of the body: a server that reads on past the newline deadlocks.

Over 500 lines: one lesson's checks of three functions, one module per lesson as pytest collects them; its peers'
bytes are in peers_graceful_close.py.
"""

from __future__ import annotations

import ast
import builtins
import errno
import socket
from dataclasses import dataclass

from graders.engine import deadlock, kernel
from graders.engine.checks import (
    BIG_MESSAGE,
    big_message_talk,
    expect_big_message_sent_whole,
    expect_equal,
    expect_given_address,
    expect_restart_during_time_wait,
    expect_sockets_closed,
    fail,
    hint,
    part_sent_hint,
    returned_bytes,
)
from graders.engine.clients import time_wait_port
from graders.engine.harness import CheckFailed, Peer, Run, StudentCall, Timeline, show
from graders.engine.student import drain_does_not_wait, reads_nothing, shuts_reading
from graders.engine.timeline import received_versus
from graders.lessons.peers_graceful_close import (
    BIG_REPLY,
    BIG_REPLY_PIECES,
    BODY_FIRST,
    BODY_LINES,
    BODY_REST,
    EMPTY_HEADER,
    HEADER,
    HEADER_LF,
    HEADER_SECOND,
    HEADER_SPLIT,
    REJECTED,
    REPLY,
    REPLY_PIECES,
    REQUEST,
    REQUEST_PIECES,
)
from graders.text import messages as text

LESSON = "graceful_close"
# Both servers read their client's request however long it takes to come (no timeout in their contract): the
# reference clients' pause before their first byte out-waits every timer of the server's own shorter than
# deadlock.LONG_TIMEOUT, once it has accepted (`Peer.connect`'s `first_within`), as lesson 2's client does, and then
# its longest timer up to deadlock.LONG_CAP, once per call (`deadlock.hold_past_long_timer`: the server's own timer
# is the cost, nothing where it sets none); a settimeout(1.0), or a settimeout(3.0) "against stuck clients", taken for
# "no request" has given up when the first byte goes, by construction.
FIRST_WITHIN = deadlock.LONG_CAP



# --------------------------------------------------------------------------- request_and_half_close


@dataclass
class ClientTalk:
    call: StudentCall
    timeline: Timeline
    request: bytes  # what the server received before the client's end
    client_end: str | None  # how the client's request ended: "FIN" (good), "RST" or None
    reply_pieces_read: int  # pieces of the reply the client read before the next was sent
    later: CheckFailed | None  # how the reply phase failed, if it did
    early: bool = False  # it returned while the server, its reply all sent, held its FIN (a pause taken for EOF)
    paused: int | None = None  # it gave up in the server's pause mid-reply, this much of the reply sent (Peer.gave_up_after)


def client_talk(run: Run) -> ClientTalk:
    return run.once((LESSON, "request_and_half_close"), lambda: _client_talk(run))


def _client_talk(run: Run, message: bytes = REQUEST) -> ClientTalk:
    """request_and_half_close() against a server that replies only after the request's EOF; given `message`
    (b"": its FIN alone ends the request, and a hang there is told as that FIN missing)."""
    timeline = Timeline(text.PEER_SERVER)
    listener = run.listen()
    host, port = listener.getsockname()
    call = run.call(LESSON, "request_and_half_close", host, port, message)
    with listener:
        peer = Peer.accept(listener, call, timeline)
    later, early = None, False
    with peer.sock:
        peer.expecting = text.EXPECTED_REQUEST_EOF
        with hint(text.HALF_CLOSE_HINT if message else text.EMPTY_MESSAGE_NO_FIN_HINT):
            request = peer.read()  # until the client's FIN
        client_end = peer.end
        if client_end == "FIN":
            try:
                peer.expecting = text.EXPECTED_READ_REPLY
                if peer.send(REPLY, pieces=REPLY_PIECES):
                    # A pause before the FIN: a loop that ends on a timeout (taken for EOF) returns in it, by
                    # construction (deadlock.returned_in_silence); correct code is seen asleep in two looks.
                    early = deadlock.returned_in_silence(call) and call.status == "returned"
                    if early:
                        timeline.note(text.TL_RETURNED_BEFORE_FIN)
                    else:
                        peer.shutdown_write()
                call.settle()
            except CheckFailed as failure:
                later = failure
    call.settle()
    return ClientTalk(call, timeline, request, client_end, peer.pieces_read, later, early, peer.gave_up_after)


def _big_reply_talk(run: Run) -> tuple[StudentCall, Timeline]:
    """request_and_half_close() given REQUEST again, answered with BIG_REPLY (16 times the request and 256 KiB more)
    in pieces, each read before the next, then FIN. A client that closes with part of the reply unread makes its
    kernel send RST: the server's socket then holds that error (SO_ERROR, the kernel's), drawn as RST."""
    timeline = Timeline(text.PEER_SERVER)
    listener = run.listen()
    host, port = listener.getsockname()
    call = run.call(LESSON, "request_and_half_close", host, port, REQUEST)
    with listener:
        peer = Peer.accept(listener, call, timeline)
    with peer.sock:
        peer.expecting = text.EXPECTED_REQUEST_EOF
        peer.read()  # until the client's FIN (the first conversation judged the request)
        peer.expecting = text.EXPECTED_READ_REPLY
        if peer.end == "FIN" and peer.send(BIG_REPLY, pieces=BIG_REPLY_PIECES):
            peer.shutdown_write()
        call.settle()  # its close is done: an RST it made has arrived (loopback delivers it within that close())
        if peer.end == "FIN" and peer.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
            timeline.end("RST")
    return call, timeline


def _expect_fin_after_the_thread(call: StudentCall, got: bytes, want: bytes, end: str | None,
                                timeline: Timeline | None = None) -> None:
    """Where the code's FIN came after only a start of the message (`got`, all that came before it: the wire's)
    and its function returned without a join() of a thread it started (`call`'s report: its process's word,
    which only words the message), the check fails saying so first: the FIN left while that thread had not sent
    the message yet (a sendall() in a thread, shutdown(SHUT_WR) at once)."""
    __tracebackhide__ = True
    unjoined = call.result.threads_unjoined if call.result is not None else ()
    if end != "FIN" or not unjoined or len(got) >= len(want) or not want.startswith(got):
        return
    where = text.LIST_SEPARATOR.join(text.LINE_OF_FILE.format(line=line, file=file) for file, line in unjoined)
    fail(text.FIN_BEFORE_THREAD_SENT.format(sent=text.counted(text.BYTES, len(got)),
                                            total=text.counted(text.BYTES, len(want)), where=where),
         timeline)


def test_request_signals_its_end_with_shut_wr(run: Run) -> None:
    """request_and_half_close() sends the whole message, then shutdown(SHUT_WR).

    The whole message is also a message of 8 MiB, more than the buffers hold: the reference server reads nothing
    until the code sleeps in send() on the full buffer, then signals its thread (`expect_big_message_sent_whole`),
    so that a single send() returns part of it, by construction, and one more send() for the rest too (a second
    signal); sendall() goes on with the rest. A FIN after only part of either message, where the code never
    joined a thread it started (its process's word), is said first (`_expect_fin_after_the_thread`).

    Also an empty message (b""), last (a hang stops the function for the rest of the run): the reference server
    replies only after its EOF there too, so the code must send its FIN with nothing before it. A FIN never sent
    leaves both sides waiting to read, a deadlock the kernel shows at once (`deadlock`), told as that FIN
    missing (EMPTY_MESSAGE_NO_FIN_HINT); the wire says whether it came."""
    talk = client_talk(run)
    if talk.client_end != "FIN":
        talk.call.wait()
        if talk.call.status != "returned":
            raise talk.call.failure(talk.timeline)
        fail(text.NO_HALF_CLOSE.format(end=text.END_NAME.get(talk.client_end, text.NOTHING)), talk.timeline)
    _expect_fin_after_the_thread(talk.call, talk.request, REQUEST, talk.client_end, talk.timeline)
    if talk.request != REQUEST:
        changed = text.REQUEST_CHANGED.format(got=show(talk.request, 60), want=show(REQUEST, 60))
        if REQUEST.startswith(talk.request):  # its FIN came after only the start of the message: its own shutdown
            changed = changed + "\n  " + text.FIN_BEFORE_REQUEST_HINT.format(
                sent=text.counted(text.BYTES, len(talk.request)), total=text.counted(text.BYTES, len(REQUEST)))
        fail(changed, talk.timeline)
    if talk.reply_pieces_read == 0:  # its FIN came from close() or with SHUT_RD: no reply could be read
        if talk.later is not None:
            raise talk.later.with_hint(text.CLOSED_TOO_EARLY_HINT)
        fail(text.CLOSED_BEFORE_REPLY, talk.timeline)
    got, _, end, timeline = big_message_talk(run, LESSON, "request_and_half_close")
    _expect_fin_after_the_thread(talk.call, got, BIG_MESSAGE, end, timeline)  # the FIN first, its cause a thread
    expect_big_message_sent_whole(run, LESSON, "request_and_half_close")
    empty = run.once((LESSON, "request_and_half_close", "empty"), lambda: _client_talk(run, b""))  # a hang: raised
    if empty.client_end != "FIN":  # ended with an RST, or returned with its socket still open
        fail(text.NO_HALF_CLOSE.format(end=text.END_NAME.get(empty.client_end, text.NOTHING)), empty.timeline)


def test_request_reads_the_whole_reply_until_eof(run: Run) -> None:
    """request_and_half_close() reads the reply until EOF.

    Also a reply of 16 times the request and 256 KiB more, in pieces, each read before the next: a read bounded by
    a size made from the message (one makefile().read(n)) returns its start only (the value returned, the client's
    end seen on the wire)."""
    talk = client_talk(run)
    if talk.later is not None:
        raise talk.later
    # Only where no piece of the reply was read: its socket was closed, or its reading side shut, before the reply.
    with hint(text.CLOSED_TOO_EARLY_HINT if talk.reply_pieces_read == 0 else ""):
        got = returned_bytes(talk.call, talk.timeline)
    if talk.early and got == REPLY:  # all of it, and then it took the server's silence for the end
        fail(text.SILENCE_IS_NOT_EOF.format(name="request_and_half_close()", sent=len(REPLY)), talk.timeline)
    if talk.paused is not None and got == REPLY[: talk.paused]:  # the same, in the server's pause mid-reply
        fail(text.SILENCE_IS_NOT_EOF.format(name="request_and_half_close()", sent=talk.paused), talk.timeline)
    if got == REPLY[: REPLY_PIECES[0]]:
        fail(text.ONE_RECV_REPLY.format(pieces=" + ".join(map(str, REPLY_PIECES)), total=len(REPLY),
                                        got=len(got)), talk.timeline)
    stopped_at_newline = got.endswith(b"\n") and REPLY.startswith(got) and len(got) < len(REPLY)
    advice = (text.NEWLINE_NOT_EOF_HINT if stopped_at_newline
              else text.CLOSED_TOO_EARLY_HINT if not got and talk.reply_pieces_read == 0  # its reading side shut first
              else text.READ_UNTIL_EOF_HINT)
    expect_equal(talk.call, got, REPLY, advice, talk.timeline)
    call, timeline = run.once((LESSON, "request_and_half_close", "big reply"), lambda: _big_reply_talk(run))
    got = returned_bytes(call, timeline)
    if got != BIG_REPLY and BIG_REPLY.startswith(got):  # its start, then its own close: a bound on the reading
        fail(text.BIG_REPLY_CUT.format(message=text.counted(text.BYTES, len(REQUEST)),
                                       total=text.counted(text.BYTES, len(BIG_REPLY)),
                                       pieces=" + ".join(map(str, BIG_REPLY_PIECES)),
                                       got=text.counted(text.BYTES, len(got))), timeline)
    expect_equal(call, got, BIG_REPLY, text.READ_UNTIL_EOF_HINT, timeline)


def test_request_closes_its_socket(run: Run) -> None:
    """request_and_half_close() closes its socket."""
    talk = client_talk(run)
    if talk.later is not None:
        raise talk.later
    expect_sockets_closed(talk.call, talk.timeline)


# --------------------------------------------------------------------------- serve_one_request


@dataclass
class ServerTalk:
    call: StudentCall
    timeline: Timeline
    reply: bytes
    server_end: str | None
    paused: int | None = None  # the server gave up in the client's pause mid-request, this much sent (Peer.gave_up_after)


def server_talk(run: Run) -> ServerTalk:
    return run.once((LESSON, "serve_one_request"), lambda: _server_talk(run))


def _server_talk(run: Run) -> ServerTalk:
    """serve_one_request() with a client that sends its request in pieces, then half-closes. Its port holds an old
    connection in TIME_WAIT when the server starts (`time_wait_port`), as a restarted server finds it: the client
    closes first here, so no restart of this server could show it otherwise."""
    timeline = Timeline(text.PEER_CLIENT)
    host = run.host
    port = time_wait_port(host)
    call = run.call(LESSON, "serve_one_request", port, host)
    try:
        peer = Peer.connect(host, port, call, timeline, first_within=FIRST_WITHIN)
    except CheckFailed as failure:
        error = call.result.error if call.result is not None else None
        if error is not None and "Address already in use" in error.message:  # bind(): no SO_REUSEADDR before it
            raise failure.with_prefix(text.SERVE_NO_REUSEADDR.format(host=host, port=port)) from None
        raise
    with peer.sock:
        peer.expecting = text.EXPECTED_READ_REQUEST
        peer.send(REQUEST, pieces=REQUEST_PIECES)  # stops early if the server is done with it
        peer.shutdown_write()
        peer.expecting = text.EXPECTED_REPLY_AND_FIN
        peer.read()  # until the server's FIN or RST
        reply = bytes(peer.received)  # all the server sent, also what came just before an RST stopped a send
    timeline.peer(text.TL_CLOSE, wire=False)
    call.settle()
    return ServerTalk(call, timeline, reply, peer.end, peer.gave_up_after)


# A request whose reply (as long) is more than the server's send buffer, once made small (BIG_SERVER_SNDBUF), and the
# reference client's receive buffer (BIG_CLIENT_RCVBUF) hold: sent by one send(), part of it waits in that call.
BIG_SERVED = bytes(range(256)) * 1024  # 256 KiB
BIG_SERVER_SNDBUF = 4096
BIG_CLIENT_RCVBUF = 4096


def _big_server_talk(run: Run) -> tuple[bytes, int, str | None, Timeline]:
    """serve_one_request() with BIG_SERVED: the client gives the server's connection a small send buffer (as a
    machine short of memory may) before its FIN, reads nothing until the server sleeps in send() on the full
    buffer, then has it signalled (a send() returns what it took so far), then reads until the server's end."""
    timeline = Timeline(text.PEER_CLIENT)
    host, port = run.host, run.free_port()
    call = run.call(LESSON, "serve_one_request", port, host)
    interrupted = 0
    try:
        peer = Peer.connect(host, port, call, timeline, rcvbuf=BIG_CLIENT_RCVBUF, first_within=FIRST_WITHIN)
    except CheckFailed:  # the main conversation says why
        return b"", 0, None, timeline
    with peer.sock:
        try:
            if peer.send(BIG_SERVED) and peer.shrink_student_sndbuf(BIG_SERVER_SNDBUF):
                peer.shutdown_write()
                interrupted = peer.interrupt_send()
                peer.read()
        except CheckFailed:
            pass  # the code hung or raised: judged by what reached the client
    call.settle()
    call.kill()
    return bytes(peer.received), interrupted, peer.end, timeline


def test_serve_reads_the_request_until_eof(run: Run) -> None:
    """serve_one_request() reads the request until EOF and replies reversed.

    Also a request of 256 KiB, its reply more than the buffers hold: the reference client gives the server's
    connection a small send buffer (SO_SNDBUF, on a copy of its descriptor), reads nothing until the code sleeps in
    send() on the full buffer, then signals its thread: a single send() returns part of the reply, by construction;
    then it reads a little and signals again once the code waits in send() again (`Peer.interrupt_send`): one more
    send() for the rest returns part too; sendall() goes on with the rest."""
    talk = server_talk(run)
    expect_given_address(talk.call, talk.timeline)
    if talk.reply != REQUEST[::-1]:
        if talk.call.status != "returned":
            raise talk.call.failure(talk.timeline)
        if talk.paused is not None:  # its own timeout ran out in the client's pause: the request had not ended
            fail(text.WRONG_REVERSED_PAUSED.format(got=show(talk.reply, 50), want=show(REQUEST[::-1], 50),
                                                   sent=text.counted(text.BYTES, talk.paused)), talk.timeline)
        fail(text.WRONG_REVERSED.format(got=show(talk.reply, 50), want=show(REQUEST[::-1], 50)), talk.timeline)
    got, interrupted, end, timeline = run.once((LESSON, "serve_one_request", "big"), lambda: _big_server_talk(run))
    want = BIG_SERVED[::-1]
    if got and got != want and want.startswith(got):  # the start of it, then its end: not sent whole
        template = (text.REPLY_SENT_RETRIED_PARTIAL if interrupted > 1  # one more send() for the rest, no loop
                    else text.REPLY_SENT_ONCE_PARTIAL if interrupted else text.REPLY_SENT_PART)
        fail(template.format(sent=text.counted(text.BYTES, len(got)), total=text.counted(text.BYTES, len(want)),
                             end=text.END_NAME.get(end, text.NOTHING), sndbuf=BIG_SERVER_SNDBUF,
                             hint=part_sent_hint(run.source(LESSON), "conn.sendall(reply)", text.REPLY_WORD)),
             timeline)
    if got and got != want:  # other bytes: a loop that resends or skips, its count kept wrong
        fail(text.BIG_REPLY_CHANGED.format(total=text.counted(text.BYTES, len(want)),
                                           got=text.counted(text.BYTES, len(got)), how=received_versus(want, got)),
             timeline)


def test_serve_listens_with_so_reuseaddr(run: Run) -> None:
    """serve_one_request() listens with SO_REUSEADDR.

    Its client closes first, so a restart of this server would work without the option (the TIME_WAIT would be
    the client's). The grader puts the port in TIME_WAIT itself before the server starts (`time_wait_port`: its
    own server closes first there): the kernel then lets the student's listener bind() only if SO_REUSEADDR was
    set before that bind(). The verdict is bind()'s own error, from the kernel, on every system: every check of
    this server then fails with it (SERVE_NO_REUSEADDR, `_server_talk`), told first under this check."""
    try:
        talk = server_talk(run)
    except CheckFailed as failure:
        raise (failure.as_home() if failure.template == "SERVE_NO_REUSEADDR" else failure) from None
    expect_given_address(talk.call, talk.timeline)


def test_serve_closes_with_fin_not_rst(run: Run) -> None:
    """serve_one_request() closes with FIN, not RST."""
    talk = server_talk(run)
    talk.call.returned(talk.timeline)  # a server that raised closed by accident, not by design
    if talk.server_end == "RST":
        fail(text.SERVER_RST, talk.timeline)
    if talk.server_end != "FIN":
        fail(text.SERVER_NO_CLOSE, talk.timeline)


def test_serve_returns_the_request(run: Run) -> None:
    """serve_one_request() returns the request."""
    talk = server_talk(run)
    got = returned_bytes(talk.call, talk.timeline)
    part = got and len(got) < len(REQUEST) and REQUEST.startswith(got)  # only the start of it
    advice = (text.SERVE_RETURN_PART_HINT.format(got=text.counted(text.BYTES, len(got)),
                                                 total=text.counted(text.BYTES, len(REQUEST)))
              if part else text.SERVE_RETURN_HINT)
    expect_equal(talk.call, got, REQUEST, advice, talk.timeline)


def _empty_request_talk(run: Run) -> tuple[StudentCall, Timeline] | None:
    """serve_one_request() with an empty request: the client's FIN at once, no byte before it (None: it never
    listened, which the main conversation tells)."""
    timeline = Timeline(text.PEER_CLIENT)
    host, port = run.host, run.free_port()
    call = run.call(LESSON, "serve_one_request", port, host)
    try:
        peer = Peer.connect(host, port, call, timeline)
    except CheckFailed:
        return None
    with peer.sock:
        try:
            peer.expecting = text.EXPECTED_REPLY_AND_FIN
            peer.shutdown_write()
            peer.read()
        except CheckFailed:
            pass  # what it did is the call's to tell
    timeline.peer(text.TL_CLOSE, wire=False)
    call.settle()
    return call, timeline


def test_serve_leaves_no_close_wait(run: Run) -> None:
    """serve_one_request() closes every socket, none left in CLOSE_WAIT.

    Also after an empty request (the client's FIN before any byte): a path of its own in many servers."""
    talk = server_talk(run)
    expect_sockets_closed(talk.call, talk.timeline)
    empty = run.once((LESSON, "serve_one_request", "empty"), lambda: _empty_request_talk(run))
    if empty is None:
        return
    call, timeline = empty
    try:
        call.returned(timeline)
        expect_sockets_closed(call, timeline)
    except CheckFailed as failure:
        raise failure.with_prefix(text.EMPTY_REQUEST) from None


# --------------------------------------------------------------------------- reject_and_drain


@dataclass
class RejectTalk:
    call: StudentCall
    timeline: Timeline
    host: str
    port: int
    first_reply: bytes  # what came back before the client sent the rest of the body
    reply: bytes  # everything the server sent
    server_end: str | None
    client: tuple  # the reference client's (host, port)
    later: CheckFailed | None  # how the drain phase failed, if it did
    drain_ended_early: bool = False  # the function returned while the client, its body sent, held its FIN
    fin_then_rst: bool = False  # the server's FIN, then its RST while the client was still sending
    early_reply: int = 0  # bytes of the server's before the header line's second piece was sent
    # The server closed with nothing unread (no RST from its close: the kernel's), the body's rest not sent yet: it
    # had read all of the body that had come, and stopped before the client's FIN.
    drained_then_closed: bool = False
    paused: int | None = None  # the server gave up in the client's pause mid-header, this much sent (Peer.gave_up_after)


def reject_talk(run: Run) -> RejectTalk:
    return run.once((LESSON, "reject_and_drain"), lambda: _reject_talk(run))


def _reject_talk(run: Run, port: int | None = None, header: bytes = HEADER, body: bytes = BODY_FIRST) -> RejectTalk:
    timeline = Timeline(text.PEER_CLIENT)
    host, port = run.host, port or run.free_port()
    call = run.call(LESSON, "reject_and_drain", port, host)
    peer = Peer.connect(host, port, call, timeline, first_within=FIRST_WITHIN)
    later = None
    early = drained_then_closed = False
    with peer.sock:
        peer.expecting = text.EXPECTED_REJECTED
        first = b""
        # The header line arrives in three pieces, each read only once the one before was: no recv(), nor one
        # and one more, holds the whole line, and the newline comes with body bytes right behind it.
        if peer.send(header + body, pieces=_header_pieces(header, body)) and peer.wait_delivered():
            first = peer.read(len(REJECTED))  # all of it sits in the server's receive queue now
        else:  # the server was done first (an RST stopped the send): what it sent before still counts
            first = bytes(peer.received)
        try:
            if peer.end is None:
                peer.expecting = text.EXPECTED_DRAIN
                # The body's rest goes once the server has read what came before it and waits, or is done: a server
                # whose connection then lives on with no process holding it (an orphan, inode 0) closed it with
                # nothing unread (a close with data unread resets it at once, and it is gone), before the body's end:
                # its drain read all that had come and stopped early. The kernel's view, not a race with the rest.
                if peer.wait_consumed() and kernel.AVAILABLE:
                    row = kernel.connection(peer.remote, peer.local)
                    drained_then_closed = row is not None and row.inode == 0
                if peer.send(BODY_REST):
                    peer.expecting = text.EXPECTED_SERVER_FIN
                    peer.read()  # until the server's FIN: it must half-close while we still send
                    if peer.end == "FIN":
                        # A pause before our FIN: a drain that stops on a timeout returns in it.
                        early = deadlock.returned_in_silence(call)
                        if early:
                            timeline.note(text.TL_RETURNED_BEFORE_FIN)
                        else:
                            peer.shutdown_write()  # now the server's drain loop sees EOF
            elif peer.end == "FIN":  # the server half-closed before the body's rest: end the request all the same
                peer.shutdown_write()
            call.settle()
        except CheckFailed as failure:
            later = failure
    timeline.peer(text.TL_CLOSE, wire=False)
    call.settle()
    return RejectTalk(call, timeline, host, port, first, bytes(peer.received), peer.end, peer.local, later, early,
                      peer.fin_before_reset, peer.came_mid_message, drained_then_closed, peer.gave_up_after)


def _header_pieces(header: bytes, body: bytes = BODY_FIRST) -> list[int]:
    """The sizes of the pieces `header` and `body` go in: the line's start (inside its arrow), a long part of
    its name, then its end with the body's start right behind its newline. An empty line (EMPTY_HEADER, b"\\n"
    alone) goes in one piece with the body: its b"\\n" is that piece's first byte."""
    if len(header) <= HEADER_SPLIT + HEADER_SECOND:
        return [len(header) + len(body)]
    return [HEADER_SPLIT, HEADER_SECOND, len(header) + len(body) - HEADER_SPLIT - HEADER_SECOND]


def _header_alone_talk(run: Run) -> tuple[StudentCall, Timeline, bytes, str | None, bool]:
    """reject_and_drain() with a client that sends the header line alone (in its three pieces, the last ending at
    its newline, no body byte behind it) and waits for b"REJECTED\\n" before it sends any of the body; then the
    body and its FIN, and it reads until the server's end. A server that waits for body bytes before it replies (one recv()
    more after the chunk with the b"\\n", a recv(n, MSG_WAITALL) for the line) sleeps in recv() with nothing to
    read while the client waits for the reply: a deadlock the kernel shows (`deadlock`), raised by the read.
    Returns the call, its timeline, the reply's start, how the server's end came (FIN, RST) and whether its FIN
    came before an RST: the drain is judged here too (a drain done only when body bytes came with the line)."""
    timeline = Timeline(text.PEER_CLIENT)
    host, port = run.host, run.free_port()
    call = run.call(LESSON, "reject_and_drain", port, host)
    peer = Peer.connect(host, port, call, timeline, first_within=FIRST_WITHIN)
    with peer.sock:
        peer.expecting = text.EXPECTED_REJECTED_BEFORE_BODY
        first = b""
        if peer.send(HEADER, pieces=_header_pieces(HEADER, b"")):
            first = peer.read(len(REJECTED))  # a hang here is the verdict (CheckFailed)
        if peer.end is None and first.startswith(REJECTED):
            try:  # then the body and the client's FIN at once (waiting for the server's FIN first is the main
                # conversation's: a drain before the server's FIN deadlocks there), then the server's end
                peer.expecting = text.EXPECTED_SERVER_FIN
                if peer.send(BODY_FIRST):
                    peer.shutdown_write()
                    if peer.end is None:
                        peer.read()
                call.settle()
            except CheckFailed:
                pass
    end, fin_first = peer.end, peer.fin_before_reset
    if end == "FIN" and (peer.reset_after_fin or (call.finished and _reset_after_fin(peer))):  # body unread
        end, fin_first = "RST", True
    timeline.peer(text.TL_CLOSE, wire=False)
    call.settle()
    call.kill()
    return call, timeline, first, end, fin_first


def _reset_after_fin(peer: Peer) -> bool:
    """Did the server's kernel reset this connection after its FIN (a close() with the body unread: the kernel
    sends the RST within that close(), so once the call has returned it has come, over loopback)? The client's
    socket holds the error (SO_ERROR: ECONNRESET, or EPIPE for a reset in CLOSE_WAIT)."""
    try:
        error = peer.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    except OSError:
        return False
    return error in (errno.ECONNRESET, errno.EPIPE)


def test_reject_replies_after_the_header_line(run: Run) -> None:
    """reject_and_drain() replies REJECTED right after the header line.

    Not before it: each of the line's first two pieces is read (the kernel shows it taken, the code asleep)
    before the next is sent, and a reply sent before then is in the client's queue by construction (loopback
    delivers it within the send() that wrote it): a read of the line that stops after a fixed number of recv()s,
    or at a fixed size (the line is over 8 KiB), replies before the line's end has come. The client pauses before
    its first byte until every timer of the server's own under deadlock.LONG_TIMEOUT has had its chance, and
    before the line's last piece until those under a second have (`Peer._hold_for_timers`): a server that gives
    up waiting in a pause is told so (REJECT_PAUSED). Not after it either: a second conversation sends the line
    alone, no body byte behind its newline, and waits for the reply before any of the body (`_header_alone_talk`):
    a server that reads on for more (one recv() more, MSG_WAITALL) sleeps with nothing to read while the client
    waits, a deadlock the kernel shows (told with REPLY_BEFORE_BODY_HINT)."""
    talk = reject_talk(run)
    expect_given_address(talk.call, talk.timeline)
    if talk.early_reply and talk.first_reply.startswith(REJECTED):
        fail(text.REJECTED_BEFORE_HEADER.format(sent=text.counted(text.BYTES, HEADER_SPLIT + HEADER_SECOND),
                                                total=text.counted(text.BYTES, len(HEADER))), talk.timeline)
    if not talk.first_reply.startswith(REJECTED):
        if talk.call.status != "returned":
            raise talk.call.failure(talk.timeline, text.EXPECTED_REJECTED)
        if talk.paused is not None:  # its own timeout ran out in the client's pause: the line had not come
            fail(text.REJECT_PAUSED.format(sent=text.counted(text.BYTES, talk.paused), got=show(talk.first_reply)),
                 talk.timeline)
        fail(text.NO_REJECTED.format(got=show(talk.first_reply)), talk.timeline)
    # And at once: a client that sends the header line alone and waits for the reply before any of the body (the
    # conversation above sends body bytes in the same send() as the line's newline) gets it, not a deadlock. Only
    # once the conversation above ended: a hang after its reply (a drain before the FIN) is the next check's story.
    if talk.call.status in ("timeout", "slow"):
        return
    with hint(text.REPLY_BEFORE_BODY_HINT):
        call, timeline, first, _, _ = run.once((LESSON, "reject_and_drain", "header alone"),
                                               lambda: _header_alone_talk(run))
    if not first.startswith(REJECTED):  # it returned (a hang or an exception was raised by the read)
        fail(text.NO_REJECTED_HEADER_ALONE.format(got=show(first)), timeline)


def test_reject_closes_with_fin_not_rst(run: Run) -> None:
    """reject_and_drain() drains and closes with FIN, not RST.

    The verdict is the wire's: the reference client sees the server's FIN, or its RST (a close with bytes unread,
    or the body's rest sent to a socket closed before it). Which the hint tells is the kernel's view where it has
    one (the server's connection an orphan with nothing unread: its drain stopped before b""), else the student's
    source, read, not run (only the hint's word): a read of 0 bytes, a read that does not wait, a shutdown of the
    reading side, or one read after the shutdown and no loop (`_reads_once_after_shutdown`). The conversation
    whose header line comes alone, its body only after REJECTED (`_header_alone_talk`), must end with a FIN only
    too: a drain done only when body bytes came with the line is reset by the body (DRAIN_HEADER_ALONE_HINT)."""
    talk = reject_talk(run)
    if talk.server_end == "RST":
        # A FIN first (a half-close, its reading ended with it or no drain), or an RST alone (close() at once).
        # Or a close with nothing unread, before the body's end: the RST answered the rest, sent to a closed socket.
        template = (text.REJECT_CLOSED_MID_BODY if talk.drained_then_closed
                    else text.REJECT_FIN_THEN_RST if talk.fin_then_rst else text.REJECT_RST)
        source = run.source(LESSON)
        advice = (text.DRAIN_NOT_WAITING_HINT if drain_does_not_wait(source, talk.call, "reject_and_drain")
                  else (text.DRAIN_READ_SHUT_HINT if shuts_reading(source, "reject_and_drain")
                        else text.DRAIN_STOPPED_EARLY_HINT).format(read=text.counted(text.BYTES, len(BODY_FIRST)))
                  if talk.drained_then_closed
                  # its FIN, then its close with the body unread, where its source reads 0 bytes at a time (a
                  # recv_into() an empty buffer, recv(0)): the hint's word, read, not run
                  else text.DRAIN_READS_NOTHING_HINT if talk.fin_then_rst and reads_nothing(source, "reject_and_drain")
                  # its FIN, then its close with bytes unread, where its source reads after the shutdown but in no
                  # loop (one recv()): it read, not until b"" (the hint's word, read, not run; the RST the wire's)
                  else text.DRAIN_READ_ONCE_HINT.format(body=text.counted(text.BYTES, len(BODY_FIRST) + len(BODY_REST)))
                  if talk.fin_then_rst and _reads_once_after_shutdown(source, "reject_and_drain")
                  else text.REJECT_FIN_THEN_RST_HINT if talk.fin_then_rst else text.REJECT_RST_HINT)
        fail(template.format(got=show(talk.reply), hint=advice), talk.timeline)
    if talk.later is not None:
        raise talk.later
    if talk.server_end != "FIN":
        talk.call.returned(talk.timeline, text.EXPECTED_SERVER_FIN)
        fail(text.REJECT_NO_FIN, talk.timeline)
    if talk.reply != REJECTED:
        fail(text.REJECT_REPLY.format(got=show(talk.reply)), talk.timeline)
    talk.call.returned(talk.timeline)
    if talk.drain_ended_early:
        fail(text.DRAIN_ENDED_ON_SILENCE, talk.timeline)
    # The header line alone, the body only after REJECTED (`_header_alone_talk`): drained all the same, FIN only.
    _, timeline, first, end, fin_first = run.once((LESSON, "reject_and_drain", "header alone"),
                                                  lambda: _header_alone_talk(run))
    if first.startswith(REJECTED) and end == "RST":
        template = text.REJECT_FIN_THEN_RST if fin_first else text.REJECT_RST
        fail(template.format(got=show(first), hint=text.DRAIN_HEADER_ALONE_HINT), timeline)


READS = {"recv", "recv_into", "recvfrom", "recvfrom_into", "recvmsg", "read", "readinto", "read1", "readline"}


def _reads_once_after_shutdown(source: bytes | None, function: str) -> bool:
    """Does `function`'s source (read, not run) read its socket after its first shutdown() call, with no loop around
    any read there (one recv(), not a loop until b"")? False where it calls a function of its own after the shutdown
    (its drain may be there) or reads nothing after it. Only a hint's word: the verdict is the RST on the wire."""
    try:
        tree = ast.parse(source or b"")
    except (SyntaxError, ValueError):
        return False
    found = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == function]
    if not found:
        return False
    looped: set[int] = set()
    for node in ast.walk(found[0]):
        if isinstance(node, (ast.While, ast.For, ast.AsyncFor, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            looped.update(id(inner) for inner in ast.walk(node))
    calls = sorted((node for node in ast.walk(found[0]) if isinstance(node, ast.Call)),
                   key=lambda node: (node.lineno, node.col_offset))
    shut = next((node for node in calls if isinstance(node.func, ast.Attribute) and node.func.attr == "shutdown"),
                None)
    if shut is None:
        return False
    after = [node for node in calls if (node.lineno, node.col_offset) > (shut.lineno, shut.col_offset)]
    if any(isinstance(node.func, ast.Name) and not hasattr(builtins, node.func.id) for node in after):
        return False  # a function of its own: its drain may be in there
    reads = [node for node in after if isinstance(node.func, ast.Attribute) and node.func.attr in READS]
    return bool(reads) and not any(id(node) in looped for node in reads)


def test_reject_returns_the_header_line(run: Run) -> None:
    """reject_and_drain() returns the header line.

    The line (over 8 KiB) comes in three pieces, each read before the next: a read that stops after a fixed number
    of recv()s, or at a fixed size, returns its start only (the value returned). A start returned where REJECTED
    came only after the line's last piece (the wire's) was cut after the read, not by it (HEADER_CUT_AFTER_END_HINT).
    Two more conversations: the line ended by a bare b"\\n", and an empty line (b"\\n" alone, the first byte of its
    piece, the body behind it), whose header line is b"\\n"."""
    talk = reject_talk(run)
    got = returned_bytes(talk.call, talk.timeline)
    only_end = bool(got) and got != HEADER and HEADER.endswith(got)  # the line's last piece alone: the first lost
    cut = bool(got) and got != HEADER and HEADER.startswith(got)  # its start alone: the read stopped before b"\n"...
    # ...or it did not: REJECTED came only once the line's last piece (its b"\n" in it) was sent, the wire's. The
    # line was read to its end, and cut when it was taken out of what was read (an index of one chunk used in the
    # whole buffer).
    read_past = cut and not talk.early_reply and talk.first_reply.startswith(REJECTED)
    advice = (text.HEADER_END_ONLY_HINT if only_end
              else text.HEADER_CUT_AFTER_END_HINT.format(got=text.counted(text.BYTES, len(got)),
                                                         total=text.counted(text.BYTES, len(HEADER)))
              if read_past
              else text.HEADER_CUT_HINT.format(got=text.counted(text.BYTES, len(got)),
                                               total=text.counted(text.BYTES, len(HEADER)),
                                               pieces=" + ".join(map(str, _header_pieces(HEADER)[:2])))
              if cut else text.HEADER_HINT)
    expect_equal(talk.call, got, HEADER, advice, talk.timeline)
    # The line's end is b"\n" (the reference header's is b"\r\n", so that a line rebuilt shows): a header ending
    # in a bare b"\n" is read to its end too (code that waits for b"\r\n" waits for ever). Its body is lines
    # (BODY_LINES), their start in the segment of the header's newline: a line cut at the last b"\n" read returns
    # more than the line, its start the line whole (HEADER_PAST_NEWLINE_HINT).
    with hint(text.HEADER_LF_HINT):
        bare = run.once((LESSON, "reject_and_drain", "lf"), lambda: _reject_talk(run, header=HEADER_LF, body=BODY_LINES))
        got = returned_bytes(bare.call, bare.timeline)
    past = len(got) > len(HEADER_LF) and got.startswith(HEADER_LF)  # the line, then body bytes up to a later b"\n"
    advice = (text.HEADER_PAST_NEWLINE_HINT.format(extra=text.counted(text.BYTES, len(got) - len(HEADER_LF)))
              if past else text.HEADER_LF_HINT)
    expect_equal(bare.call, got, HEADER_LF, advice, bare.timeline)
    # An empty header line, b"\n" alone (the line is everything up to and including the first b"\n", the lesson's
    # words), the body right behind it: its b"\n" is at index 0, of the buffer and of the piece. Code that takes
    # index 0 for "not found" (`find(b"\n") > 0`) waits for a newline the body has not: both sides wait to read,
    # a deadlock the kernel shows (told with EMPTY_HEADER_LINE_HINT); or it returns something else than b"\n".
    with hint(text.EMPTY_HEADER_LINE_HINT):
        empty = run.once((LESSON, "reject_and_drain", "empty"), lambda: _reject_talk(run, header=EMPTY_HEADER))
        got = returned_bytes(empty.call, empty.timeline)
    expect_equal(empty.call, got, EMPTY_HEADER, text.EMPTY_HEADER_LINE_HINT, empty.timeline)


def test_reject_closes_every_socket(run: Run) -> None:
    """reject_and_drain() closes every socket."""
    talk = reject_talk(run)
    if talk.later is not None:
        raise talk.later
    expect_sockets_closed(talk.call, talk.timeline)


def test_reject_restarts_on_the_same_port_during_time_wait(run: Run) -> None:
    """reject_and_drain() restarts on the same port during TIME_WAIT."""
    expect_restart_during_time_wait(run, _reject_talk, text.REJECT_NO_TIME_WAIT)
