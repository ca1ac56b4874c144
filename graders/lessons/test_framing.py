"""Lesson 5, framing: send_frame, recv_frame, serve_lines.

As in lesson 3, the student's functions get a real socket connected by the
harness to the reference peer, and fragmentation happens by construction:
with `Peer.send(pieces=...)` each piece is sent only once the student's code
has read the one before and sleeps. A frame's 4-byte header comes one byte at
a time (its last byte with the payload's start, which ends inside a multi-byte
character), its payload in four pieces, and its last piece comes in the same
send() as the next frame, which must stay unread: one recv(4) with one retry
misses the header, and a loop that asks for more than is missing reads into the
next frame. The frame's length, 291 = 0x00000123, reads as 587,268,096 in
little-endian, so native byte order always shows.
A 0-length frame's header comes 3 + 1, its last byte in the same send() as the
next frame; a header ff ff ff ff is over MAX_FRAME only when read unsigned.

serve_lines gets its lines from a reference client that waits for the reply
to each complete line before it sends the next piece: a server that waits
for more data before answering deadlocks, and one that drops the bytes after
a newline misses a reply or answers a line cut short, every time. Several
lines come in one segment (one send() of a few bytes is one segment on
loopback). "No reply" is judged after ANSWER_WAIT from the piece's send.

A partial send() is made by construction: a frame of MAX_FRAME bytes and the
reply to a 64 KiB line go through small buffers (SMALL_SNDBUF, with a
kernel send timeout) while the peer reads nothing until the student's code
has returned or waits on that full buffer. Silence is not EOF: before a FIN
the peer goes quiet until the kernel shows the student's code asleep in a
wait without a timeout (`deadlock.returned_in_silence`); code that ends on a
timeout returns in that pause, by construction.

Over 500 lines: one lesson's checks, one module per lesson as pytest collects them; each case of a frame
split, empty or hostile is a few lines of the peer's sends and their verdict.
"""

from __future__ import annotations

import ast
import select
import socket
import struct
import time
from dataclasses import dataclass

from graders.engine import deadlock, kernel, servers
from graders.engine.checks import expect_equal, expect_same_again, fail, hint, not_judged, returned_bytes
from graders.engine.harness import ASLEEP_WAIT, POLL, CheckFailed, Peer, Run, StudentCall, Timeline, show
from graders.engine.timeline import preview, received_versus
from graders.text import messages as text

LESSON = "framing"
SOCKETS_GIVEN = True  # the functions get their socket: a socket they make and drop is judged after every check (plugin)
MAX_FRAME = 1 << 20

_TEXT = "frame: héllo，世界！\U0001f50c ".encode() + b"\x00\xff\xfe\x80"
PAYLOAD = _TEXT + (bytes(range(256)) * 2)[: 0x123 - len(_TEXT)]  # 291 bytes: header 00 00 01 23
assert len(PAYLOAD) == 0x123
HEADER = struct.pack("!I", len(PAYLOAD))
FRAME = HEADER + PAYLOAD
# The first payload piece ends inside the 3-byte character 世 (after its first byte).
_CUT = len(HEADER) + PAYLOAD.index("世".encode()) + 1
_MIDDLE = 100  # the payload's second and third pieces
NEXT_FRAME = struct.pack("!I", 5) + b"NEXT!"  # the next frame, which recv_frame must leave in the socket
# A function called twice in its process: what its second call gets (its first gets FRAME, or COUNT_FIRST_CALL).
SECOND_PAYLOAD = b"SECOND \x00\xfe \xe4\xba\x8c"
SECOND_FRAME = struct.pack("!I", len(SECOND_PAYLOAD)) + SECOND_PAYLOAD
COUNT_FIRST_CALL = b"first\nsecond\n"
SECOND_LINES = b"again\n"
# The header byte by byte (1 + 1 + 1 + 1: one recv(4) and one retry hold 2 bytes), its last byte with the
# payload's start (a header read that asks for more than is missing takes payload bytes); the payload in four
# pieces, each read before the next, the last ending the payload with the next frame behind it, in one send():
# a loop asking for more than is missing (the length minus the last chunk, not minus all it holds) takes the
# next frame's bytes from the payload's third piece on.
PIECES = [1, 1, 1, _CUT - 3, _MIDDLE, _MIDDLE, len(FRAME) - _CUT - 2 * _MIDDLE + len(NEXT_FRAME)]
assert len(PIECES) - 3 >= 4 and min(PIECES) >= 1 and sum(PIECES) == len(FRAME + NEXT_FRAME)
EMPTY_FRAME = struct.pack("!I", 0)  # a valid frame: its payload is b""
EMPTY_PIECES = [3, 1 + len(NEXT_FRAME)]  # its header split 3 + 1, the last byte sent with the next frame
SIGNED = 0xFFFFFFFF  # the header ff ff ff ff: over MAX_FRAME unsigned, -1 when read signed ("!i")
AFTER_HUGE = b"the payload's first bytes, which must stay unread " * 2  # after a header over MAX_FRAME

# A frame or reply far bigger than the student's send buffer, sent while the peer reads nothing: one send()
# takes only part of it (at once in timeout mode; after SO_SNDTIMEO on a socket the student made blocking).
SMALL_SNDBUF = 4 << 10  # the student's send buffer, and the peer's receive buffer: at most some 20 KiB in all
STALL_SNDTIMEO = 0.02
LONG_LINE = (bytes(range(11, 256)) * 268)[: (64 << 10) - 1] + b"\n"  # 64 KiB, no b"\n" before its end
# serve_lines: (piece the client sends, lines it completes). The client waits for their replies.
SCRIPT = [
    (b"hello, world\n", 1),
    (b"\n", 1),  # an empty line is a line: its reply is an empty line
    (b"a CRLF line\r\n", 1),  # a line is every byte up to b"\n": its b"\r" is reversed with the rest
    (b" \tpadded \x01\x7f\x0b\x0c \n", 1),  # spaces, a tab, control bytes at its ends: nothing stripped
    (b"caf\xc3", 0),  # inside the 2-byte character é
    (b"\xa9 \xe4\xb8\xad \x00\xff end\n", 1),
    (b"one\ntwo\nthr", 2),  # two lines and the start of a third, in one segment
    (b"ee\n", 1),
    # A leftover longer than the line after it: the first piece kept in the buffer (read, the kernel shows), then
    # the end of its line and a shorter line in one segment. A newline search that starts where the new bytes began,
    # that offset kept after the first line is cut off the buffer, never finds the second line's b"\n".
    (b"a leftover longer than the line after it: ", 0),
    (b"its end\nshort\n", 2),
    (LONG_LINE, 1),  # its reply does not fit in the server's send buffer while the client reads nothing
]
# The count at EOF: two lines and the start of a third in one segment; once both are answered (and the segment
# read), the third line's end, one more line and a last line without b"\n" in the next segment; then FIN. Four lines
# answered, the last bytes dropped. One count per recv() (2), per recv() that completed lines (2), or only of lines
# that came whole in one recv() (3) is never 4: the peer's TCP_NODELAY makes each send() one segment, and the second
# goes only once the code has read the first (`_wait_read`), so no recv() returns both.
COUNT_FIRST = b"one\ntwo\nthr"
LAST_LINES = b"ee\nlast line\nno newline at the end"
COUNT_LINES = 4
FIRST_REPLIES = b"eno\nowt\n"  # the replies to COUNT_FIRST's two lines
HALF_LINE = b"half a li"  # then RST
SKIP_PROBE = b"the next line\n"  # sent after a line read and left unanswered: is that line skipped, or all waiting?
ANSWER_WAIT = 1.0  # how long the client waits for the reply to a complete line
WITHHELD_LOOK = 0.02  # ...looking this often whether the code went back to sleep without answering (`_withholds`)
SEND_TIMEOUT = 5.0


