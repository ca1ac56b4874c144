"""Lesson recv_loop: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "recv_loop"

PIECES = "test_recv_exactly_collects_every_piece"
NOT_PAST_N = "test_recv_exactly_leaves_the_next_message_unread"
EOF = "test_recv_exactly_raises_eoferror_when_the_peer_closes_early"
ZERO = "test_recv_exactly_zero_returns_empty_bytes"
UNTIL_FIN = "test_recv_until_closed_collects_everything_until_fin"
PARTIAL = "test_send_all_delivers_every_byte_when_send_is_partial"
NO_SENDALL = "test_send_all_uses_send_not_sendall"
FAST_EXACTLY = "test_recv_exactly_is_fast_on_16_mib"
FAST_UNTIL = "test_recv_until_closed_is_fast_on_16_mib"
FAST_SEND = "test_send_all_is_fast_on_16_mib"

BUSY = ("slow",)  # stopped at its limit while running on the CPU: SLOW, not HUNG
SLOW = ("failed", "slow")  # too slow: over budget (failed), or busy when killed at the speed check's limit (slow)

BUGS = [
    # recv_into(buf, k) without an offset (a third trial's): its own hint, not the sliced copy's
    Bug(LESSON, "recv_into_without_an_offset", PIECES, "WRONG_RETURN+RECV_INTO_NO_OFFSET_HINT"),
    # recv_into(buf[got:]): a bytearray's slice is a copy, the buffer keeps its zeros (a trial's; the hint was the loop's)
    Bug(LESSON, "recv_into_a_slice_copy", PIECES, "WRONG_RETURN+RECV_INTO_COPY_HINT"),
    # A timeout taken for the end of the message: the peer pauses before the first and the last piece until the
    # code's own short timers have had their chance, so it returns short, and the wire says why. It passed before.
    # recv(n) in every round: the last piece comes with the next message behind it, so it reads past n
    Bug(LESSON, "recv_exactly_asks_for_n_each_round", NOT_PAST_N, "RETURNED_PAST_N|READ_PAST_N"),
    Bug(LESSON, "recv_exactly_timeout_as_end", PIECES, "WRONG_RETURN+PEER_PAUSED_GAVE_UP", linux_only=True),
    # ...with an alarm as its timer (a SIGALRM handler: the hold waits 2 s, once per call, for an alarm's unknown due time)
    Bug(LESSON, "recv_exactly_alarm_as_end", PIECES, "WRONG_RETURN+PEER_PAUSED_GAVE_UP", linux_only=True),
    # one recv() where a loop is needed
    Bug(LESSON, "recv_exactly_one_recv", PIECES, "ONE_RECV"),
    # ...and where the peer closes early: it returned the first piece, never saw the EOF (not "raise EOFError when
    # recv() returns b''", which it never met: a trial's)
    Bug(LESSON, "recv_exactly_one_recv", EOF, "ONE_RECV"),
    Bug(LESSON, "recv_until_closed_one_recv", UNTIL_FIN, "ONE_RECV"),
    # Closing the socket it was given (`with sock:`, close() at EOF): the caller's socket, which it may still need.
    Bug(LESSON, "recv_exactly_closes_the_socket", PIECES, "RECV_CLOSED_GIVEN"),
    Bug(LESSON, "recv_until_closed_closes_the_socket", UNTIL_FIN, "RECV_CLOSED_GIVEN"),
    # ... on every path of every function (independent trials): send_all() closing it once every byte is sent,
    # recv_exactly() closing it just before it raises EOFError; and a shutdown(), which leaves the socket open
    # but sends a FIN the caller never asked for (the kernel's state of the connection, not the process's word).
    Bug(LESSON, "send_all_closes_the_socket", PARTIAL, "SEND_CLOSED_GIVEN"),
    Bug(LESSON, "recv_exactly_closes_the_socket_at_eof", EOF, "EOF_CLOSED_GIVEN"),
    Bug(LESSON, "send_all_shuts_down_the_socket", PARTIAL, "SEND_SHUT_GIVEN"),
    Bug(LESSON, "recv_exactly_shuts_down_the_socket", PIECES, "RECV_SHUT_GIVEN"),
    Bug(LESSON, "recv_until_closed_shuts_down_the_socket", UNTIL_FIN, "RECV_SHUT_GIVEN"),
    Bug(LESSON, "recv_exactly_shuts_down_at_eof", EOF, "EOF_SHUT_GIVEN"),
    # shutdown(SHUT_RD): no packet at all; the kernel's sk_shutdown (sock_diag) shows the reading side shut while
    # the peer has sent no FIN (a FIN received sets that bit too: after the peer's EOF, where every recv_exactly
    # and recv_until_closed check ends, it proves nothing, and the caller's recv() returns b"" all the same).
    Bug(LESSON, "send_all_shuts_its_reading_side", PARTIAL, "SEND_READ_SHUT_GIVEN", linux_only=True),
    # A makefile() reader kept in a module-level cache, never closed (an independent trial's): the socket looks
    # untouched at the return, but the caller's own close() then leaves the connection open (the file holds the
    # socket's descriptor): the caller's close is part of the check, its verdict the kernel's (/proc/<pid>/fd).
    Bug(LESSON, "recv_until_closed_keeps_a_makefile", UNTIL_FIN, "GIVEN_KEPT_AFTER_CLOSE", linux_only=True),
    Bug(LESSON, "recv_until_closed_keeps_a_makefile", PIECES, "GIVEN_KEPT_AFTER_CLOSE", linux_only=True),
    # a copy of the given socket (dup()) dropped unclosed: the kernel shows a second descriptor of it open
    Bug(LESSON, "recv_until_closed_dup_never_closed", UNTIL_FIN, "SOCKET_NOT_CLOSED+SOCKET_GC"),
    # ...in send_all() too (a second dup(), another line): the kernel shows it after the caller's close; the report
    # names each line under its own check (an independent trial's: one "same mistake" line hid the second)
    Bug(LESSON, "dups_never_closed_in_two_functions", PARTIAL, "SOCKET_NOT_CLOSED+SOCKET_GC", linux_only=True),
    # Taking a pause for the end: a timeout it breaks on, while the peer has not closed.
    Bug(LESSON, "recv_until_closed_timeout_as_eof", UNTIL_FIN, "SILENCE_IS_NOT_EOF"),
    # ignoring b"": the loop spins forever once the peer has closed
    Bug(LESSON, "recv_exactly_ignores_eof", EOF, "SLOW", BUSY),
    Bug(LESSON, "recv_until_closed_ignores_eof", UNTIL_FIN, "SLOW", BUSY),
    # b"" taken for "nothing yet", with a sleep before the next recv(): asleep after FIN, every byte read
    Bug(LESSON, "recv_until_closed_sleeps_at_eof", FAST_UNTIL, "NO_RETURN_AT_FIN", ("timeout",)),
    # a print() in the loop that floods the output: a flood, not the OSError of the print that went over
    Bug(LESSON, "recv_exactly_prints_in_loop", EOF, "FLOODED"),
    # a test call at the bottom of the module, which waits on import: that line, not recv_exactly(), is the cause
    Bug(LESSON, "tests_itself_at_import", PIECES, "IMPORT_RUNNING", ("timeout",)),
    # each piece decoded as UTF-8 and encoded again (an independent trial): its loop is right, so the hint is about
    # decoding pieces (a character split between two), not about calling recv() until b""
    Bug(LESSON, "recv_until_closed_decodes_each_piece", UNTIL_FIN, "WRONG_RETURN+DECODED_PIECES_HINT"),
    Bug(LESSON, "recv_exactly_decodes_as_text", PIECES, "WRONG_RETURN+DECODED_PIECES_HINT"),
    # short data at EOF, wrong exception
    Bug(LESSON, "recv_exactly_returns_short_at_eof", EOF, "NO_EOFERROR_RETURNED"),
    Bug(LESSON, "recv_exactly_raises_connectionerror", EOF, "WRONG_EXCEPTION"),
    Bug(LESSON, "recv_exactly_raises_valueerror", EOF, "WRONG_EXCEPTION"),
    # reading past n
    Bug(LESSON, "recv_exactly_returns_past_n", NOT_PAST_N, "RETURNED_PAST_N"),
    Bug(LESSON, "recv_exactly_reads_past_n", NOT_PAST_N, "READ_PAST_N+READ_PAST_N_HINT"),
    # ... through a buffered file (makefile()), which never called recv() itself: the hint says what read ahead
    Bug(LESSON, "recv_exactly_makefile_read", NOT_PAST_N, "READ_PAST_N+READ_AHEAD_HINT"),
    # n == 0: recv() first, its b"" taken for EOF
    Bug(LESSON, "recv_exactly_zero_calls_recv_first", ZERO, "RAISED"),
    # byte-at-a-time and quadratic receiving
    # (the speed verdict itself, not a generic hang)
    Bug(LESSON, "recv_exactly_byte_at_a_time", FAST_EXACTLY, "TOO_SLOW|TOO_SLOW_KILLED", SLOW),
    Bug(LESSON, "recv_until_closed_byte_at_a_time", FAST_UNTIL, "TOO_SLOW|TOO_SLOW_KILLED", SLOW),
    # ... the work done in a forked child: the CPU time of every process of the call counts.
    Bug(LESSON, "recv_until_closed_slow_in_a_child", FAST_UNTIL, "TOO_SLOW|TOO_SLOW_KILLED", SLOW),
    Bug(LESSON, "recv_exactly_slow_in_a_child_never_reaped", FAST_EXACTLY, "TOO_SLOW|TOO_SLOW_KILLED", SLOW),
    Bug(LESSON, "recv_exactly_quadratic_bytes", FAST_EXACTLY, "TOO_SLOW|TOO_SLOW_KILLED", SLOW),
    Bug(LESSON, "recv_until_closed_quadratic_bytes", FAST_UNTIL, "TOO_SLOW|TOO_SLOW_KILLED", SLOW),
    # sending
    # Right on every small reply, short on 16 MiB: only the content of the big transfer shows it.
    Bug(LESSON, "recv_until_closed_stops_at_1_mib", FAST_UNTIL, "BIG_SHORT"),
    # every chunk stripped: shorter, and not a start of the data (whitespace bytes lost inside it)
    Bug(LESSON, "recv_until_closed_strips_each_chunk", FAST_UNTIL, "BIG_WRONG"),
    Bug(LESSON, "send_all_one_send", PARTIAL, "SEND_PARTIAL"),
    Bug(LESSON, "send_all_uses_sendall", NO_SENDALL, "USED_SENDALL"),
    # send() once, then sendall() of the rest: the check's send buffer never takes the data at once, so the first
    # send() is partial by construction and the sendall() is called (it passed when 64 KiB fit in one send()).
    Bug(LESSON, "send_all_then_sendall_the_rest", NO_SENDALL, "USED_SENDALL"),
    # Small slices, send()'s count ignored: every send() of the partial check takes half, so bytes are lost by
    # construction (4 KiB slices passed when only a full send buffer made send() partial: a trial's).
    Bug(LESSON, "send_all_small_slices_ignoring_the_count", PARTIAL, "SEND_CHANGED|SEND_TOO_MUCH|SEND_PARTIAL"),
    # Whatever it does to the socket, a send() that ignores its return value loses data.
    Bug(LESSON, "send_all_blocking_one_send", PARTIAL, "SEND_PARTIAL"),
    Bug(LESSON, "send_all_no_timeout_one_send", PARTIAL, "SEND_PARTIAL"),
    # 64 KiB slices, send()'s count ignored: bytes missing in the middle, told as skipped, not as a partial send at the end
    Bug(LESSON, "send_all_slices_ignore_return", PARTIAL, "SEND_CHANGED+SEND_SKIPPED_HINT"),
    # (Not the speed check too: there the peer reads as fast as it can, and on a busy machine one send() may take all
    # 16 MiB, so nothing is sent again, and the check rightly passes. The partial-send check forces short sends.)
    Bug(LESSON, "send_all_resends_from_the_start", PARTIAL, "SEND_TOO_MUCH"),
    # TimeoutError caught and a normal return, most bytes unsent (an independent trial's): the partial-send check's
    # second conversation, whose peer never reads, on a socket with a 0.1 s timeout the peer's stall out-waits.
    Bug(LESSON, "send_all_swallows_the_timeout", PARTIAL, "SEND_RETURNED_UNSENT", linux_only=True),
    # select() for room, with the socket's timeout, and a return when it times out (it passed when it returned
    # while the grader looked at it)
    Bug(LESSON, "send_all_select_returns", PARTIAL, "SEND_RETURNED_UNSENT", linux_only=True),
    # b"" returned when the FIN comes before any byte (EOFError only mid-message): a second conversation
    Bug(LESSON, "eof_before_any_byte_returns_empty", EOF, "NO_EOFERROR_AT_ONCE"),
    # the reset's error caught in send_all(), and a return: a third conversation resets while it waits for room
    Bug(LESSON, "send_all_returns_at_a_reset", PARTIAL, "SEND_RETURNED_AFTER_RESET", linux_only=True),
    # Kept between calls (independent trials): a second call in the same process starts with the first's bytes
    Bug(LESSON, "recv_exactly_mutable_default", PIECES, "SECOND_CALL_WRONG+SECOND_CALL_CARRIED"),
    Bug(LESSON, "recv_until_closed_mutable_default", UNTIL_FIN, "SECOND_CALL_WRONG+SECOND_CALL_CARRIED"),
    Bug(LESSON, "recv_until_closed_module_buffer", UNTIL_FIN, "SECOND_CALL_WRONG+SECOND_CALL_CARRIED"),
    # independent trials: the peer never reads; the timeout caught and send() tried again, for ever (on the socket
    # with its timeout; or made non-blocking, BlockingIOError retried at once); or raised as another exception
    Bug(LESSON, "send_all_retries_after_timeout", PARTIAL, "SEND_KEPT_TRYING+KEPT_RETRYING", linux_only=True),
    Bug(LESSON, "send_all_nonblocking_spin", PARTIAL, "SEND_KEPT_TRYING+KEPT_SPINNING", linux_only=True),
    # a select() without a timeout before each send(), on the socket with its timeout (a later trial's)
    Bug(LESSON, "send_all_selects_without_a_timeout", PARTIAL, "SEND_KEPT_TRYING+KEPT_WAITING", linux_only=True),
    # the TimeoutError caught, the socket made blocking, send() again: blocking only after its timeout (a third round's)
    Bug(LESSON, "send_all_blocking_after_the_timeout", PARTIAL, "SEND_KEPT_TRYING+KEPT_BLOCKING", linux_only=True),
    Bug(LESSON, "send_all_wraps_the_timeout", PARTIAL, "SEND_RAISED_NOT_TIMEOUT", linux_only=True),
    # a bytearray returned where the contract says bytes: the same RETURN_TYPE in every check, the speed check's too
    Bug(LESSON, "recv_exactly_returns_a_bytearray", PIECES, "RETURN_TYPE+RETURN_TYPE_BYTEARRAY_HINT"),
    Bug(LESSON, "recv_exactly_returns_a_bytearray", ZERO, "RETURN_TYPE+RETURN_TYPE_BYTEARRAY_HINT"),
    Bug(LESSON, "recv_exactly_returns_a_bytearray", FAST_EXACTLY, "RETURN_TYPE+RETURN_TYPE_BYTEARRAY_HINT"),
    # ... sent from the start again until one send() takes it all (it never ends): told from the wire as soon as
    # more than the data arrived, with where the data's start came again, never "every byte had arrived"
    # sent = n, not sent += n: the rest sent again from an earlier byte, told as sent twice, not skipped (a trial's)
    Bug(LESSON, "send_all_keeps_the_last_count", PARTIAL, "SEND_TOO_MUCH+RECEIVED_THEN_REPEATED+SEND_AGAIN_HINT"),
    Bug(LESSON, "send_all_restarts_until_one_send_takes_all", PARTIAL, "SEND_TOO_MUCH+SEND_AGAIN_HINT"),
    # (Not asserted of the speed check: on 2 cores, with the peer reading as fast as it comes, one send() of a
    # socket with a timeout sometimes takes all 16 MiB, and the loop ends right; seen passing it 1 run in 3. The
    # partial-send check's half sends catch it by construction.)
    # other bytes than given (re-encoded): the first difference, and no "bytes came again"
    Bug(LESSON, "send_all_reencodes_the_data", PARTIAL, "SEND_TOO_MUCH+SEND_CHANGED_HINT"),
    # Every byte sent, then a wait forever: the receiving peer waited for it to return, not to send (issue 17).
    Bug(LESSON, "send_all_waits_after_sending", PARTIAL, "HUNG+EXPECTED_ALL_ARRIVED", ("timeout",)),
    # sent = send(...) for sent += send(...): stopped as slow in its send loop, more than given seen arrived (a
    # trial's report said every byte had arrived, and hinted at recv())
    Bug(LESSON, "send_all_count_assigned", NO_SENDALL, "SLOW_SEND|HUNG+EXPECTED_MORE_ARRIVED",
        ("slow", "timeout")),
    Bug(LESSON, "send_all_byte_at_a_time", FAST_SEND, "TOO_SLOW|TOO_SLOW_KILLED", SLOW),
    # an independent trial: EOFError raised while its reader thread still runs: the thread is the story
    Bug(LESSON, "recv_exactly_raises_with_its_reader_running", EOF, "THREADS_LEFT|THREADS_UNJOINED"),
    # Options of the given socket left changed (independent trials'): read by the grader on its own copy of the
    # student's descriptor once the function returned (TCP_CORK holds the caller's next small sends back;
    # SO_RCVLOWAT makes its next recv() wait for that many bytes)
    Bug(LESSON, "send_all_leaves_the_socket_corked", PARTIAL, "GIVEN_OPTIONS_LEFT+OPTION_CORK_LEFT", linux_only=True),
    Bug(LESSON, "recv_exactly_leaves_rcvlowat_set", PIECES, "GIVEN_OPTIONS_LEFT+OPTION_RCVLOWAT_LEFT",
        linux_only=True),
    # send_all(sock, b"") (an independent trial's range() step of min(len(data), 65536), 0 here): it must return
    Bug(LESSON, "send_all_empty_data_range_step_zero", PARTIAL, "RAISED+SEND_EMPTY_HINT"),
    # None when the peer closes without a byte (an independent trial's): the peer sends nothing and closes
    Bug(LESSON, "recv_until_closed_none_when_nothing_came", UNTIL_FIN, "UNTIL_CLOSED_NONE_AT_FIN"),
    # recv(65536, MSG_WAITALL) whose short result is taken for the end (an independent trial's): once the code
    # sleeps with the first bytes read, the grader signals it (handled, ignored), as any signal may come; the
    # interrupted MSG_WAITALL returns those bytes short, by construction
    Bug(LESSON, "recv_until_closed_short_waitall_is_the_end", UNTIL_FIN, "SIGNAL_IS_NOT_EOF", linux_only=True),
    # One send() for data under 64 KiB ("it surely fits"), its count ignored (a trial's): small buffers the peer
    # does not read until the code waits or returned take only part of it (it passed: every send_all() of the
    # checks was given more than 64 KiB)
    Bug(LESSON, "send_all_one_send_when_small", PARTIAL, "SEND_SMALL_PARTIAL", linux_only=True),
    # The socket's timeout taken for a deadline of the whole call (a trial's): a peer reading a piece every fifth
    # of the timeout, the transfer taking several timeouts (it passed: every reader read as fast as it could)
    Bug(LESSON, "send_all_timeout_as_a_total_deadline", PARTIAL, "SEND_TIMEOUT_AS_DEADLINE", linux_only=True),
    # "" (a str) for n == 0 (a trial's): str is not bytes; not the zero's hint about a recv() the code never called
    Bug(LESSON, "recv_exactly_zero_returns_str", ZERO, "RETURN_TYPE+ZERO_STR_HINT"),
    # got += len(chunks) (a trial's): every byte and the FIN taken (the kernel's receive queue empty), then
    # EOFError; the count was wrong, not the peer (the message was only its own "peer closed after 6 of 34")
    Bug(LESSON, "recv_exactly_counts_the_chunks", PIECES, "EOF_AFTER_ALL_TAKEN", linux_only=True),
    # A 64 KiB cap chosen from n, not from the bytes still missing (a trial's): for n > 65536 its last recv() asks
    # for 65536 and takes the next message (it passed: the not-past-n check's n was small); n = 100000 now
    Bug(LESSON, "recv_exactly_caps_by_n_not_by_missing", NOT_PAST_N, "RETURNED_PAST_N|READ_PAST_N"),
    # One recv(n, MSG_WAITALL), a short result taken for EOF (a trial's): a signal while it waits returns it short
    # though the peer sends the rest (it passed: only recv_until_closed was signalled)
    Bug(LESSON, "recv_exactly_one_waitall_recv", PIECES, "EXACTLY_SIGNAL_NOT_EOF", linux_only=True),
    # TCP_CORK undone only after a loop that ended, not when send() raised TimeoutError (a trial's): the options
    # are judged after the timeout conversation too (it passed)
    Bug(LESSON, "send_all_cork_left_on_timeout", PARTIAL, "GIVEN_OPTIONS_LEFT+GIVEN_ENDED_RAISED+OPTION_CORK_LEFT",
        linux_only=True),
    # memoryview slices of one reused recv_into() buffer kept as chunks (a trial's): the right length, later chunks
    # over earlier ones; the hint said "loop until b''... join the pieces", which the code did
    Bug(LESSON, "recv_until_closed_views_of_one_buffer", UNTIL_FIN, "WRONG_RETURN+CHUNKS_SHARE_A_BUFFER_HINT"),
    # SO_RCVLOWAT put back only on the success path (a trial's): the message said "returned" where it raised EOFError
    Bug(LESSON, "recv_exactly_rcvlowat_left_at_eof", EOF, "GIVEN_OPTIONS_LEFT+GIVEN_ENDED_RAISED+OPTION_RCVLOWAT_LEFT",
        linux_only=True),
]

STYLES = [
    "recv_exactly_bytearray",  # bytearray, recv(n - len(buf))
    "recv_exactly_list_join",  # list of chunks, b"".join
    "recv_exactly_while_true_bytes_join",  # while True, running total, join
    "recv_exactly_howto_2048",  # the Python Socket HOWTO: recv(min(missing, 2048)), list, join
    "recv_exactly_msg_waitall",
    "recv_exactly_nonblocking_poll",  # setblocking(False) and a busy loop: never asleep in recv()  # recv(missing, MSG_WAITALL), still looping for EOF
    "recv_until_closed_bytearray",  # bytearray +=
    "recv_until_closed_recv_1024_list",  # the tutorial's recv(1024), list, join
    "recv_until_closed_makefile",  # sock.makefile("rb").read()
    "recv_until_closed_with_a_long_timeout",  # settimeout(60), socket.timeout left to propagate
    "recv_until_closed_iter_join",  # b"".join(iter(lambda: sock.recv(65536), b""))
    "recv_until_closed_msg_waitall",  # recv(65536, MSG_WAITALL) until b"": a short chunk (a signal's) is not the end
    "send_all_slicing",  # data = data[sent:], the common tutorial loop
    "send_all_howto_totalsent",  # the Python Socket HOWTO: send(data[totalsent:])
    "send_all_memoryview",  # view = view[n:]
    "send_all_blocking_socket",  # settimeout(None) first: a blocking send() loop
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug, as_a_student=True)


CHECKS = [PIECES, NOT_PAST_N, EOF, ZERO, UNTIL_FIN, PARTIAL, NO_SENDALL, FAST_EXACTLY, FAST_UNTIL, FAST_SEND]


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    # Each style is about one function (its name's prefix): every check of that function.
    function = next(f for f in ("recv_exactly", "recv_until_closed", "send_all") if name.startswith(f))
    assert_passes(LESSON, name, checks=[check for check in CHECKS if f"test_{function}_" in check])


def test_an_empty_bytearray_is_told_as_its_type_alone() -> None:
    """recv_exactly(sock, 0) returning bytearray(b""): the type's message and its hint, not also the zero's hint
    about a recv() the code never called (a trial's)."""
    from tests.grading import SUBMISSIONS, describe, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "recv_exactly_returns_a_bytearray.py", LESSON, checks=[ZERO])
    record = graded.checks[ZERO]
    assert record.get("template") == "RETURN_TYPE", describe(graded, ZERO)
    assert "ZERO_HINT" not in record.get("templates", []), describe(graded, ZERO)
