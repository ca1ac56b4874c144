"""Lesson event_loop: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "event_loop"

LISTEN = "test_loop_listens_on_a_port_in_time_wait"
SERVED = "test_loop_serves_a_client_while_others_idle_or_flood"
ONE_THREAD = "test_loop_never_starts_a_second_thread"
IDLE = "test_loop_sleeps_while_every_client_is_idle"
BOUNDED = "test_loop_bounds_what_it_buffers_for_a_client_that_does_not_read"
REPLY = "test_loop_replies_to_each_line_reversed"
DELIVERED = "test_loop_delivers_every_reply_to_the_flooding_client"
FIN = "test_loop_closes_each_connection_after_its_eof"
RESET = "test_loop_survives_a_client_that_resets"
LISTENER = "test_loop_closes_the_listener_after_the_last_accept"
STATIC = "test_loop_writes_only_when_the_selector_reports_writable"
COUNT = "test_loop_returns_the_number_of_lines_answered"
CLOSED = "test_loop_closes_every_socket"

BUGS = [
    # a third round's: del of a buffer with a memoryview of it still exported: BufferError, the loop's finally closes
    # every socket first; told as the exception every run (once told as a timeout taken for an EOF, 1 run in 6)
    Bug(LESSON, "memoryview_export_buffererror", SERVED, "RAISED"),
    # modify() without data= (a second trial's): key.data None at the next event; told as a None, not a misspelt name
    Bug(LESSON, "modify_without_data_then_none", SERVED, "RAISED+NONE_DATA_HINT"),
    # close() without unregister(): B resets before D comes, so D's accept() gets B's old number, and its register()
    # meets B's stale key (a trial's: it passed every check when no client ended before the last one came).
    Bug(LESSON, "closes_without_unregister", SERVED, "RAISED+ALREADY_REGISTERED_HINT", linux_only=True),
    # ...on the EOF's path only: E ends and is closed before D comes (a trial's; it passed every check).
    Bug(LESSON, "closes_at_eof_without_unregister", SERVED, "RAISED+ALREADY_REGISTERED_HINT", linux_only=True),
    # A quiet spell after the last accept taken for the end: the clients hold again once every one was accepted
    # (Crowd._outwait_after_last), so the loop ends in that silence, by construction.
    Bug(LESSON, "ends_after_a_quiet_spell_once_all_accepted", REPLY, "CROWD_CLOSED_MID_LINE+TL_QUIET_AFTER_LAST",
        linux_only=True),
    # a client socket left blocking (settimeout(None)): its descriptor's flags, whether or not a send() blocked
    Bug(LESSON, "settimeout_none_for_nonblocking", STATIC, "LOOP_BLOCKING_SOCKET|LOOP_BLOCKED_IN_SEND", linux_only=True),
    # BlockingIOError taken for EOF: the idle clients closed first are the story, not the last one's "gone" (trial)
    Bug(LESSON, "blockingio_taken_for_eof", SERVED, "CROWD_CLOSED_MID_LINE"),
    # Idle spells out-waited before the last client (clients.Crowd._outwait): a loop that returns after a second
    # without events, or closes clients idle for half a second, does so before D comes (trials'; both passed).
    Bug(LESSON, "returns_after_an_idle_second", SERVED, "CROWD_GAVE_UP_IN_SILENCE", linux_only=True),
    # select(timeout=3.0), a round with no event taken for the end (a trial's passed: the holds before D out-waited
    # only timers under 2 s). A timer of the loop's of 2 s to 10 s, read from the kernel while every client is
    # idle, is held past too (Crowd._outwait_loop_timer): D is refused, the timer named.
    Bug(LESSON, "stops_after_a_quiet_select_with_clients_idle", SERVED, "CROWD_LOOP_TIMER_ENDED", linux_only=True),
    # accept() until BlockingIOError, count looked at after (a trial's passed): D and X both queued, by construction
    # (the server stopped while they connect), and X accepted past count, the kernel's view (Crowd._extra_accepted).
    Bug(LESSON, "accepts_until_blockingio_past_count", LISTENER, "CROWD_ACCEPTED_PAST_COUNT", linux_only=True),
    # An empty line (b"\n") is a line: client D sends one, so an assertion that lines are not empty fails (a trial's).
    Bug(LESSON, "asserts_a_line_is_not_empty", SERVED, "RAISED"),
    Bug(LESSON, "closes_idle_clients", IDLE, "CROWD_CLOSED_MID_LINE", linux_only=True),
    # State in a dict keyed by fileno(), never deleted: A's socket gets the number of Z's (as D's gets E's), closed
    # just before A was accepted (the kernel's fd table, read as each was open), and A inherits Z's EOF: told as that
    # reuse, not as a timeout taken for an EOF (a trial's), as soon as A's first piece was read.
    Bug(LESSON, "state_kept_by_fileno", SERVED, "CROWD_FD_REUSED", linux_only=True),
    Bug(LESSON, "idle_limit_over_short_selects", IDLE, "CROWD_CLOSED_MID_LINE", linux_only=True),
    # a print() per line: past the output cap print() raises, which ends the loop; told as printing (trial)
    Bug(LESSON, "prints_every_line", SERVED, "FLOODED"),
    # the unsent buffer never trimmed after send(): replies repeated; said as that, not as the line protocol
    Bug(LESSON, "sends_the_whole_buffer_again", REPLY, "CROWD_WRONG_REPLY+CROWD_REPEATED_HINT"),
    # Closing a client that does not read, instead of no longer reading it: the kernel resets it.
    Bug(LESSON, "drops_a_client_that_does_not_read", SERVED, "CROWD_GONE"),
    # Edge-triggered epoll, one recv() per event: D's last lines arrive together while the server is stopped, more
    # than one read takes, so the rest waits for an edge that never comes (a trial's; it passed three runs in seven).
    Bug(LESSON, "edge_triggered_reads_once", SERVED, "CROWD_BURST_UNREAD", linux_only=True),
    # ...and modify() only when its mask changes (a trial's; 13 of 13 in 7 gradings of 8): D's burst queues replies,
    # and the modify() that adds EPOLLOUT re-arms epoll. A's last bytes (no newline: no reply) and its FIN reach the
    # server's kernel together while it is stopped: one recv() takes the bytes, and no event comes for the EOF. Told
    # from the kernel (A's socket in CLOSE_WAIT, registered EPOLLET), and the hang as asleep on a socket at its EOF.
    Bug(LESSON, "edge_triggered_reads_once_modify_rearms", FIN, "CROWD_EOF_UNSEEN_EDGE", linux_only=True),
    Bug(LESSON, "edge_triggered_reads_once_modify_rearms", COUNT, "HUNG+DEADLOCK_SEEN_EOF", outcomes=("timeout",),
        linux_only=True),
    # EVENT_READ kept at a client's EOF while its replies wait: F's EOF comes with replies held (a trial's; passed)
    Bug(LESSON, "keeps_reading_at_eof_with_replies_held", IDLE, "CROWD_BUSY_WAIT+BUSY_EOF_UNSENT_HINT", linux_only=True),
    # ...the same, a trial's, passed about 1 run in 20: F's segment ending its last line carried a window that let
    # the server's kernel send more, its socket turned writable and the held reply went before F's EOF. F now ends the
    # line, looks again (still held, and F's room too small to turn the socket writable), and only then ends (FIN).
    Bug(LESSON, "keeps_read_interest_after_eof", IDLE, "CROWD_BUSY_WAIT+BUSY_EOF_UNSENT_HINT", linux_only=True),
    # blocking sockets, every call with MSG_DONTWAIT: not the lesson's non-blocking sockets (a trial's, C-style)
    Bug(LESSON, "blocking_sockets_with_msg_dontwait", STATIC, "LOOP_BLOCKING_SOCKET+MSG_DONTWAIT_HINT", linux_only=True),
    # the unsent buffer cleared after a partial send(): D's burst's replies stop mid-line (a trial's)
    Bug(LESSON, "clears_the_buffer_after_a_partial_send", REPLY, "CROWD_WRONG_REPLY+CROWD_TAIL_DROPPED_HINT"),
    Bug(LESSON, "no_reuseaddr", LISTEN, "CROWD_REUSEADDR"),
    # Serving clients one after another; a blocking sendall() to a client that does not read.
    Bug(LESSON, "sequential", SERVED, "CROWD_NOT_SERVED+CROWD_NOT_SERVED_HINT"),
    Bug(LESSON, "sendall_blocks", SERVED, "CROWD_NOT_SERVED+CROWD_BLOCKED_SEND_HINT", linux_only=True),
    Bug(LESSON, "sendall_blocks", STATIC, "LOOP_BLOCKED_IN_SEND|LOOP_STATIC"),
    # Stuck in sendall() to the client that does not read: that is no backpressure (seen from the kernel).
    Bug(LESSON, "sendall_blocks", BOUNDED, "LOOP_BLOCKED_IN_SEND", linux_only=True),
    # The same with a timeout on each client socket: sendall() waits in poll() for room, not in a send, and the loop
    # waits with it all the same (the kernel: asleep in a wait that asks only to write, to that one client).
    Bug(LESSON, "sendall_with_timeout", SERVED, "CROWD_NOT_SERVED+CROWD_BLOCKED_SEND_HINT", linux_only=True),
    Bug(LESSON, "sendall_with_timeout", BOUNDED, "LOOP_BLOCKED_IN_SEND_TIMEOUT", linux_only=True),
    Bug(LESSON, "sendall_with_timeout", STATIC, "LOOP_BLOCKED_IN_SEND_TIMEOUT|LOOP_STATIC"),
    # Waiting with select() for that one client to be writable before each send(): the loop reads nobody meanwhile.
    Bug(LESSON, "waits_writable_per_reply", BOUNDED, "LOOP_BLOCKED_IN_SEND_TIMEOUT", linux_only=True),
    # Non-blocking sockets, replies kept per client, but written with sendall() once writable: writable means some
    # room, not room for all. The run's send buffers are capped below any backlog held for F (clients.SEND_BUFFER_CAP),
    # so sendall() raises BlockingIOError by construction (during the flood, or at the latest once F reads).
    Bug(LESSON, "sendall_when_writable", DELIVERED, "HINT_WOULD_BLOCK|LOOP_FLOOD_REPLIES", linux_only=True),
    # The same, its BlockingIOError silenced: the part sendall() had sent is sent again.
    Bug(LESSON, "sendall_blocking_io_ignored", DELIVERED, "LOOP_FLOOD_REPLIES", linux_only=True),
    # A second thread.
    Bug(LESSON, "uses_threads", ONE_THREAD, "LOOP_SECOND_THREAD"),
    # Busy-waiting: select(timeout=0), or EVENT_WRITE asked of every client whether replies wait or not.
    Bug(LESSON, "select_timeout_zero_spins", IDLE, "CROWD_BUSY_WAIT+BUSY_LOOP_HINT"),
    Bug(LESSON, "always_asks_for_write", IDLE, "CROWD_BUSY_WAIT+BUSY_LOOP_HINT"),
    # Polling with a sleep between: asleep at almost every look, but woken up again and again (the kernel's count of
    # the server's context switches while every client is idle).
    Bug(LESSON, "sleep_poll_1ms", IDLE, "CROWD_POLLS+POLL_LOOP_HINT", linux_only=True),
    Bug(LESSON, "sleep_poll_100us", IDLE, "CROWD_POLLS+POLL_LOOP_HINT", linux_only=True),
    # ...slower than the wakeup count can tell (WAKE_LIMIT in WAKE_LOOK): the loop's own timer under a second, read
    # from the kernel while every client is idle: select()'s timeout argument (a trial's select(timeout=0.05) passed),
    # or a sleep's period, the step between two successive deadlines of its clock_nanosleep().
    Bug(LESSON, "select_timeout_50ms", IDLE, "CROWD_POLL_TIMEOUT+POLL_LOOP_HINT", linux_only=True),
    Bug(LESSON, "sleep_poll_50ms", IDLE, "CROWD_POLL_SLEEP+POLL_LOOP_HINT", linux_only=True),
    Bug(LESSON, "pool_before_listen", ONE_THREAD, "LOOP_SECOND_THREAD"),
    # Unbounded buffering for a client that does not read; replies dropped to stay bounded.
    Bug(LESSON, "unbounded_buffer", BOUNDED, "LOOP_READ_WITHOUT_BOUND"),
    # A bound of 16 MiB (the lesson: at most 1 MiB), within the memory watched: judged from the kernel, what the
    # server read of F's less what it wrote to F, once it stopped reading F.
    Bug(LESSON, "bound_16mib", BOUNDED, "LOOP_OVER_BOUND", linux_only=True),
    # Whole replies dropped leave F's stream aligned (every reply alike): short; a drop after a partial send() cuts
    # one too. Which, depends on the moment: LOOP_FLOOD_WRONG is proven by reverses_each_piece, by construction.
    Bug(LESSON, "drops_replies_over_bound", DELIVERED, "LOOP_FLOOD_REPLIES"),
    Bug(LESSON, "reverses_each_piece", DELIVERED, "LOOP_FLOOD_REPLIES+LOOP_FLOOD_WRONG"),
    # Closing a client at its EOF at once, its replies still waiting (select.poll(), written from COURSE.md).
    Bug(LESSON, "closes_at_eof_with_replies_waiting", DELIVERED, "LOOP_FLOOD_REPLIES"),
    # The same with bounds of other sizes: under one reply line to F (16 KiB), one line, and far more.
    Bug(LESSON, "closes_at_eof_bound_1k", DELIVERED, "LOOP_FLOOD_REPLIES", linux_only=True),
    Bug(LESSON, "closes_at_eof_bound_16k", DELIVERED, "LOOP_FLOOD_REPLIES", linux_only=True),
    Bug(LESSON, "closes_at_eof_bound_512k", DELIVERED, "LOOP_FLOOD_REPLIES", linux_only=True),
    # One client's reset ending the loop; the listener left open.
    Bug(LESSON, "reset_crashes_loop", RESET, "CROWD_RESET_BROKE"),
    Bug(LESSON, "reset_caught_around_recv_only", RESET, "CROWD_RESET_BROKE|RAISED", linux_only=True),
    # Caught around recv() only, read before write: only a client the loop has stopped reading (EVENT_WRITE
    # alone) shows it, its reset met by send().
    Bug(LESSON, "reset_dropped_at_recv_only", RESET, "CROWD_RESET_UNREAD_BROKE|RAISED", linux_only=True),
    # send() in `except Exception: pass`: G's reset, met by send() alone, swallowed; G's socket kept (the kernel: still
    # a descriptor of the server's after the reset), asked about for ever, the loop spinning. The reset check judges
    # that close (a trial's passed it), and the busy wait is told as that reset's, not as EVENT_WRITE or an EOF.
    Bug(LESSON, "reset_swallowed_at_send", RESET, "CROWD_RESET_KEPT", linux_only=True),
    Bug(LESSON, "reset_swallowed_at_send", IDLE, "CROWD_RESET_KEPT", linux_only=True),
    Bug(LESSON, "listener_left_open", LISTENER, "CROWD_LISTENER_OPEN"),
    # The loop left as soon as no client was connected, once one was accepted (a trial's; it passed every check
    # while A and C stayed connected all along): Z comes and goes first, so that every client accepted so far is
    # done while more are to come (Crowd._first_comes_and_goes), and A's connect is refused, by construction.
    Bug(LESSON, "stops_when_no_client_is_left", LISTENER, "CROWD_STOPPED_WHEN_DONE", linux_only=True),
    # Wrong replies, connections never closed, nothing returned.
    Bug(LESSON, "reverses_the_newline", REPLY, "CROWD_WRONG_REPLY"),
    # Each line stripped before it is reversed: A's and C's second lines end in a control byte, spaces, a tab and b"\r"
    # before b"\n", by construction (not by the flood's chance bytes); told with lesson 5's hint about stripping.
    Bug(LESSON, "strips_the_line_end", REPLY, "CROWD_WRONG_REPLY+LINE_STRIPPED_HINT"),
    # A's last line without b"\n", then its EOF: answered (and counted), where the lesson drops it.
    Bug(LESSON, "answers_the_last_partial_line", REPLY, "CROWD_EOF_LINE_ANSWERED"),
    Bug(LESSON, "answers_the_last_partial_line", COUNT, "CROWD_COUNT"),
    Bug(LESSON, "never_closes_connections", FIN, "CROWD_NO_FIN+CROWD_NO_FIN_LOOP_HINT"),
    # Closed only where recv() returns b"" with nothing queued (a trial's): F's EOF comes with replies held, they
    # drain later, and F's socket stays open. Told from the kernel (CLOSE_WAIT, nothing unsent, still the server's)
    # as a close owed once the last reply after the EOF is sent, not as "close when recv() returns b''".
    Bug(LESSON, "never_closes_once_replies_drain", FIN, "CROWD_NO_FIN+CROWD_NO_FIN_AFTER_DRAIN_HINT", linux_only=True),
    # unregister() without close(): the FIN hint says unregister() only forgets the socket; the six sockets dropped
    # are counted as six, not "a socket" (a trial's, in the Chinese edition)
    Bug(LESSON, "unregisters_without_closing", FIN, "CROWD_NO_FIN+CROWD_NO_FIN_LOOP_HINT"),
    Bug(LESSON, "unregisters_without_closing", CLOSED, "SOCKET_NOT_CLOSED+SOCKET_GC_MANY"),
    # ...G's socket too, after its reset: still a descriptor of the server's once it sleeps again (the loop's `sock`
    # holds it, by construction), told by the reset check.
    Bug(LESSON, "unregisters_without_closing", RESET, "CROWD_RESET_KEPT_ASLEEP", linux_only=True),
    Bug(LESSON, "never_closes_connections", CLOSED, "CLOSE_WAIT_LEFT"),
    Bug(LESSON, "returns_none", COUNT, "CROWD_COUNT"),
    # one line counted per send(): told to count in the loop, per line queued (one thread: no "thread" hint)
    Bug(LESSON, "counts_sends_not_lines", COUNT, "CROWD_COUNT+COUNT_QUEUED_HINT"),
    # every interface (0.0.0.0) answers on the host too: the kernel's table of listeners tells
    Bug(LESSON, "binds_every_interface", LISTEN, "WRONG_ADDRESS_ALL"),
    # A reset client's lines taken off the count: told which lines count, not that "each got its reply" (G's did not).
    Bug(LESSON, "reset_loses_lines", COUNT, "CROWD_COUNT+COUNT_QUEUED_HINT"),
    # B's last line, read by the recv() before the one that raises ConnectionResetError, dropped with a local buffer:
    # the hint says that line is queued and counted (lesson 8), not "answered" (lesson 7's threads).
    Bug(LESSON, "drains_into_a_local_buffer", COUNT, "CROWD_COUNT+COUNT_QUEUED_HINT"),
    # recv() returning b"" not taken for EOF: the loop spins on a socket at its EOF (the kernel: D's in CLOSE_WAIT),
    # told as that, not as a timeout of 0 or EVENT_WRITE.
    Bug(LESSON, "no_eof_handling", IDLE, "CROWD_BUSY_WAIT+BUSY_EOF_HINT", linux_only=True),
    # Reading stopped at the bound, never asked for again: F's lines and EOF left in the receive queue, told as that
    # (ask for EVENT_READ again once the replies drain), not as "close at EOF".
    Bug(LESSON, "never_resumes_reading", DELIVERED, "LOOP_FLOOD_NOT_READ_AGAIN+LOOP_RESUME_HINT", linux_only=True),
    Bug(LESSON, "never_resumes_reading", FIN, "CROWD_NO_FIN_UNREAD+LOOP_RESUME_HINT", linux_only=True),
    # ...and closed once its replies are sent, F's lines unread: the RST of that close is told as that (the kernel
    # showed F's lines in the server's receive queue, never read again), not as dropped replies or a missing close.
    # On a loaded machine its close was seen once in about 20 as a FIN (the verdict stays: F's replies are short
    # and its end is not the FIN after its EOF), told then by the older messages: either is right.
    Bug(LESSON, "never_resumes_then_closes", DELIVERED, "LOOP_FLOOD_CLOSED_UNREAD|LOOP_FLOOD_REPLIES", linux_only=True),
    # Its FIN check is not asserted: its close is an RST when F's last lines already wait in the server's queue,
    # and a FIN when they reach it only after (F sends them as it drains); seen passing once in three CI runs.
    # DELIVERED fails it every time (test_templates_proven: CROWD_CLOSED_UNREAD is TIMING_ONLY).
    # Done only at EOF, never at a reset: the loop waits after every client finished, and is told so.
    Bug(LESSON, "done_only_on_eof", COUNT, "CROWD_ALL_DONE_HUNG", outcomes=("timeout",), linux_only=True),
    # The listener closed while still registered (PollSelector): accept() raises EBADF; the hint says to unregister
    # before closing, not "close only when done".
    Bug(LESSON, "listener_closed_not_unregistered_poll", SERVED, "RAISED+EBADF_ACCEPT_HINT"),
    # modify() without data: a client's event taken for the listener's, accept() spinning on an empty accept queue.
    # The kernel shows the server on the CPU, never asleep, and the listener with nothing to accept: told so, not
    # "busy with one client or waiting elsewhere".
    Bug(LESSON, "modify_without_data", SERVED, "CROWD_NOT_SERVED+CROWD_ACCEPT_SPIN_HINT", linux_only=True),
    Bug(LESSON, "modify_without_data_skips_it", SERVED, "CROWD_NOT_SERVED+CROWD_SPIN_HINT", linux_only=True),
    # The re-register step dedented out of the for loop over select()'s events (a trial's; it passed every check):
    # A's and C's lines reach the server's kernel together while its process is stopped (Crowd._together), so both
    # are in one select() batch and the key that is not the batch's last keeps its reply with no write interest.
    Bug(LESSON, "reregister_dedented", SERVED, "CROWD_NOT_SERVED+CROWD_TOGETHER_HINT", linux_only=True),
    # a trial's: the reset handler closes B's socket but has no continue, so sel.modify() of the closed socket raises
    # ValueError (its descriptor is -1): said as a socket used after its close, not "catch ConnectionResetError"
    Bug(LESSON, "modify_after_close_without_continue", RESET, "CROWD_RESET_BROKE_USED_AFTER_CLOSE"),
]

STYLES: list[str] = [
    "style_select_timeout_with_a_stop_flag",  # select(timeout=1.0) to look at a flag: the hold costs its timer once
    "style_callbacks",
    "style_data_dict",  # selector.select(timeout=None), said in full
    "style_select_select",  # select.select() with lists to read and to write: any readiness API
    "style_poll_fd_dicts",  # select.poll(), buffers in dicts keyed by fd (written from COURSE.md)
    "style_epoll_edge_triggered",  # epoll, EPOLLET: every read and write drained until EAGAIN or the bound
    "style_epoll_level_triggered",  # raw epoll without EPOLLET: one recv() per event, modify() when the mask changes
    # Not a correct style: a known gap (INSTRUCTORS.md, "Inputs the reference peers never send"). A cap of 64 KiB on
    # a line's length passes while no client's line is longer than F's 16 KiB; lesson 7's D sends one over 1 MiB.
    "line_cap_64k",
]


@pytest.mark.parametrize("bug", BUGS, ids=lambda bug: f"{bug.name}-{bug.check.removeprefix('test_loop_')}")
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug, as_a_student=True)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)


def test_a_reset_nothing_met_is_told_as_that() -> None:
    """A trial's loop dropped read interest after a write-only event and never restored it, with nothing queued
    for G once its reply was written: no call on G's socket met G's reset (its epoll registration has no EPOLLIN,
    its pending error still ECONNRESET: the kernel's). The reset check says that (CROWD_RESET_UNASKED), not "your
    loop went round and round writing to a connection that was gone" (CROWD_RESET_KEPT, an except: pass around
    send()). Graded on that check alone: the whole lesson's report of this submission is 42 lines, over one screen
    (a busy wait, two checks hinted alike at the resumed read, a stopped call), which the catalogue's BUGS entry
    would also hold it to (`assert_fits_on_one_screen`)."""
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("the epoll registration and the socket's pending error are Linux's kernel view")
    # Whether G's reply goes out on a write-only event (and read interest is lost) is the loop's own race: the
    # delivery check fails it every run (or stops it spinning); the reset check, when it fails it, says so.
    from tests.grading import SUBMISSIONS, describe, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "read_interest_never_restored.py", LESSON, checks=[DELIVERED, RESET])
    assert graded.checks[DELIVERED]["outcome"] in ("failed", "slow"), describe(graded, DELIVERED)
    if graded.checks[RESET]["outcome"] != "passed":
        assert graded.checks[RESET]["template"] == "CROWD_RESET_UNASKED", describe(graded, RESET)