def reversed_line(line: bytes) -> bytes:
    """The reply to one line: the line reversed, its b"\\n" kept at the end."""
    return line[:-1][::-1] + b"\n"


@dataclass
class Session:
    call: StudentCall
    peer: Peer
    timeline: Timeline


@dataclass
class Launched:
    """A student's call started, its socket connecting to the reference peer's listener."""

    call: StudentCall
    listener: socket.socket
    timeline: Timeline

    def session(self) -> Session:
        """The peer's side, once the connection is accepted."""
        with self.listener:
            peer = Peer.accept(self.listener, self.call, self.timeline, quiet=True)
        self.call.given = (peer.remote, peer.local)  # the grader's socket, not one the function opened
        return Session(self.call, peer, self.timeline)


def launch(run: Run, function: str, *args, peer_name: str | None = None, timeout: float | None = None,
           close: bool = False, small_sndbuf: bool = False, first: bytes | None = None) -> Launched:
    """Start one of the student's functions on a socket that connects to a reference peer.

    The socket stays open after the function returns (unread bytes and all: the kernel counts them),
    unless `close`: then the harness closes it, and the peer reads until that FIN. A check with two
    calls launches both first, so that the second starts while the first is judged. `small_sndbuf`:
    the socket's send buffer and the peer's receive buffer are SMALL_SNDBUF, and each send() on it takes half
    of what it is given, so that a send() whose count is ignored loses bytes (`Peer.stall` then finds the code
    waiting on a full buffer)."""
    listener = run.listen(rcvbuf=SMALL_SNDBUF if small_sndbuf else None)
    host, port = listener.getsockname()
    spec = {"connect": [host, port], "timeout": timeout, "close": close}
    if small_sndbuf:
        # Each send() takes half of what it is given (GradedSocket.half_sends), as the kernel may: a send() whose
        # count is ignored loses bytes by construction. No kernel send timeout (SO_SNDTIMEO): with one, a blocking
        # sendmsg() or os.write() could fail with EAGAIN, which no blocking socket does (a trial's correct code).
        spec |= {"sndbuf": SMALL_SNDBUF, "half_sends": True}
    timeline = Timeline(peer_name or text.PEER_REFERENCE)
    if first is None:
        return Launched(run.call(LESSON, function, *args, sock=spec), listener, timeline)
    # Called a second time in its process: a first call first, on a connection of its own that gets `first` and
    # the peer's FIN (`fork_server.run_prelude`), served in full.
    before = run.listen()
    call = run.call(LESSON, function, *args, sock=spec,
                    prelude=[{"connect": list(before.getsockname()), "args": list(args), "timeout": timeout}])
    with before:
        # Its close not awaited (a copy the code leaks holds it open): closed once the second call is over.
        call.first_peer = Peer.accept(before, call, Timeline(text.PEER_REFERENCE), quiet=True)
        call.first_peer.send(first)
        call.first_peer.shutdown_write()
    timeline.note(text.TL_CALLED_AGAIN.format(name=f"{function}()"))
    return Launched(call, listener, timeline)


def start(run: Run, function: str, *args, **options) -> Session:
    """Start one of the student's functions on a socket connected to the reference peer."""
    return launch(run, function, *args, **options).session()


def _raised(call: StudentCall, kind: str) -> bool:
    return call.status == "raised" and call.result.error is not None and call.result.error.is_a(kind)


def _negative_recv(call: StudentCall) -> bool:
    """The function raised ValueError from recv() given a negative size ("negative buffersize in recv"): the
    exception's own words, which only choose the hint (the verdict is that it raised instead of returning)."""
    return _raised(call, "ValueError") and "negative buffersize" in call.result.error.message


def _did(call: StudentCall) -> str:
    """What the function did, in a few words, for messages: returned X / raised E: m."""
    if call.status == "returned":
        value = call.result.value
        shown = show(value.data) if isinstance(value.data, bytes) else (value.repr or preview(repr(value.data), 80))
        return text.DID_RETURN.format(name=f"{call.function}()", got=shown)
    if call.status == "raised":
        error = call.result.error
        return text.DID_RAISE.format(name=f"{call.function}()", type=error.type, message=error.message)
    return ""


def _drive(session: Session, steps) -> None:
    """Run the peer's steps; a student function that ends early is judged afterwards, not here."""
    try:
        steps()
    except CheckFailed:
        if session.call.timed_out or session.call.status not in ("returned", "raised"):
            raise
    session.call.wait()


# --------------------------------------------------------------------------- send_frame


def test_send_frame_sends_a_big_endian_length_then_the_payload(run: Run) -> None:
    """send_frame() sends a 4-byte big-endian length, then the payload.

    Then a payload of 0 bytes: its frame is the header 00 00 00 00 alone.
    """
    empty_call = launch(run, "send_frame", b"", timeout=SEND_TIMEOUT, close=True)
    try:
        s = start(run, "send_frame", PAYLOAD, timeout=SEND_TIMEOUT, close=True)
        with s.peer.sock:
            got = s.peer.read()  # until the harness closes the socket after send_frame() returns
            s.call.returned(s.timeline)
        if got == FRAME:
            s = empty_call.session()
    finally:
        empty_call.listener.close()
    if got == FRAME:
        with s.peer.sock:
            s.peer.expecting = text.EXPECTED_SEND_EMPTY
            got = s.peer.read()
            s.call.wait()
        if got == EMPTY_FRAME and s.call.status == "returned":
            return
        if s.call.status not in ("returned", "raised"):
            raise s.call.failure(s.timeline, text.EXPECTED_SEND_EMPTY)
        fail(text.SEND_EMPTY_WRONG.format(got=show(got), did=_did(s.call)), s.timeline)
    if got == struct.pack("<I", len(PAYLOAD)) + PAYLOAD or got == struct.pack("=I", len(PAYLOAD)) + PAYLOAD:
        fail(text.SEND_NATIVE_ORDER.format(got=show(got[:4]), want=show(HEADER), n=len(PAYLOAD)), s.timeline)
    if got == PAYLOAD:
        fail(text.SEND_NO_HEADER.format(n=len(PAYLOAD)), s.timeline)
    fail(text.SEND_FRAME_WRONG.format(got=show(got, 40), want=show(FRAME, 40), n=len(PAYLOAD)), s.timeline)


