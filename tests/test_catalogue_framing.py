"""Lesson framing: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "framing"

SEND = "test_send_frame_sends_a_big_endian_length_then_the_payload"
SEND_MAX = "test_send_frame_refuses_a_payload_over_max_frame"
PIECES = "test_recv_frame_collects_a_frame_sent_in_pieces"
NEXT = "test_recv_frame_leaves_the_next_frame_unread"
NONE = "test_recv_frame_returns_none_at_a_clean_eof"
CUT = "test_recv_frame_raises_eoferror_when_a_frame_is_cut"
HUGE = "test_recv_frame_refuses_a_length_over_max_frame_before_reading_it"
LINES = "test_serve_lines_answers_each_line_at_once"
COUNT = "test_serve_lines_returns_the_count_at_eof"
RESET = "test_serve_lines_lets_a_reset_propagate"


BUGS = [
    # buffered files made by makefile(): a read-ahead past the frame, replies never flushed (a trial's, both)
    Bug(LESSON, "recv_frame_through_a_buffered_file", NEXT, "READ_PAST_FRAME+MAKEFILE_READ_AHEAD_HINT"),
    # ...its two other checks: the file's hint instead of recv()'s ("not for the whole length again", "check the
    # length ... before any recv()": it did; the file read ahead), test_a_read_ahead_is_hinted_as_the_files below
    Bug(LESSON, "recv_frame_through_a_buffered_file", PIECES, "PIECES_READ_PAST+MAKEFILE_READ_AHEAD_HINT"),
    Bug(LESSON, "recv_frame_through_a_buffered_file", HUGE, "READ_BEFORE_CHECK+MAKEFILE_READ_AHEAD_HINT"),
    Bug(LESSON, "serve_lines_writes_to_a_file_never_flushed", LINES, "NO_LINE_REPLY+MAKEFILE_NOT_FLUSHED_HINT"),
    Bug(LESSON, "serve_lines_splitlines", LINES, "WRONG_LINE_REPLY+CR_SPLIT_HINT"),  # cut at b"\r" too (a trial's)
    # The newline searched for from where the new chunk began, that offset kept after a line is cut off the buffer
    # (an independent trial's): a leftover longer than the next line hides that line. It passed every check before.
    Bug(LESSON, "serve_lines_search_offset_kept", LINES, "NO_LINE_REPLY+STALE_OFFSET_HINT"),
    Bug(LESSON, "serve_lines_splitlines_keepends", LINES, "WRONG_LINE_REPLY+CR_SPLIT_HINT"),  # keepends=True too
    # A timeout taken for the end of a frame, inside its header or payload (the peer pauses mid-frame until the
    # code's short timers have had their chance). It passed the pieces check before.
    Bug(LESSON, "recv_frame_timeout_as_end", PIECES, "FRAME_IN_PIECES+PEER_PAUSED_GAVE_UP", linux_only=True),
    # ...the same in the 0-length frame's header pause: its hint is the pause's, not the empty frame's (a trial's)
    Bug(LESSON, "recv_frame_timeout_as_end", NEXT, "EMPTY_FRAME_WRONG+FRAME_PAUSE_HINT", linux_only=True),
    # 5 s of silence before a header taken for the clean end (returns None; an independent trial's): past
    # LONG_TIMEOUT, out-waited once by the quiet peer's long hold (deadlock.hold_past_long_timer), which names the
    # timer. It passed every check before.
    Bug(LESSON, "recv_frame_five_seconds_of_silence_as_none", NONE, "FRAME_SILENCE_IS_NOT_EOF+QUIET_PAST_TIMER",
        linux_only=True),
    # reading the length prefix with one recv
    # Kept between calls: a second call in the same process (a payload in a mutable default; a module-level count)
    Bug(LESSON, "recv_frame_payload_in_a_default", PIECES, "SECOND_CALL_WRONG+SECOND_CALL_CARRIED"),
    Bug(LESSON, "serve_lines_counts_in_a_global", COUNT, "SECOND_CALL_WRONG+SECOND_CALL_COUNTED"),
    Bug(LESSON, "recv_frame_header_one_recv", PIECES, "FRAME_IN_PIECES+HEADER_ONE_RECV_HINT"),
    # ...and a short header raised as EOFError by the code itself: the header's first half, not the payload's
    Bug(LESSON, "recv_frame_header_one_recv_short_eoferror", PIECES, "FRAME_IN_PIECES+HEADER_ONE_RECV_HINT"),
    # The header loop subtracts what it has in all (need -= len(header)), not the new chunk: recv() is then given a
    # negative size and raises ValueError (an independent trial's): hinted as that count, not as the byte order
    Bug(LESSON, "recv_frame_header_count_wrong_variable", PIECES, "FRAME_IN_PIECES+NEGATIVE_RECV_SIZE_HINT"),
    Bug(LESSON, "recv_frame_header_count_wrong_variable", NEXT, "EMPTY_FRAME_WRONG+NEGATIVE_RECV_SIZE_HINT"),
    Bug(LESSON, "recv_frame_payload_one_recv", PIECES, "FRAME_IN_PIECES+PAYLOAD_ONE_RECV_HINT"),
    # Independent trials' (trials13), both passing while the peer split a header only in two and a payload in three:
    # the header read by one recv(4) and ONE retry; the header comes byte by byte now (1 + 1 + 1 + 1)
    Bug(LESSON, "recv_frame_header_one_retry", PIECES, "FRAME_IN_PIECES+HEADER_ONE_RECV_HINT", linux_only=True),
    # ...an exact-read loop asking for n - len(last chunk), not n - len(buf): the header's last byte comes with the
    # payload's start, so its header read takes 6 bytes (the kernel's count)
    Bug(LESSON, "recv_frame_asks_from_the_last_chunk", PIECES, "FRAME_IN_PIECES+HEADER_READ_TOO_MUCH_HINT",
        linux_only=True),
    # ...the same in the payload's loop alone: the payload in four pieces, the next frame behind the last, returned
    Bug(LESSON, "recv_frame_payload_asks_from_the_last_chunk", PIECES, "FRAME_IN_PIECES+PAYLOAD_READ_PAST_HINT"),
    # native byte order
    Bug(LESSON, "recv_frame_native_order", PIECES, "FRAME_IN_PIECES+NATIVE_ORDER_HINT"),
    # a copy of the given socket (os.dup() of its descriptor) dropped unclosed: judged after every check
    Bug(LESSON, "recv_frame_dup_never_closed", PIECES, "SOCKET_NOT_CLOSED+SOCKET_GC"),
    # ...and a frame of exactly MAX_FRAME (00 10 00 00) read as 4096 bytes: the byte order, not the loop
    Bug(LESSON, "recv_frame_native_order", HUGE, "EXACT_MAX_NATIVE"),
    Bug(LESSON, "recv_frame_native_order_no_max", NEXT, "WHOLE_FRAME_THEN_EOF"),  # a trial's: EOFError, no hint
    # pathological: the wrong length trusted with memory (560 MiB zero-filled; a MemoryError under a limit)
    Bug(LESSON, "recv_frame_allocates_the_length", PIECES, "FRAME_IN_PIECES+NATIVE_ORDER_HINT"),
    Bug(LESSON, "send_frame_native_order", SEND, "SEND_NATIVE_ORDER"),
    # ...and the frame of exactly MAX_FRAME bytes: the same byte order, not a refused payload
    Bug(LESSON, "send_frame_native_order", SEND_MAX, "SEND_EXACT_MAX_NATIVE"),
    # a frame of MAX_FRAME bytes returned with its header: too long to be shown, told by its length
    Bug(LESSON, "recv_frame_returns_the_header_too", HUGE, "EXACT_MAX_TOO_LONG"),
    # decode(): its UnicodeDecodeError, line and hint, not "recv(4) may return 1, 2 or 3 bytes"
    Bug(LESSON, "recv_frame_decodes_the_payload", PIECES, "RAISED"),
    Bug(LESSON, "send_frame_no_header", SEND, "SEND_NO_HEADER"),
    Bug(LESSON, "send_frame_two_byte_header", SEND, "SEND_FRAME_WRONG"),
    Bug(LESSON, "send_frame_no_size_check", SEND_MAX, "SEND_OVER_MAX"),
    Bug(LESSON, "send_frame_header_before_check", SEND_MAX, "SEND_OVER_MAX"),
    Bug(LESSON, "send_frame_refuses_exactly_max", SEND_MAX, "SEND_EXACT_MAX_WRONG"),
    # a bytearray returned where the contract says bytes: the same RETURN_TYPE in every check that judges the value
    Bug(LESSON, "recv_frame_returns_a_bytearray", PIECES, "RETURN_TYPE+RETURN_TYPE_BYTEARRAY_HINT"),
    Bug(LESSON, "recv_frame_returns_a_bytearray", NEXT, "RETURN_TYPE+RETURN_TYPE_BYTEARRAY_HINT"),
    Bug(LESSON, "recv_frame_returns_a_bytearray", HUGE, "RETURN_TYPE+RETURN_TYPE_BYTEARRAY_HINT"),
    # a wrong frame, not a refused payload: the MAX_FRAME check tells what the peer received, never the limit
    Bug(LESSON, "send_frame_header_counts_itself", SEND, "SEND_FRAME_WRONG"),
    Bug(LESSON, "send_frame_header_counts_itself", SEND_MAX, "SEND_EXACT_MAX_FRAME_WRONG"),
    Bug(LESSON, "send_frame_payload_twice", SEND_MAX, "SEND_EXACT_MAX_FRAME_WRONG"),
    Bug(LESSON, "send_frame_header_after_payload", SEND_MAX, "SEND_EXACT_MAX_FRAME_WRONG"),
    # reading past a frame
    Bug(LESSON, "recv_frame_reads_past_the_frame", NEXT, "READ_PAST_FRAME+READ_PAST_FRAME_HINT"),
    Bug(LESSON, "recv_frame_returns_what_follows", NEXT, "RETURNED_PAST_FRAME"),
    # trusting a huge length
    Bug(LESSON, "recv_frame_trusts_the_length", HUGE, "TRUSTED_LENGTH"),
    Bug(LESSON, "recv_frame_checks_after_reading", HUGE, "READ_BEFORE_CHECK+READ_BEFORE_CHECK_HINT"),
    Bug(LESSON, "recv_frame_reads_at_most_64_kib", HUGE, "EXACT_MAX_WRONG"),
    # no None at a clean EOF (and its mirror: None for a frame cut short)
    Bug(LESSON, "recv_frame_no_none_at_eof", NONE, "NO_NONE_AT_EOF"),
    Bug(LESSON, "recv_frame_none_inside_a_frame", CUT, "NO_EOFERROR_IN_FRAME"),
    Bug(LESSON, "recv_frame_empty_payload_at_eof", CUT, "NO_EOFERROR_IN_FRAME+CUT_AFTER_HEADER"),
    # waiting for more data before answering a complete line
    Bug(LESSON, "serve_lines_waits_for_eof", LINES, "NO_LINE_REPLY+WAITS_FOR_MORE_HINT"),
    # losing the bytes after a newline
    Bug(LESSON, "serve_lines_first_line_only", LINES, "NO_LINE_REPLY+LOST_AFTER_NEWLINE_HINT"),
    Bug(LESSON, "serve_lines_never_answers_an_empty_line", LINES, "NO_LINE_REPLY"),
    # Lines of blanks skipped (`if not line.strip(): continue`, an independent trial's): the empty line is read and
    # never answered, the next line is: told as a line skipped, not as waiting for more data
    Bug(LESSON, "serve_lines_skips_blank_lines", LINES, "LINE_SKIPPED", linux_only=True),
    Bug(LESSON, "serve_lines_drops_the_tail", LINES, "WRONG_LINE_REPLY+LOST_AFTER_NEWLINE_HINT"),
    Bug(LESSON, "serve_lines_without_a_buffer", LINES, "WRONG_LINE_REPLY+PIECE_ANSWERED_HINT"),
    Bug(LESSON, "serve_lines_answers_partial_at_eof", COUNT, "WRONG_COUNT_AT_EOF"),
    Bug(LESSON, "serve_lines_closes_its_socket", COUNT, "CLOSED_THE_SOCKET"),
    # ...and the same reply with the right count: the replies are what is wrong, not the count
    Bug(LESSON, "serve_lines_replies_to_the_tail_at_eof", COUNT, "WRONG_REPLY_AT_EOF"),
    Bug(LESSON, "serve_lines_swallows_reset", RESET, "RESET_SWALLOWED"),
    # the line reversed with its b"\n": the newline goes first; not a matter of buffering or decoding
    Bug(LESSON, "serve_lines_reverses_the_newline", LINES, "WRONG_LINE_REPLY+NEWLINE_REVERSED_HINT"),
    Bug(LESSON, "serve_lines_reverses_the_newline", COUNT, "NEWLINE_FIRST_AT_EOF"),
    # a reply without its b"\n": the client waits for the end of the reply; a hint about that, not about buffers
    Bug(LESSON, "serve_lines_reply_without_newline", LINES, "NO_LINE_REPLY+REPLY_NEWLINE_HINT"),
    # the reply right, the count wrong: said once, not "received X (expected X)"
    Bug(LESSON, "serve_lines_counts_one_more", COUNT, "WRONG_COUNT_RIGHT_REPLY"),
    # Counts that are not one per line answered (the first an independent trial's, which passed every check): the
    # count is judged after two lines and the start of a third in one segment, the third's end in the next
    Bug(LESSON, "serve_lines_counts_per_recv", COUNT, "WRONG_COUNT_RIGHT_REPLY"),
    Bug(LESSON, "serve_lines_counts_per_segment", COUNT, "WRONG_COUNT_RIGHT_REPLY"),
    Bug(LESSON, "serve_lines_counts_whole_segment_lines", COUNT, "WRONG_COUNT_RIGHT_REPLY"),
    # a typo: its NameError and line in each check, not "it received b'' ... where it must return 1"
    Bug(LESSON, "serve_lines_typo_in_a_name", COUNT, "RAISED"),
    # an independent trial (issue 14): the payload's last piece comes with the next frame, in one send()
    Bug(LESSON, "recv_frame_payload_recv_length_each_time", PIECES, "PIECES_READ_PAST+PIECES_READ_PAST_HINT"),
    # ...a 0-length frame whose header's last byte comes with the next frame: recv(4) each time reads past it
    Bug(LESSON, "recv_frame_header_recv4_each_time", NEXT, "EMPTY_FRAME_WRONG+HEADER_READ_PAST_HINT"),
    # ...the same loop dropping what it read past the header: b"" returned, the next frame cut
    Bug(LESSON, "recv_frame_header_recv4_drops_the_rest", NEXT, "EMPTY_FRAME_WRONG+EMPTY_FRAME_LEFT"),
    Bug(LESSON, "recv_frame_empty_frame_eoferror", NEXT, "EMPTY_FRAME_WRONG+EMPTY_FRAME_HINT"),
    Bug(LESSON, "recv_frame_empty_frame_none", NEXT, "EMPTY_FRAME_WRONG+EMPTY_FRAME_HINT"),
    # a header ff ff ff ff unpacked signed: -1 passes a test against MAX_FRAME
    Bug(LESSON, "recv_frame_signed_length", HUGE, "SIGNED_LENGTH"),
    Bug(LESSON, "send_frame_refuses_empty", SEND, "SEND_EMPTY_WRONG"),
    # a line is every byte up to b"\n": its b"\r" and trailing spaces too
    Bug(LESSON, "serve_lines_strips_cr", LINES, "WRONG_LINE_REPLY+LINE_STRIPPED_HINT"),
    Bug(LESSON, "serve_lines_strips_trailing_whitespace", LINES, "WRONG_LINE_REPLY+LINE_STRIPPED_HINT"),
    # send() called once, its count ignored: a frame or reply bigger than the send buffer goes out in part
    Bug(LESSON, "send_frame_send_unchecked", SEND_MAX, "SEND_FRAME_PART"),
    # Its own short timeout in send_frame(): the peer's pause out-waits every timer of the code's shorter than 2 s
    # (deadlock.hold_past_timers in Peer.stall), so it gives up mid-frame, by construction (a trial's).
    Bug(LESSON, "send_frame_with_a_short_timeout", SEND_MAX, "SEND_GAVE_UP_ON_PAUSE", linux_only=True),
    # ...and the same timeout swallowed: it returns, the frame cut (a trial's: told as a partial send() before)
    Bug(LESSON, "send_frame_swallows_its_own_timeout", SEND_MAX, "SEND_GAVE_UP_QUIETLY+PEER_STALL_GAVE_UP",
        linux_only=True),
    # os.write() on the fileno() of a socket with a timeout: EAGAIN once the buffer is full (a trial's)
    Bug(LESSON, "send_frame_os_write_on_a_timeout_socket", SEND_MAX, "SEND_EXACT_MAX_FRAME_WRONG+OS_WRITE_HINT"),
    # The header read with a big recv(): more than 4 bytes taken, then struct.error: told as too many bytes taken
    # (the kernel's count), not "recv(4) may return 1, 2 or 3 bytes" (a trial's).
    Bug(LESSON, "header_read_takes_too_much", PIECES, "FRAME_IN_PIECES+HEADER_READ_TOO_MUCH_HINT", linux_only=True),
    Bug(LESSON, "serve_lines_send_unchecked", LINES, "REPLY_SENT_HALF"),
    # A complete line kept unanswered until the client has been quiet for a while: the code is seen asleep with the
    # line read and no reply on its way (a trial's; it passed, answering within the client's 1 s wait).
    Bug(LESSON, "serve_lines_answers_after_a_quiet_spell", LINES, "LINE_WITHHELD", linux_only=True),
    # a timeout taken for the peer's close: the peer goes quiet before its FIN
    Bug(LESSON, "recv_frame_timeout_as_eof", NONE, "FRAME_SILENCE_IS_NOT_EOF"),
    # ...with a timeout of 1 s (a trial's): the FIN is held until the code's own timers under 2 s have fired
    Bug(LESSON, "recv_frame_one_second_timeout_as_eof", NONE, "FRAME_SILENCE_IS_NOT_EOF", linux_only=True),
    Bug(LESSON, "recv_frame_timeout_as_eof", CUT, "FRAME_SILENCE_IS_NOT_EOF"),
    Bug(LESSON, "serve_lines_timeout_as_eof", COUNT, "SILENCE_IS_NOT_EOF"),
    # an independent trial: replies sent by an executor shut down with wait=False, its worker never joined
    Bug(LESSON, "serve_lines_executor_not_waited_for", LINES, "THREADS_UNJOINED|THREADS_LEFT"),
    # del buf[:i], not del buf[:i + 1] (a trial's): the b"\n" stays in the buffer, and empty replies follow the right
    # one. Its hint was about reversing and decoding; the wire shows more replies than lines, empty ones.
    # (its hint depends on how the replies' segments were cut: a fresh clone's CI saw the reversed-newline one)
    Bug(LESSON, "newline_left_in_buffer", LINES, "WRONG_LINE_REPLY+EMPTY_REPLIES_HINT|NEWLINE_REVERSED_HINT"),
    # ...stopped at the count check's limit inside sendall(), sending empty replies: its hint asked whether a send
    # loop's count grows (sent += ...); the endless loop is the line loop, and the wire shows its empty replies
    Bug(LESSON, "newline_left_in_buffer", COUNT, "SLOW_EMPTY_REPLIES|HUNG+EMPTY_REPLIES_HINT",
        outcomes=("slow", "timeout")),
]

STYLES = [
    "style_heartbeat_thread",  # a 0.9 s Event.wait heartbeat thread: held out-waited, never counted as its hang
    "style_peek_header_then_whole_frame",  # header peeked: refused with the header itself still unread
    "style_recv_into_msg_waitall",  # MSG_WAITALL header, recv_into a bytearray, int.from_bytes, split() lines
    "style_makefile_readline",  # serve_lines over makefile("rb"): for line in file; send() loop
    "style_recv_byte_header_partition",  # header byte by byte, bytes.partition, the HOWTO's send loop
    "style_serve_lines_peek",  # each newline found with recv(MSG_PEEK) and 1 ms sleeps: a half line stays queued
    "style_serve_lines_sendmsg",  # replies by a sendmsg() loop: once failed with EAGAIN from the grader's SO_SNDTIMEO
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug, as_a_student=True)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_exception_without_a_message_is_named_alone(lang: str) -> None:
    """A bare `raise ValueError` is told as "raised ValueError", never "raised ValueError ()" (nor its
    full-width parentheses in Chinese): a message placeholder left empty takes its brackets with it."""
    import shutil
    import tempfile
    from pathlib import Path

    from tests.grading import SUBMISSIONS, grade

    target = Path(tempfile.mkdtemp(prefix="submission-"))
    try:
        shutil.copy(SUBMISSIONS / LESSON / "send_frame_header_before_check.py", target / f"{LESSON}.py")
        graded = grade(target, [LESSON], lang=lang)
    finally:
        shutil.rmtree(target, ignore_errors=True)
    message = graded.checks[SEND_MAX]["message"]
    assert "ValueError" in message and "ValueError ()" not in message and "ValueError（）" not in message, message



def test_a_read_ahead_is_hinted_as_the_files() -> None:
    """Code that reads through a buffered makefile() file is given the file's hint alone: recv()'s hints (ask only
    for what is missing, "not for the whole length again"; check the length before any recv()) fit no line of it."""
    from tests.grading import SUBMISSIONS, describe, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "recv_frame_through_a_buffered_file.py", LESSON, checks=[PIECES, NEXT, HUGE])
    for check in (PIECES, NEXT, HUGE):
        record = graded.checks[check]
        assert "MAKEFILE_READ_AHEAD_HINT" in record["templates"], describe(graded, check)
        assert not {"PIECES_READ_PAST_HINT", "READ_PAST_FRAME_HINT", "READ_BEFORE_CHECK_HINT"} & set(
            record["templates"]), describe(graded, check)
        hints = [line for line in record["message"].splitlines() if line.strip().startswith("Hint:")]
        assert len(hints) == 1 and "makefile()" in hints[0], describe(graded, check)
