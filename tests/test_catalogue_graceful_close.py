"""Lesson graceful_close: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "graceful_close"
HUNG = ("timeout",)
# A deadlock the kernel shows (both sides waiting, nothing to read): stopped at once, said so (graders/engine/deadlock.py).
DEADLOCK = "HUNG+DEADLOCK_SEEN"

BUGS = [
    # A quiet half second taken for the end of the request (not its EOF): the reference client pauses before the
    # last piece of its request until the server's short timers have had their chance. It passed before.
    Bug(LESSON, "server_reads_request_until_quiet", "test_serve_reads_the_request_until_eof",
        "WRONG_REVERSED_PAUSED+PEER_PAUSED_GAVE_UP", linux_only=True),
    # ...and 1 s given to the client to start its request (settimeout(1.0) on the accepted connection, a timeout
    # taken for "no request"): the pause before the first byte out-waits every timer under 2 s (LONG_TIMEOUT), once
    # the server has accepted, not only those under 1 s. It passed every check before.
    Bug(LESSON, "server_first_byte_timeout_one_second", "test_serve_reads_the_request_until_eof",
        "WRONG_REVERSED_PAUSED+PEER_PAUSED_GAVE_UP", linux_only=True),
    Bug(LESSON, "reject_first_byte_timeout_one_second", "test_reject_replies_after_the_header_line",
        "REJECT_PAUSED+PEER_PAUSED_GAVE_UP", linux_only=True),
    # ...and 3 s "against stuck clients" (settimeout(3.0), an independent trial's): past LONG_TIMEOUT, out-waited by
    # the long hold before the first byte (deadlock.hold_past_long_timer, up to LONG_CAP), which names the timer. It
    # passed every check before.
    Bug(LESSON, "server_safety_timeout_three_seconds", "test_serve_reads_the_request_until_eof",
        "RAISED+PEER_PAUSED_PAST_TIMER", linux_only=True),
    # No SO_REUSEADDR on serve_one_request's listener (an independent trial: it passed, its client closing first),
    # or set after bind() (another: it passed while the option was read as the server listened). The grader puts the
    # port in TIME_WAIT before the server starts: bind() fails, on every system.
    Bug(LESSON, "serve_without_reuseaddr", "test_serve_listens_with_so_reuseaddr", "SERVE_NO_REUSEADDR+RAISED"),
    Bug(LESSON, "serve_reuseaddr_after_bind", "test_serve_listens_with_so_reuseaddr", "SERVE_NO_REUSEADDR+RAISED"),
    # request_and_half_close
    # one send() for the message (independent trials): a message larger than the buffers, and a signal to the
    # thread asleep in that send(), which then returns part of it
    Bug(LESSON, "client_sends_with_one_send", "test_request_signals_its_end_with_shut_wr", "SEND_ONCE_PARTIAL",
        linux_only=True),
    Bug(LESSON, "client_sends_once_with_a_timeout", "test_request_signals_its_end_with_shut_wr", "REQUEST_SENT_PART+SEND_PART_HINT"),
    Bug(LESSON, "client_send_loop_count_assigned", "test_request_signals_its_end_with_shut_wr", "BIG_MESSAGE_CHANGED",
        linux_only=True),
    Bug(LESSON, "server_send_loop_count_assigned", "test_serve_reads_the_request_until_eof", "BIG_REPLY_CHANGED",
        linux_only=True),
    # ...and serve_one_request's reply by one send() (an independent trial): a request of 256 KiB, the server's
    # connection given a small send buffer, and a signal to its thread asleep in that send()
    Bug(LESSON, "server_replies_with_one_send", "test_serve_reads_the_request_until_eof", "REPLY_SENT_ONCE_PARTIAL",
        linux_only=True),
    # ...or with one more send() for the rest, no loop (lesson 1's trial, as a server): the client reads a little
    # and signals the thread again once it waits in that send(), so a fixed number of tries sends part
    Bug(LESSON, "server_reply_retried_once", "test_serve_reads_the_request_until_eof", "REPLY_SENT_RETRIED_PARTIAL",
        linux_only=True),
    # sendall() in a thread never joined, shutdown(SHUT_WR) at once (an independent trial): the FIN leaves before
    # the message (the 8 MiB one, by construction: no buffer holds it). Said first, from the wire; no SHUT_RD hint.
    Bug(LESSON, "client_sends_in_a_thread_unjoined", "test_request_signals_its_end_with_shut_wr",
        "FIN_BEFORE_THREAD_SENT", linux_only=True),
    Bug(LESSON, "client_sends_in_a_thread_unjoined", "test_request_reads_the_whole_reply_until_eof", "THREADS_UNJOINED"),
    Bug(LESSON, "server_replies_once_with_a_timeout", "test_serve_reads_the_request_until_eof", "REPLY_SENT_PART+SEND_PART_HINT",
        linux_only=True),
    # A second independent trial's: REJECTED sent before the header line was read; the listener and connection left
    # open on an empty request; the header line returned stripped and rebuilt (the reference header ends in CRLF)
    Bug(LESSON, "reject_replies_before_the_header", "test_reject_replies_after_the_header_line",
        "REJECTED_BEFORE_HEADER", linux_only=True),
    Bug(LESSON, "serve_leaks_on_an_empty_request", "test_serve_leaves_no_close_wait", "EMPTY_REQUEST+SOCKET_NOT_CLOSED"),
    Bug(LESSON, "reject_returns_the_header_rebuilt", "test_reject_returns_the_header_line", "WRONG_RETURN"),
    Bug(LESSON, "reject_keeps_the_last_chunk_only", "test_reject_returns_the_header_line",
        "WRONG_RETURN+HEADER_END_ONLY_HINT"),
    # ...and a third's, which waits for b"\r\n": a header ending in a bare b"\n" is read too, and it hangs there
    Bug(LESSON, "reject_waits_for_crlf", "test_reject_returns_the_header_line", "HUNG+DEADLOCK_SEEN+HEADER_LF_HINT",
        ("timeout",), linux_only=True),
    Bug(LESSON, "client_no_shut_wr", "test_request_signals_its_end_with_shut_wr",
        DEADLOCK, HUNG),
    # sendall() and shutdown(SHUT_WR) under `if message:` (an independent trial; it passed 13/13): given b"", no FIN,
    # and both sides wait to read. The deadlock the kernel shows, told as the FIN missing after an empty request.
    Bug(LESSON, "client_no_fin_on_empty_message", "test_request_signals_its_end_with_shut_wr",
        DEADLOCK + "+EMPTY_MESSAGE_NO_FIN_HINT", HUNG),
    Bug(LESSON, "client_close_instead_of_shutdown", "test_request_signals_its_end_with_shut_wr",
        "RAISED"),
    Bug(LESSON, "client_shut_rd_instead_of_shut_wr", "test_request_signals_its_end_with_shut_wr",
        "CLOSED_BEFORE_REPLY"),
    Bug(LESSON, "client_resets_instead_of_half_close", "test_request_signals_its_end_with_shut_wr", "NO_HALF_CLOSE"),
    # shutdown(SHUT_WR) before sendall(): its own FIN first, an empty request, then BrokenPipeError. The hints say
    # so from the wire, not "the other side has closed".
    Bug(LESSON, "client_shutdown_before_sendall", "test_request_signals_its_end_with_shut_wr",
        "REQUEST_CHANGED+FIN_BEFORE_REQUEST_HINT"),
    Bug(LESSON, "client_shutdown_before_sendall", "test_request_reads_the_whole_reply_until_eof",
        "RAISED+OWN_SHUT_WR_HINT"),
    Bug(LESSON, "client_sends_the_message_upper_case", "test_request_signals_its_end_with_shut_wr",
        "REQUEST_CHANGED"),
    Bug(LESSON, "client_one_recv_for_reply", "test_request_reads_the_whole_reply_until_eof",
        "ONE_RECV_REPLY"),
    # A silence taken for the end of the reply (a timeout it breaks on): the server holds its FIN until the code is
    # asleep waiting for it, so such a loop returns first, by construction (a trial's; it passed before).
    Bug(LESSON, "request_silence_is_the_end", "test_request_reads_the_whole_reply_until_eof", "SILENCE_IS_NOT_EOF",
        linux_only=True),
    # One makefile("rb").read(n), n a bound made from the message (an independent trial; it passed, the reference
    # replies were about 1 KiB): a second reply, many times the message and over 256 KiB, sent in pieces, is cut.
    Bug(LESSON, "request_reads_a_bounded_reply", "test_request_reads_the_whole_reply_until_eof",
        "BIG_REPLY_CUT", linux_only=True),
    Bug(LESSON, "request_reads_until_newline", "test_request_reads_the_whole_reply_until_eof",
        "WRONG_RETURN+NEWLINE_NOT_EOF_HINT"),
    Bug(LESSON, "client_keeps_socket_open", "test_request_closes_its_socket",
        "SOCKET_NOT_CLOSED"),
    # serve_one_request
    Bug(LESSON, "serve_one_recv_for_request", "test_serve_reads_the_request_until_eof",
        "WRONG_REVERSED"),
    Bug(LESSON, "serve_so_linger_zero", "test_serve_closes_with_fin_not_rst", "SERVER_RST"),
    Bug(LESSON, "serve_keeps_connection_open", "test_serve_leaves_no_close_wait", "CLOSE_WAIT_LEFT"),
    # The connection closed by its with-block, but not the file conn.makefile() made: it holds the connection open.
    Bug(LESSON, "serve_makefile_left_open", "test_serve_leaves_no_close_wait", "MAKEFILE_LEFT_OPEN"),
    Bug(LESSON, "serve_keeps_connection_open", "test_serve_closes_with_fin_not_rst", "SERVER_NO_CLOSE"),
    Bug(LESSON, "serve_returns_the_reply", "test_serve_returns_the_request", "WRONG_RETURN"),
    Bug(LESSON, "serve_listener_left_open", "test_serve_leaves_no_close_wait", "SOCKET_NOT_CLOSED"),
    # reject_and_drain
    Bug(LESSON, "reject_close_without_drain", "test_reject_closes_with_fin_not_rst", "REJECT_RST+REJECT_RST_HINT"),
    # A FIN, then an RST while the client still sends: the hint names the shutdown's direction (SHUT_RDWR reads no more).
    Bug(LESSON, "reject_shutdown_without_drain", "test_reject_closes_with_fin_not_rst",
        "REJECT_FIN_THEN_RST+REJECT_FIN_THEN_RST_HINT"),
    # ...and a drain of one recv() after the shutdown: it read, but not until b"". It was told "the body was never
    # read"; the hint now says one read (the source's word), the RST that its close found bytes unread (the wire's).
    Bug(LESSON, "reject_drain_with_one_recv", "test_reject_closes_with_fin_not_rst",
        "REJECT_FIN_THEN_RST+DRAIN_READ_ONCE_HINT"),
    # A drain with recv_into() an empty bytearray (an independent trial): it returns 0 at once, taken for EOF, and
    # the close finds the body unread. The RST is the wire's; the hint names a read of 0 bytes (the source's word).
    Bug(LESSON, "reject_drain_recv_into_empty", "test_reject_closes_with_fin_not_rst",
        "REJECT_FIN_THEN_RST+DRAIN_READS_NOTHING_HINT"),
    # SHUT_RDWR: recv() returns b"" once what had come is read, so its drain ends there and its close finds nothing
    # unread (no RST from that close, the kernel's view): told as a close before the body's end, the shutdown named.
    Bug(LESSON, "reject_shut_rdwr_instead_of_shut_wr", "test_reject_closes_with_fin_not_rst",
        "REJECT_CLOSED_MID_BODY+DRAIN_READ_SHUT_HINT", linux_only=True),
    # A drain that does not wait (independent trials): recv(MSG_DONTWAIT), or settimeout(0), and the loop stops on
    # BlockingIOError at the first moment nothing is queued. The RST is the wire's; the hint says why (the source).
    Bug(LESSON, "reject_drain_msg_dontwait", "test_reject_closes_with_fin_not_rst",
        "REJECT_FIN_THEN_RST|REJECT_CLOSED_MID_BODY+DRAIN_NOT_WAITING_HINT"),
    Bug(LESSON, "reject_drain_settimeout_zero", "test_reject_closes_with_fin_not_rst",
        "REJECT_FIN_THEN_RST|REJECT_CLOSED_MID_BODY+DRAIN_NOT_WAITING_HINT"),
    # A drain that stops at the first recv() shorter than its buffer (an independent trial): it read all the body
    # that had come, then closed with nothing unread (no RST from that close, the kernel's view), the client still
    # sending. Told as a drain stopped before b"", not as "the body was never read".
    Bug(LESSON, "reject_drain_stops_at_a_short_recv", "test_reject_closes_with_fin_not_rst",
        "REJECT_CLOSED_MID_BODY+DRAIN_STOPPED_EARLY_HINT", linux_only=True),
    Bug(LESSON, "reject_returns_without_closing", "test_reject_closes_with_fin_not_rst", "REJECT_NO_FIN"),
    # Draining with a timeout and stopping at the first pause: the client had not sent its FIN.
    Bug(LESSON, "reject_drain_stops_on_a_timeout", "test_reject_closes_with_fin_not_rst", "DRAIN_ENDED_ON_SILENCE"),
    Bug(LESSON, "reject_replies_more_than_rejected", "test_reject_closes_with_fin_not_rst", "REJECT_REPLY"),
    Bug(LESSON, "reject_replies_no", "test_reject_replies_after_the_header_line", "NO_REJECTED"),
    Bug(LESSON, "reject_drain_then_reply", "test_reject_replies_after_the_header_line",
        DEADLOCK, HUNG),
    Bug(LESSON, "reject_drain_without_shut_wr", "test_reject_closes_with_fin_not_rst",
        DEADLOCK, HUNG),
    Bug(LESSON, "reject_no_reuseaddr", "test_reject_restarts_on_the_same_port_during_time_wait",
        "RAISED"),
    Bug(LESSON, "reject_header_without_newline", "test_reject_returns_the_header_line",
        "WRONG_RETURN"),
    Bug(LESSON, "reject_header_with_body_bytes", "test_reject_returns_the_header_line", "WRONG_RETURN"),
    # One recv() for the header line: the line arrives in two pieces, the first without its newline.
    Bug(LESSON, "reject_header_one_recv_split", "test_reject_returns_the_header_line", "WRONG_RETURN"),
    # An independent trial's `buf.find(b"\n") > 0` (not `!= -1`): an empty header line, b"\n" alone (the lesson's "everything
    # up to and including" the first b"\n"), is never seen, and it waits for a newline in the body. No reference client
    # sent one (it passed): a third conversation's header line is empty, its b"\n" the first byte of its piece.
    Bug(LESSON, "reject_header_found_at_index_zero_missed", "test_reject_returns_the_header_line",
        "HUNG+DEADLOCK_SEEN+EMPTY_HEADER_LINE_HINT", ("timeout",), linux_only=True),
    # Another's: b"\n" found in the last chunk, its index used in the whole buffer: the line cut although the read went
    # past its end (REJECTED came after the line's last piece, the wire's). It was told "your read stopped early".
    Bug(LESSON, "reject_header_index_of_the_last_chunk", "test_reject_returns_the_header_line",
        "WRONG_RETURN+HEADER_CUT_AFTER_END_HINT"),
    # Independent trials' (they passed, the header line always in two short pieces): one recv() and one more, not a
    # loop until b"\n"; a bounded makefile("rb").readline(100). The line comes in three pieces, the second of it
    # several KiB long: each returns the line cut, and replied before its end had come.
    Bug(LESSON, "reject_header_one_retry", "test_reject_returns_the_header_line", "WRONG_RETURN+HEADER_CUT_HINT"),
    Bug(LESSON, "reject_header_one_retry", "test_reject_replies_after_the_header_line", "REJECTED_BEFORE_HEADER",
        linux_only=True),
    Bug(LESSON, "reject_header_readline_limit", "test_reject_returns_the_header_line", "WRONG_RETURN+HEADER_CUT_HINT"),
    Bug(LESSON, "reject_header_readline_limit", "test_reject_replies_after_the_header_line",
        "REJECTED_BEFORE_HEADER", linux_only=True),
    # SO_REUSEPORT survives TIME_WAIT too, but lets a second server take the port.
    Bug(LESSON, "reject_reuseport_instead_of_reuseaddr", "test_reject_restarts_on_the_same_port_during_time_wait",
        "REUSEPORT_USED"),
    # Reset (SO_LINGER 0) after the reply: its end never goes to TIME_WAIT, so the restart proves nothing.
    Bug(LESSON, "reject_resets_after_reply", "test_reject_restarts_on_the_same_port_during_time_wait",
        "REJECT_NO_TIME_WAIT"),
    # No check of reject_and_drain looks at its sockets yet: this is the check they call for.
    Bug(LESSON, "reject_keeps_connection_open", "test_reject_closes_every_socket", "SOCKET_NOT_CLOSED"),
    Bug(LESSON, "reject_listener_left_open", "test_reject_closes_every_socket", "SOCKET_NOT_CLOSED"),
    # The line cut at the LAST b"\n" read (rindex(), a trial's; it passed: the body was zeros). The bare-b"\n"
    # conversation's body is lines, their start in the segment of the header's newline: body bytes come back with it.
    Bug(LESSON, "reject_header_cut_at_last_newline", "test_reject_returns_the_header_line",
        "WRONG_RETURN+HEADER_PAST_NEWLINE_HINT"),
    # The header line read with one recv() more after the chunk holding its b"\n" (a do-while), or with
    # recv(16384, MSG_WAITALL) (independent trials: both passed, every conversation sending body bytes in the same
    # send() as the newline). A client that sends the line alone and waits for REJECTED: a deadlock the kernel shows.
    Bug(LESSON, "reject_header_extra_recv_before_reply", "test_reject_replies_after_the_header_line",
        DEADLOCK + "+REPLY_BEFORE_BODY_HINT", HUNG, linux_only=True),
    Bug(LESSON, "reject_header_recv_waitall", "test_reject_replies_after_the_header_line",
        DEADLOCK + "+REPLY_BEFORE_BODY_HINT", HUNG, linux_only=True),
    # ...or one more recv() with a 0.5 s timeout "for the body that follows at once", a timeout taken for a client
    # gone: it returned with no reply. It passed (the body always came with the newline).
    Bug(LESSON, "reject_header_waits_for_body_then_gives_up", "test_reject_replies_after_the_header_line",
        "NO_REJECTED_HEADER_ALONE", linux_only=True),
    # The drain done only when body bytes came with the header line (a trial's): the conversation whose line comes
    # alone, its body only after REJECTED, is reset by the body; it passed every check (that conversation's end unjudged)
    Bug(LESSON, "reject_drains_only_when_body_came_with_header", "test_reject_closes_with_fin_not_rst",
        "REJECT_FIN_THEN_RST|REJECT_RST+DRAIN_HEADER_ALONE_HINT", linux_only=True),
]

STYLES = [
    "style_spins_on_a_nonblocking_send",  # a non-blocking send() retried in a busy loop: never asleep in send()
    "style_client_try_finally_bytearray",
    "style_serve_create_server_makefile",
    "style_reject_buffered_recv",
    "style_reject_makefile_readline",
    "style_multiprocessing_child",  # each conversation in a joined child that holds the socket
    # The header's newline found with recv(MSG_PEEK) and 1 ms sleeps: the first piece stays queued while it waits.
    "style_reject_peek_header",
    "style_reject_peek_waitall",  # asleep in a read of the socket beside its bytes: it asked for more
    # Waits the peer cannot call a deadlock but that nothing but its FIN ends in time: a drain in a joined thread,
    # selectors with 20 s timeouts (each took the peer's whole hold, 1 s a call, before deadlock.asleep_past).
    "style_reject_drain_in_a_thread",
    "style_selectors_long_timeouts",
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug, as_a_student=True)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)