def test_send_frame_refuses_a_payload_over_max_frame(run: Run) -> None:
    """send_frame() sends a payload of MAX_FRAME bytes whole, and refuses one byte more (ValueError, nothing sent)."""
    exact_call = launch(run, "send_frame", b"\xab" * MAX_FRAME, timeout=SEND_TIMEOUT, close=True, small_sndbuf=True)
    big = b"\xab" * (MAX_FRAME + 1)
    big_call = launch(run, "send_frame", big, timeout=SEND_TIMEOUT, close=True)
    try:
        # A payload of exactly MAX_FRAME bytes is fine: it is sent whole, however little one send() takes
        # (the peer reads nothing until the student's code returned or waits on its full send buffer).
        s = exact_call.session()
        with s.peer.sock:
            s.peer.stall(STALL_SNDTIMEO * 3)
            got = s.peer.read()
            s.call.wait()
        want = struct.pack("!I", MAX_FRAME) + b"\xab" * MAX_FRAME
        if got != want:
            if s.call.status not in ("returned", "raised"):
                raise s.call.failure(s.timeline)
            if _raised(s.call, "TimeoutError"):  # its own timeout, out-waited by the stall: gave up on a slow peer
                error = s.call.result.error
                fail(text.SEND_GAVE_UP_ON_PAUSE.format(type=error.type, message=error.message, sent=len(got),
                                                       total=len(want)), s.timeline)
            if got[4:] == want[4:] and got[:4] in (struct.pack("<I", MAX_FRAME), struct.pack("=I", MAX_FRAME)):
                # The byte order the first check explains, not a refused payload: said in one line.
                fail(text.SEND_EXACT_MAX_NATIVE.format(max=MAX_FRAME, got=show(got[:4]), want=show(want[:4])), s.timeline)
            if s.peer.stall_gave_up is not None and want.startswith(got) and s.call.status == "returned":
                # its own timeout ran out while the peer paused its reading, and it returned quietly: a frame cut
                fail(text.SEND_GAVE_UP_QUIETLY.format(sent=len(got), total=len(want), held=s.peer.stall_gave_up),
                     s.timeline)
            if got and len(got) < len(want) and want.startswith(got) and s.call.status == "returned":
                fail(text.SEND_FRAME_PART.format(max=MAX_FRAME, sent=len(got), total=len(want)), s.timeline)
            if _raised(s.call, "ValueError") or not got:  # refused: the limit, and only then
                fail(text.SEND_EXACT_MAX_WRONG.format(max=MAX_FRAME, sent=len(got), total=len(want),
                                                      did=_did(s.call)), s.timeline)
            # Sent, but not as one frame: what the peer received, never the limit.
            wrong = text.SEND_EXACT_MAX_FRAME_WRONG.format(max=MAX_FRAME, total=len(want),
                                                           got=text.counted(text.BYTES, len(got)),
                                                           how=received_versus(want, got), did=_did(s.call))
            error = s.call.result.error if s.call.status == "raised" and s.call.result is not None else None
            own = text.hint_for_error(error) if error is not None and error.is_a("BlockingIOError") else ""
            fail(wrong + "\n" + own if own else wrong, s.timeline)  # how it came to raise that, where it is known
        s = big_call.session()
    finally:
        big_call.listener.close()
    with s.peer.sock:
        s.peer.expecting = text.EXPECTED_SEND_VALUEERROR
        got = s.peer.read()
        s.call.wait()
    if _raised(s.call, "ValueError") and not got:
        return
    if s.call.status not in ("returned", "raised"):
        raise s.call.failure(s.timeline, text.EXPECTED_SEND_VALUEERROR)
    sent = text.counted(text.BYTES, len(got))
    fail(text.SEND_OVER_MAX.format(size=len(big), max=MAX_FRAME, sent=sent, did=_did(s.call)), s.timeline)


# --------------------------------------------------------------------------- recv_frame


def test_recv_frame_collects_a_frame_sent_in_pieces(run: Run) -> None:
    """recv_frame() collects a frame split inside its header and a character.

    The header comes byte by byte, the payload in four pieces (`PIECES`), each sent once the code has read the one
    before; the last comes in the same send() as the next frame, which must stay unread in the socket. Judged: the
    returned value, and the bytes read and left (the kernel's counts); the exception's type is the code's own word,
    which only chooses the hint.
    """
    # FIN goes out only once every byte was read (the next frame's too), and only the function itself reads
    # (the socket stays unread after it returns). So an EOFError without FIN was invented.
    s = start(run, "recv_frame")
    fin = []
    sent = len(FRAME + NEXT_FRAME)

    def steps() -> None:
        if s.peer.send(FRAME + NEXT_FRAME, pieces=PIECES) and _wait_read(s, sent):
            fin.append(True)
            s.peer.shutdown_write()

    with s.peer.sock:
        _drive(s, steps)
        unread = _unread(s.peer, sent) if s.call.status == "returned" else None
        taken = _taken(s.peer)
    pieces = " + ".join(map(str, PIECES))
    if s.call.status == "returned" and s.call.result.value.data == PAYLOAD:
        returned_bytes(s.call, s.timeline)  # the payload, as bytes: a bytearray fails here as in every check
        if unread is None or unread == len(NEXT_FRAME):
            _expect_own_frame_again(run)
            return
        fail(text.PIECES_READ_PAST.format(total=len(FRAME), pieces=pieces, next=len(NEXT_FRAME), left=unread,
                                          hint=_read_ahead(s, text.PIECES_READ_PAST_HINT)), s.timeline)
    did = _did(s.call)
    if not did or (kind := s.call.result.error.type if s.call.status == "raised" else None) not in (
            None, "ValueError", "EOFError", "MemoryError", "OverflowError", "struct.error"):
        raise s.call.failure(s.timeline, text.EXPECTED_FRAME)  # a decode(), a typo: that exception, its line, its hint
    value = s.call.result.value.data if s.call.status == "returned" else None
    if _negative_recv(s.call):  # its own count of the bytes missing went below 0: that, not the byte order
        advice = text.NEGATIVE_RECV_SIZE_HINT
    elif kind == "EOFError" and not fin and taken is not None and taken < len(HEADER):
        # It had read part of the header only (the kernel's count): a short recv(4), or one retry, taken for EOF.
        advice = text.HEADER_ONE_RECV_HINT
    elif kind == "EOFError" and not fin:  # it ended with part of the frame unread, no FIN: a short recv() taken for EOF
        advice = text.PAYLOAD_ONE_RECV_HINT
    elif kind in ("ValueError", "EOFError", "MemoryError", "OverflowError"):
        advice = text.NATIVE_ORDER_HINT.format(n=len(PAYLOAD), little=struct.unpack("<I", HEADER)[0])
    elif kind == "struct.error" and taken is not None and taken > 4:  # more than the header taken: too many
        advice = text.HEADER_READ_TOO_MUCH_HINT.format(taken=taken)
    elif kind == "struct.error" or value in (b"", None):  # struct.error: unpack of 2 bytes
        advice = text.HEADER_ONE_RECV_HINT
    elif isinstance(value, bytes) and PAYLOAD.startswith(value):
        advice = text.PAYLOAD_ONE_RECV_HINT
    elif isinstance(value, bytes) and value.startswith(PAYLOAD):  # the payload, then bytes of the next frame
        advice = text.PAYLOAD_READ_PAST_HINT.format(n=len(PAYLOAD), extra=text.counted(text.BYTES, len(value) - len(PAYLOAD)))
    else:
        advice = text.FRAME_BYTES_HINT
    fail(text.FRAME_IN_PIECES.format(total=len(FRAME), n=len(PAYLOAD), pieces=pieces, next=len(NEXT_FRAME),
                                     did=did, hint=advice), s.timeline)


def _expect_own_frame_again(run: Run) -> None:
    """recv_frame() called a second time in its process returns that call's own frame: its first call got
    FRAME and the FIN, its second SECOND_FRAME and the FIN (a buffer kept between calls carries bytes over)."""
    __tracebackhide__ = True

    def talk() -> tuple[StudentCall, Timeline]:
        s = start(run, "recv_frame", first=FRAME, close=True)
        with s.peer.sock, s.call.first_peer.sock:
            s.peer.send(SECOND_FRAME)
            s.peer.shutdown_write()
            s.call.wait()
        return s.call, s.timeline

    call, timeline = run.once((LESSON, "recv_frame", "again"), talk)
    expect_same_again(call, returned_bytes(call, timeline), SECOND_PAYLOAD, PAYLOAD, text.DATA_WORD, timeline)


def test_recv_frame_leaves_the_next_frame_unread(run: Run) -> None:
    """recv_frame() never reads past the frame's last byte.

    First a frame and the next one in one send(); then a 0-length frame (its payload b""), its header sent
    3 + 1 bytes, the last byte in the same send() as the next frame.
    """
    empty_call = launch(run, "recv_frame")
    try:
        _leaves_the_next_frame(start(run, "recv_frame"))
        s = empty_call.session()
    finally:
        empty_call.listener.close()
    sent = len(EMPTY_FRAME + NEXT_FRAME)
    with s.peer.sock:
        s.peer.expecting = text.EXPECTED_EMPTY_FRAME
        _drive(s, lambda: s.peer.send(EMPTY_FRAME + NEXT_FRAME, pieces=EMPTY_PIECES) and _wait_read(s, sent)
               and s.peer.shutdown_write())
        unread = _unread(s.peer, sent) if s.call.status == "returned" else None
    value = s.call.result.value if s.call.status == "returned" else None
    empty = value is not None and value.type == "bytes" and value.data == b""
    if value is not None and value.data == b"" and value.type != "bytes":  # b"" as a bytearray: its type, as everywhere
        returned_bytes(s.call, s.timeline)
    if empty and unread in (None, len(NEXT_FRAME)):
        return
    did = _did(s.call)
    if not did:
        raise s.call.failure(s.timeline, text.EXPECTED_EMPTY_FRAME)
    if empty:  # the right value, but bytes of the next frame were taken out of the socket
        did = text.EMPTY_FRAME_LEFT.format(left=unread, want=len(NEXT_FRAME))
    # Bytes returned, or taken: read past the header. An exception or None: the 0-length frame not taken as one.
    read_past = empty or (value is not None and isinstance(value.data, bytes) and bool(value.data))
    advice = text.HEADER_READ_PAST_HINT if read_past else text.EMPTY_FRAME_HINT
    if _negative_recv(s.call):  # recv() given a negative size: its count of the missing bytes, not recv(0)
        advice = text.NEGATIVE_RECV_SIZE_HINT
    elif not read_past and s.peer.gave_up_after is not None:  # its own timeout ran out in the pause inside the header
        advice = text.FRAME_PAUSE_HINT
    fail(text.EMPTY_FRAME_WRONG.format(next=len(NEXT_FRAME), did=did, hint=advice), s.timeline)


def _leaves_the_next_frame(s: Session) -> None:
    """A frame and the next one, sent at once: recv_frame() returns the first and leaves the next unread."""
    with s.peer.sock:
        s.peer.send(FRAME + NEXT_FRAME)  # one segment: it all arrives at once
        s.peer.shutdown_write()
        s.call.wait()
        error = s.call.result.error if s.call.status == "raised" and s.call.result is not None else None
        if error is not None and error.is_a("EOFError"):  # a whole frame there, and it wanted more: its length
            fail(text.WHOLE_FRAME_THEN_EOF.format(frame=len(FRAME), header=HEADER.hex(" "), length=len(PAYLOAD),
                                                  native=int.from_bytes(HEADER, "little")), s.timeline)
        got = returned_bytes(s.call, s.timeline)
        if got != PAYLOAD and got.startswith(PAYLOAD):
            fail(text.RETURNED_PAST_FRAME.format(n=len(PAYLOAD), got=len(got)), s.timeline)
        expect_equal(s.call, got, PAYLOAD, text.FRAME_BYTES_HINT, s.timeline)
        unread = _unread(s.peer, len(FRAME + NEXT_FRAME))  # from the kernel: the bytes still in the student's socket
        if unread is not None and unread != len(NEXT_FRAME):
            fail(text.READ_PAST_FRAME.format(sent=len(FRAME + NEXT_FRAME), frame=len(FRAME), left=unread,
                                             want=len(NEXT_FRAME), hint=_read_ahead(s, text.READ_PAST_FRAME_HINT)),
                 s.timeline)


def test_recv_frame_returns_none_at_a_clean_eof(run: Run) -> None:
    """recv_frame() returns None when the peer closes between frames.

    Before its FIN the peer goes quiet until the kernel shows the code asleep with no timer of its own that could
    end the wait sooner (`deadlock.returned_in_silence`), and then, once, until its own longest timer up to
    deadlock.LONG_CAP has run out (`long`: a recv_frame() that takes 5 s of silence for the end returns in it, by
    construction; code that sets no timer pays nothing). The value returned is the function's own; the FIN's
    moment is the peer's."""
    s = start(run, "recv_frame")
    with s.peer.sock:
        s.peer.expecting = text.EXPECTED_NONE
        early = deadlock.returned_in_silence(s.call, long=True)  # a quiet peer before its FIN: a timeout is no EOF
        if not early:
            s.peer.shutdown_write()
        s.call.wait()
    did = _did(s.call)
    if early and did:
        s.timeline.note(text.TL_RETURNED_BEFORE_FIN)
        message = text.FRAME_SILENCE_IS_NOT_EOF.format(sent=text.NOTHING_SENT, did=did)
        if s.call.silence_timer is not None:  # a timer of 2 s or more of its own, out-waited: named as the cause
            message = message + "\n" + text.QUIET_PAST_TIMER.format(timer=f"{s.call.silence_timer:g}")
        fail(message, s.timeline)
    s.timeline.note(text.CLOSED_BETWEEN_FRAMES)
    if s.call.status == "returned" and s.call.result.value.type == "NoneType":
        return
    if not did:
        raise s.call.failure(s.timeline, text.EXPECTED_NONE)
    fail(text.NO_NONE_AT_EOF.format(did=did), s.timeline)


def test_recv_frame_raises_eoferror_when_a_frame_is_cut(run: Run) -> None:
    """recv_frame() raises EOFError when the peer closes inside a frame."""
    cases = [(launch(run, "recv_frame"), cut, where)
             for cut, where in ((2, text.CUT_IN_HEADER), (len(HEADER), text.CUT_AFTER_HEADER),
                                (len(HEADER) + 100, text.CUT_IN_PAYLOAD))]
    try:
        for launched, cut, where in cases:
            s = launched.session()
            early = False
            with s.peer.sock:
                s.peer.expecting = text.EXPECTED_EOFERROR_FRAME

                def steps(peer=s.peer, cut=cut, call=s.call) -> None:
                    nonlocal early
                    # Inside the payload, the peer goes quiet before its FIN: a timeout is no EOF.
                    if peer.send(FRAME[:cut]) and not (early := cut > len(HEADER) and deadlock.returned_in_silence(call)):
                        peer.shutdown_write()

                _drive(s, steps)
            did = _did(s.call)
            error = s.call.result.error if s.call.status == "raised" and s.call.result is not None else None
            if early and error is not None and not (error.is_a("EOFError") or error.is_a("OSError")):
                raise s.call.failure(s.timeline)  # an error of its own parsing (struct.error...), not a pause taken for EOF
            if early and did:
                s.timeline.note(text.TL_RETURNED_BEFORE_FIN)
                sent = text.SENT_OF_FRAME.format(sent=cut, total=len(FRAME))
                fail(text.FRAME_SILENCE_IS_NOT_EOF.format(sent=sent, did=did), s.timeline)
            s.timeline.note(where.format(sent=cut, total=len(FRAME)))
            if _raised(s.call, "EOFError"):
                continue
            if not did:
                raise s.call.failure(s.timeline, text.EXPECTED_EOFERROR_FRAME)
            fail(text.NO_EOFERROR_IN_FRAME.format(where=where.format(sent=cut, total=len(FRAME)), did=did),
                 s.timeline)
    finally:
        for launched, _, _ in cases:
            launched.listener.close()


def test_recv_frame_refuses_a_length_over_max_frame_before_reading_it(run: Run) -> None:
    """recv_frame() refuses a length over MAX_FRAME before reading it.

    Two such headers: MAX_FRAME + 1, and ff ff ff ff (the largest length, -1 if read as signed).
    """
    exact_call, huge_call, signed_call = launch(run, "recv_frame"), launch(run, "recv_frame"), launch(run, "recv_frame")
    try:
        # A frame of exactly MAX_FRAME bytes is fine.
        exact = bytes(range(256)) * (MAX_FRAME // 256)
        s = exact_call.session()
        with s.peer.sock:
            s.peer.send(struct.pack("!I", MAX_FRAME) + exact)
            s.peer.shutdown_write()
            s.call.wait()
            if (value := s.call.result.value if s.call.status == "returned" else None) and value.length and value.data is None:
                # Longer than a value the grader takes back whole: told by its length, not as a wrong type.
                fail(text.EXACT_MAX_TOO_LONG.format(max=MAX_FRAME, got=value.length, extra=value.length - MAX_FRAME,
                                                    hint=text.FRAME_BYTES_HINT), s.timeline)
            refused = _raised(s.call, "ValueError") and s.call.result.error.type == "ValueError"  # not a decode()
            with hint(text.EXACT_MAX_HINT.format(max=MAX_FRAME) if refused else ""):
                got = returned_bytes(s.call, s.timeline)
        if got != exact:
            little = struct.unpack("<I", struct.pack("!I", MAX_FRAME))[0]  # its header read in the wrong order
            if len(got) == little and exact.startswith(got):  # 00 10 00 00 read little-endian: 4096 bytes
                fail(text.EXACT_MAX_NATIVE.format(max=MAX_FRAME, got=len(got)), s.timeline)
            fail(text.EXACT_MAX_WRONG.format(max=MAX_FRAME, got=text.counted(text.BYTES, len(got))), s.timeline)
        # One byte more: ValueError, before reading any of the payload.
        _refuses_before_reading(huge_call.session(), MAX_FRAME + 1)
        # The largest length there is, ff ff ff ff: the same, read unsigned.
        _refuses_before_reading(signed_call.session(), SIGNED)
    finally:
        huge_call.listener.close()
        signed_call.listener.close()


def _buffered_files(run: Run, mode: str) -> bool:
    """The lesson's source makes a buffered file of a socket for reading ("r") or writing ("w"): a makefile()
    whose mode has that letter (reading is its default), without buffering=0. Read, not run: a hint's word only."""
    try:
        tree = ast.parse(run.source(LESSON) or b"")
    except (SyntaxError, ValueError):
        return False
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "makefile"):
            continue
        given = {keyword.arg: keyword.value for keyword in node.keywords}
        given.update(zip(("mode", "buffering"), node.args, strict=False))  # makefile(mode, buffering, ...)
        mode_given = given.get("mode")
        modes = mode_given.value if isinstance(mode_given, ast.Constant) and isinstance(mode_given.value, str) else "r"
        buffering = given.get("buffering")
        if mode in modes and not (isinstance(buffering, ast.Constant) and buffering.value == 0):
            return True
    return False


def _read_ahead(s: Session, hint):
    """The hint for a read past the frame's end: `hint` (of recv()), or where the code reads through a buffered file,
    that file's read-ahead (whatever it asked of the file, the file asked recv() for a whole buffer)."""
    return text.MAKEFILE_READ_AHEAD_HINT if _buffered_files(s.call.run, "r") else hint


def _refuses_before_reading(s: Session, huge: int) -> None:
    """A header announcing `huge` bytes, then a few of them and FIN: ValueError, none of them read."""
    with s.peer.sock:
        s.peer.expecting = text.EXPECTED_VALUEERROR
        _drive(s, lambda: (s.peer.send(struct.pack("!I", huge) + AFTER_HUGE), s.peer.shutdown_write()))
        unread = _unread(s.peer, 4 + len(AFTER_HUGE)) if s.call.status == "raised" else None
    s.timeline.note(text.SENT_HUGE.format(n=huge, sent=len(AFTER_HUGE)))
    if _raised(s.call, "ValueError"):
        if unread is None or unread >= len(AFTER_HUGE):  # the payload untouched (the header, peeked, may be there too)
            return
        fail(text.READ_BEFORE_CHECK.format(n=huge, read=text.counted(text.BYTES, len(AFTER_HUGE) - unread),
                                           hint=_read_ahead(s, text.READ_BEFORE_CHECK_HINT)), s.timeline)
    did = _did(s.call)
    if not did:
        raise s.call.failure(s.timeline, text.EXPECTED_VALUEERROR)
    if huge == SIGNED and s.call.status == "returned":  # -1 read signed: a loop for -1 bytes returns at once
        fail(text.SIGNED_LENGTH.format(n=huge, max=MAX_FRAME, sent=len(AFTER_HUGE), did=did), s.timeline)
    fail(text.TRUSTED_LENGTH.format(n=huge, max=MAX_FRAME, sent=len(AFTER_HUGE), did=did), s.timeline)


# --------------------------------------------------------------------------- serve_lines


def test_serve_lines_answers_each_line_at_once(run: Run) -> None:
    """serve_lines() answers each complete line at once, however lines are split.

    The client sends the pieces of `SCRIPT` one by one and waits (ANSWER_WAIT) for the replies to the lines each
    completes; a piece that completes none is sent on once the kernel shows it read (`_wait_read`). Among them: two
    lines and the start of a third in one segment, and a line's start kept in the buffer that is longer than the
    line after it (both come in the next segment). Judged: the replies, on the wire, and whether the code went back
    to sleep with a line unanswered (the kernel's, `_withholds`)."""
    s = start(run, "serve_lines", peer_name=text.PEER_CLIENT, small_sndbuf=True)
    pending = b""  # the start of a line sent but not complete yet
    sent = 0
    conversation = b""  # every byte the client sent so far
    with s.peer.sock:
        s.peer.expecting = text.EXPECTED_LINE_REPLY
        for piece, count in SCRIPT:
            kept = len(pending)  # bytes of a line begun before this piece: in the code's buffer already
            data = pending + piece
            lines = data.split(b"\n")
            pending = lines.pop()
            assert len(lines) == count
            want = b"".join(reversed_line(line + b"\n") for line in lines)
            sent += len(piece)
            conversation += piece
            if not s.peer.send(piece) or (not count and not _wait_read(s, sent)):
                # Its function ended (returned, raised, crashed) or hung while lines were still coming.
                s.call.wait()
                raise s.call.failure(s.timeline.copy(), text.EXPECTED_LINE_REPLY)
            if not count:
                continue
            if piece is LONG_LINE and _wait_read(s, sent):  # all of it read: the reply waits on a full buffer
                s.peer.stall(STALL_SNDTIMEO * 3)
            withheld: list = []
            got = _read_replies(s.peer, count, len(want), withheld if piece is not LONG_LINE else None)
            answered_at = time.monotonic()  # (the reading ends as the last reply's newline comes)
            if withheld and got == want:  # every line read, the code asleep with no reply on its way; answered later
                seen, replied = withheld[0]
                fail(text.LINE_WITHHELD.format(sent=show(piece), got=text.counted(text.REPLIES, replied),
                                               lines=text.counted(text.LINES, count),
                                               late=answered_at - seen), s.timeline)
            if got != want:
                if count == 1 and got and got == want[: len(want) // 2]:
                    # each send() takes half (GradedSocket.half_sends): a count ignored loses the rest of the reply
                    fail(text.REPLY_SENT_HALF.format(sent=show(piece), got=len(got), total=len(want)), s.timeline)
                _judge_line_reply(s, piece, lines, got, want, withheld, kept, conversation)
        s.peer.shutdown_write()
        s.call.wait()


def _unread(peer: Peer, sent: int, wait: float = 1.0) -> int | None:
    """Bytes of the `sent` the student's socket holds unread, once every one of them arrived.

    Asked of sock_diag (bytes received, receive queue): unlike the peer's own view (its bytes
    acknowledged), it need not wait for the student's kernel to send a delayed ACK.
    """
    end = time.monotonic() + wait
    try:
        while True:
            found = servers.diag_received(peer.remote, peer.local)
            if found is None:
                return None
            unread, received = found
            if received >= sent or time.monotonic() > end:
                break
            time.sleep(POLL)
    except OSError:
        return peer.unread_by_student()
    fin = received > sent  # our FIN arrived too: one more in the queue until the student reads it
    return unread - 1 if fin and unread else unread


def _taken(peer: Peer) -> int | None:
    """Bytes the student's code has read from its socket so far: received minus its receive queue, from the
    kernel (sock_diag), not from the student's process. None where that is unknown (no sock_diag, socket gone)."""
    try:
        found = servers.diag_received(peer.remote, peer.local)
    except OSError:
        return None
    if found is None:
        return None
    unread, received = found
    return received - unread


def _wait_read(s: Session, sent: int) -> bool:
    """Wait until all `sent` bytes arrived, the student's code read them and sleeps (Peer.wait_consumed, minus the ACK);
    or it looked at them without taking them (recv(MSG_PEEK) until a newline) and waits for more, asleep beside
    them, run, and asleep again with them untouched (Peer.looked_without_taking)."""
    read_at = None
    left = None
    while not s.call.finished and time.monotonic() < s.call.deadline:
        try:
            found = servers.diag_received(s.peer.remote, s.peer.local)
        except OSError:
            return s.peer.wait_consumed()
        if found is None:
            return False
        unread, received = found
        if received >= sent and unread == 0:
            read_at = read_at or time.monotonic()
            if kernel.sleeping(s.call.pid) or time.monotonic() - read_at > ASLEEP_WAIT:
                return True
        elif received >= sent and s.peer.looked_without_taking(unread, left):
            return True
        elif received >= sent and (left is None or left[0] != unread):
            left = s.peer.asleep_beside(unread)  # none yet, or it read some: look again from here
        select.select([s.call], [], [], POLL)
        s.call.pump()
    return False  # the student's function ended (or hung): the next read tells which


def _read_replies(peer: Peer, count: int, size: int, withheld: list | None = None) -> bytes:
    """The replies to `count` lines: read until that many newlines (or `size` bytes) came, or ANSWER_WAIT. With
    `withheld` (a list): once the code is seen asleep with every line read and no reply on its way (`_withholds`),
    (when, the replies received by then) is appended to it, and the reading goes on."""
    until = time.monotonic() + ANSWER_WAIT
    got = b""
    quickack = getattr(socket, "TCP_QUICKACK", None)  # Linux: ACK at once, so the server's Nagle never waits
    while got.count(b"\n") < count and len(got) < size:
        if quickack is not None:
            peer.sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)
        looking = withheld is not None and not withheld
        step = min(until, time.monotonic() + WITHHELD_LOOK) if looking else until
        more = peer.read(1, until=step)  # at least one byte, or b"" at the wait's end or the student's end
        if not more:
            if not looking or time.monotonic() >= until or peer.end or peer.call.finished:
                break
            if _withholds(peer):
                withheld.append((time.monotonic(), got.count(b"\n")))
            continue
        got += more
    return got


def _withholds(peer: Peer) -> bool:
    """Is the student's code asleep with every byte the client sent read, and no reply on its way (nothing in its
    socket's send queue, nothing in flight)? Two looks WITHHELD_LOOK apart, no thread run in between: it has
    gone back to waiting (for more data, or for a timer of its own) with a complete line unanswered."""
    if not kernel.AVAILABLE or kernel.unsent(peer.sock):
        return False
    row = kernel.connection(peer.remote, peer.local)
    if row is None or row.rx_queue or row.tx_queue:
        return False
    first = peer.asleep_beside(0)
    if first is None:
        return False
    time.sleep(WITHHELD_LOOK)
    row = kernel.connection(peer.remote, peer.local)
    return (row is not None and not row.rx_queue and not row.tx_queue and not select.select([peer.sock], [], [], 0)[0]
            and peer.asleep_beside(0) == first)


def _judge_line_reply(s: Session, piece: bytes, lines: list[bytes], got: bytes, want: bytes,
                      withheld: list | None = None, kept: int = 0, conversation: bytes = b"") -> None:
    """`conversation`: every byte the client sent so far (`piece` last)."""
    __tracebackhide__ = True
    sent = show(piece)
    # A piece that ends a line begun before says which line it completes; a line sent whole does not.
    complete = "" if piece == b"".join(line + b"\n" for line in lines) else text.COMPLETES_LINES.format(
        lines=text.LIST_SEPARATOR.join(show(line + b"\n", 40).rsplit(" (", 1)[0] for line in lines))
    if got and not got.strip(b"\n") and len(got) < len(want) and not want.startswith(got):
        # Newlines alone so far (the reading stops at a reply's b"\n"): the rest of the reply's length tells a line
        # reversed with its b"\n" first (the line follows) from empty replies without end (more b"\n"). Read up to
        # that length, ANSWER_WAIT at most: what the wire holds, not what came first (the two were told apart by
        # how the first segment was cut).
        got += s.peer.read(len(want) - len(got), until=time.monotonic() + ANSWER_WAIT)
    if len(got) >= len(want) or (got and not want.startswith(got)):  # a reply came, and it is wrong
        # A line answered without its start (b"ee\n" for b"three\n"): bytes after a newline were lost.
        cut_short = got.endswith(b"\n") and len(got) < len(want) and want.startswith(got[:-1])
        # The start of a line answered as if it were a line: replies to what one recv() returned (no buffer).
        start = got[:got.index(b"\n")][::-1] if b"\n" in got else b""  # its first reply (more may follow it)
        piece_answered = bool(start) and lines[0].startswith(start) and len(start) < len(lines[0])
        # The whole line reversed, its b"\n" too: b"\ncba" for b"abc\n" (the newline first, nothing lost).
        flipped = b"".join((line + b"\n")[::-1] for line in lines)
        # Each line stripped of its b"\r" or trailing whitespace before it was reversed.
        stripped = {b"".join(reversed_line(line.rstrip(chars) + b"\n") for line in lines) for chars in (b"\r", None)}
        if got.startswith(b"\n") and got[:len(flipped)] == flipped[:len(got)]:
            advice = text.NEWLINE_REVERSED_HINT
        elif got in stripped - {want}:
            advice = text.LINE_STRIPPED_HINT
        elif start and start not in lines and start in {part for line in lines for keep in (False, True)
                                                        for part in line.splitlines(keepends=keep)}:
            advice = text.CR_SPLIT_HINT  # a line cut at a lone b"\r" too (splitlines()), answered in parts
        elif piece_answered:
            advice = text.PIECE_ANSWERED_HINT.format(part=show(start, 40).rsplit(" (", 1)[0])
        elif empty := _empty_replies(conversation or piece, bytes(s.peer.received)):
            # the lines answered right, then empty replies (b"\n" alone) that no line asked for, in this piece's
            # replies or after an earlier piece's (how the segments were cut decides which)
            advice = empty
        else:
            advice = text.LOST_AFTER_NEWLINE_HINT if cut_short else text.REVERSE_HINT
        fail(text.WRONG_LINE_REPLY.format(sent=sent, complete=complete, got=show(got), want=show(want), hint=advice),
             s.timeline)
    call = s.call
    if s.peer.end is not None:  # the student's side closed or reset: its function is ending, or has ended
        call.wait()
    call.pump()
    if call.finished:
        raise call.failure(s.timeline, text.EXPECTED_LINE_REPLY)
    if withheld and not got and len(lines) == 1:  # one line, no reply at all (several: bytes after a newline lost)
        _expect_not_skipped(s, piece, complete, want)
    call.hang()  # it waits for something that will never come: take its stack
    s.timeline.note(text.TIMELINE_NO_REPLY.format(wait=ANSWER_WAIT))
    advice = text.LOST_AFTER_NEWLINE_HINT if got else text.WAITS_FOR_MORE_HINT
    if len(lines) > 1 and got == reversed_line(lines[0] + b"\n") and kept > len(lines[1]):
        # The first line answered, the next one (shorter than the `kept` bytes the buffer held before this piece) not:
        # a search for b"\n" from where the new bytes began, that offset not moved when the first line was cut off.
        advice = text.STALE_OFFSET_HINT.format(kept=text.counted(text.BYTES, kept), line=show(lines[1] + b"\n", 40).rsplit(" (", 1)[0])
    elif got and b"\n" not in got and got == want.replace(b"\n", b""):  # every reply right, without its b"\n"
        advice = text.REPLY_NEWLINE_HINT
    elif not got and _buffered_files(s.call.run, "w") and b".flush(" not in (s.call.run.source(LESSON) or b""):
        advice = text.MAKEFILE_NOT_FLUSHED_HINT  # its replies written into a file's buffer, never flushed (read only)
    lines_out = [text.NO_LINE_REPLY.format(sent=sent, complete=complete, got=show(got), want=show(want),
                                           wait=ANSWER_WAIT, hint=advice)]
    if call.stuck_at:
        lines_out += [text.STUCK_AT, *call.stuck_at]
    raise CheckFailed("\n".join(lines_out), "failed", s.timeline.render(), template="NO_LINE_REPLY",
                      templates=lines_out[0].keys)


def _empty_replies(sent: bytes, received: bytes) -> str | None:
    """The wire's replies are the right ones to the first lines `sent`, then empty ones (b"\n" alone), more replies
    than lines: the b"\n" of a line answered stays in the buffer, found again at once (del buf[:i], not
    del buf[:i + 1]). EMPTY_REPLIES_HINT with the wire's counts; None for any other replies."""
    lines = sent.split(b"\n")[:-1]
    replies = received.split(b"\n")
    if replies.pop():  # a reply begun and not ended
        return None
    right = 0
    while right < min(len(lines), len(replies)) and replies[right] == lines[right][::-1]:
        right += 1
    if not right or len(replies) <= len(lines) or any(replies[right:]):
        return None
    return text.EMPTY_REPLIES_HINT.format(lines=text.counted(text.LINES, len(lines)),
                                          extra=text.counted(text.REPLIES, len(replies) - right))


def _stopped_in_empty_replies(s: Session, failure: CheckFailed, sent: bytes) -> CheckFailed:
    """A call stopped at its limit (SLOW, HUNG) while the replies on the wire were the right ones, then empty ones
    without end (`_empty_replies`): its hint is that loop's (the line loop that finds the same b"\n" again), not a
    send loop's count of bytes (SLOW_SEND: it was stopped inside sendall(), sending an empty reply)."""
    hint = _empty_replies(sent, bytes(s.peer.received))
    if hint is None or failure.outcome not in ("slow", "timeout"):
        return failure
    said = failure.message
    if failure.outcome == "slow":
        for slow in (text.SLOW_SEND, text.SLOW):
            head = slow.format(name="serve_lines()", limit=s.call.limit, cpu=s.call.cpu_used or 0.0)
            if said.startswith(head):
                said = text.SLOW_EMPTY_REPLIES.format(name="serve_lines()", limit=s.call.limit,
                                                      cpu=s.call.cpu_used or 0.0, hint=hint) + said[len(head):]
                break
        else:
            return failure
        kept = tuple(key for key in failure.templates if key not in ("SLOW_SEND", "SLOW"))
        return CheckFailed(said, failure.outcome, failure.timeline, "SLOW_EMPTY_REPLIES",
                           ("SLOW_EMPTY_REPLIES", *getattr(hint, "keys", ()), *kept))
    first, _, rest = said.partition("\n")  # HUNG: asleep in sendall(), the client no longer reading
    return CheckFailed(first + "\n  " + hint + ("\n" + rest if rest else ""), failure.outcome, failure.timeline,
                       failure.template, (*failure.templates, *getattr(hint, "keys", ())))


def _expect_not_skipped(s: Session, piece: bytes, complete: str, want: bytes) -> None:
    """A line unanswered while the code, every byte read, sleeps with no reply on its way (`_withholds`, the
    kernel's): the client sends one more line. Its reply alone coming back (and not the one missing) is a line
    read and skipped: the wire's. Anything else (no reply, or the missing one first) goes on as a line unanswered."""
    __tracebackhide__ = True
    if not s.peer.send(SKIP_PROBE):
        return
    after = _read_replies(s.peer, 1, len(reversed_line(SKIP_PROBE)))
    if after == reversed_line(SKIP_PROBE):
        fail(text.LINE_SKIPPED.format(sent=show(piece), complete=complete, want=show(want), next=show(SKIP_PROBE),
                                      reply=show(after)), s.timeline)


def test_serve_lines_returns_the_count_at_eof(run: Run) -> None:
    """serve_lines() drops a last line without b\"\\n\" and returns the count at EOF.

    The count is of lines answered, not of recv() calls: two lines and the start of a third come in one segment,
    the third's end and one more line in the next, each segment read whole before the next is sent (by
    construction: `COUNT_FIRST`). The returned number is the function's own; the replies are the wire's.
    """
    pieces = COUNT_FIRST + LAST_LINES
    want = b"".join(reversed_line(line + b"\n") for line in pieces.split(b"\n")[:-1])
    assert want.count(b"\n") == COUNT_LINES and want.startswith(FIRST_REPLIES)
    s = start(run, "serve_lines", peer_name=text.PEER_CLIENT)
    with s.peer.sock:
        s.peer.expecting = text.EXPECTED_COUNT
        early = False

        def steps() -> None:
            nonlocal early
            # The first segment read whole (and its two replies awaited) before the second goes: no recv() has both.
            if not (s.peer.send(COUNT_FIRST) and _wait_read(s, len(COUNT_FIRST))):
                return
            _read_replies(s.peer, FIRST_REPLIES.count(b"\n"), len(FIRST_REPLIES))
            # The client goes quiet before its FIN: a timeout is no EOF.
            if s.peer.send(LAST_LINES) and not (early := deadlock.returned_in_silence(s.call, replies_unread=True)):
                s.peer.take_arrived()  # replies that came in the silence are drawn before the FIN, where they came
                s.peer.shutdown_write()
                s.peer.read(len(want) - len(s.peer.received))

        try:
            _drive(s, steps)
        except CheckFailed as failure:  # stopped while the client read: sending empty replies?
            raise _stopped_in_empty_replies(s, failure, pieces) from None
        s.call.wait()
        if s.call.status == "returned":  # what it sent before returning is all here: a reply to the tail too
            s.peer.read()
        got = bytes(s.peer.received)
        # The harness keeps the socket open after the call: held by no process now, the student closed it.
        mine = kernel.connection(s.peer.remote, s.peer.local) if kernel.AVAILABLE else False
    sent = text.COUNT_SENT.format(first=show(COUNT_FIRST), second=show(LAST_LINES))
    right = s.call.status == "returned" and s.call.result.value.repr == str(COUNT_LINES)
    if early and s.call.status == "returned":
        s.timeline.note(text.TL_RETURNED_BEFORE_FIN)
        fail(text.SILENCE_IS_NOT_EOF.format(name="serve_lines()", sent=len(pieces)), s.timeline)
    if right and got == want:
        if mine is None or (mine and mine.inode == 0):
            fail(text.CLOSED_THE_SOCKET, s.timeline)
        _expect_own_count_again(run)
        if not kernel.AVAILABLE:  # the process's own word can only admit a close; the kernel alone shows none
            if s.call.result.given_closed:
                fail(text.CLOSED_THE_SOCKET, s.timeline)
            not_judged(s.timeline, text.NOT_JUDGED_GIVEN)
        return
    if s.call.status not in ("returned", "raised") or (s.call.status == "raised" and s.call.result.error.is_a_bug()):
        # A typo (NameError, ...) is that exception with its line: the same story as in the check before.
        raise _stopped_in_empty_replies(s, s.call.failure(s.timeline, text.EXPECTED_COUNT), pieces)
    flipped = b"".join((line + b"\n")[::-1] for line in pieces.split(b"\n")[:-1])  # each b"\n" first
    if right and got == flipped:
        fail(text.NEWLINE_FIRST_AT_EOF.format(sent=sent, got=show(got), want=show(want), count=COUNT_LINES,
                                              hint=text.NEWLINE_REVERSED_HINT), s.timeline)
    if right:  # the count is right: the replies are not
        fail(text.WRONG_REPLY_AT_EOF.format(sent=sent, got=show(got), want=show(want), count=COUNT_LINES), s.timeline)
    if got == want:  # the replies are right: only the count is wrong
        fail(text.WRONG_COUNT_RIGHT_REPLY.format(sent=sent, did=_did(s.call), count=COUNT_LINES), s.timeline)
    fail(text.WRONG_COUNT_AT_EOF.format(sent=sent, got=show(got), want=show(want), did=_did(s.call),
                                        count=COUNT_LINES), s.timeline)


def _expect_own_count_again(run: Run) -> None:
    """serve_lines() called a second time in its process returns that call's own count: its first call got
    COUNT_FIRST_CALL's lines and the FIN, its second SECOND_LINES and the FIN (a count kept at module level, or
    in a mutable default, adds the first call's lines)."""
    __tracebackhide__ = True
    first_lines, lines = COUNT_FIRST_CALL.count(b"\n"), SECOND_LINES.count(b"\n")

    def talk() -> tuple[StudentCall, Timeline]:
        s = start(run, "serve_lines", peer_name=text.PEER_CLIENT, first=COUNT_FIRST_CALL, close=True)
        with s.peer.sock, s.call.first_peer.sock:
            s.peer.send(SECOND_LINES)
            s.peer.shutdown_write()
            s.call.wait()
        return s.call, s.timeline

    call, timeline = run.once((LESSON, "serve_lines", "again"), talk)
    report = call.returned(timeline, text.EXPECTED_COUNT)
    if report.value.repr == str(lines):
        return
    carried = text.SECOND_CALL_COUNTED.format(first=first_lines) if report.value.repr == str(
        first_lines + lines) else ""
    fail(text.SECOND_CALL_WRONG.format(name="serve_lines()", got=report.value.repr or "?", want=lines,
                                       carried=carried), timeline)


def test_serve_lines_lets_a_reset_propagate(run: Run) -> None:
    """serve_lines() lets a reset (ConnectionResetError) propagate."""
    s = start(run, "serve_lines", peer_name=text.PEER_CLIENT)
    with s.peer.sock:
        s.peer.expecting = text.EXPECTED_RESET_RAISED
        if s.peer.send(HALF_LINE) and _wait_read(s, len(HALF_LINE)):
            s.peer.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.timeline.peer(text.TL_RESET_SENT)
    s.call.wait()
    if _raised(s.call, "ConnectionResetError"):
        return
    did = _did(s.call)
    if not did:
        raise s.call.failure(s.timeline, text.EXPECTED_RESET_RAISED)
    fail(text.RESET_SWALLOWED.format(did=did), s.timeline)
