"""Lesson threaded_server: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "threaded_server"

LISTEN = "test_threads_listen_on_a_port_in_time_wait"
SERVED = "test_threads_serve_a_client_while_others_idle_mid_line"
THREADS = "test_threads_run_each_client_in_a_thread"
IDLE = "test_threads_sleep_while_every_client_is_idle"
REPLY = "test_threads_reply_to_each_line_reversed"
FIN = "test_threads_close_each_connection_after_its_eof"
RESET = "test_threads_survive_a_client_that_resets"
LISTENER = "test_threads_close_the_listener_after_the_last_accept"
JOINED = "test_threads_wait_for_every_thread_before_returning"
COUNT = "test_threads_return_the_number_of_lines_answered"
CLOSED = "test_threads_close_every_socket"

BUGS = [
    # replies written through makefile("rwb"), never flushed (a second trial's): told with a hint on flush()
    Bug(LESSON, "makefile_never_flushed", SERVED, "CROWD_NOT_SERVED+MAKEFILE_UNFLUSHED_HINT", linux_only=True),
    # the number of clients (len(threads)) returned for the number of lines: said as that
    Bug(LESSON, "returns_the_client_count", COUNT, "CROWD_COUNT_CLIENTS"),
    # No SO_REUSEADDR: the grader's own TIME_WAIT on the port makes bind() fail.
    Bug(LESSON, "no_reuseaddr", LISTEN, "CROWD_REUSEADDR"),
    # Serving clients one after another, or a pool smaller than count: D (or B) is never answered.
    Bug(LESSON, "sequential", SERVED, "CROWD_NOT_SERVED+CROWD_NOT_SERVED_HINT"),
    # ...said where the main thread waits (issue 14): for the pool's workers, or in a join() inside the accept loop
    Bug(LESSON, "pool_too_small", SERVED, "CROWD_NOT_SERVED+CROWD_POOL_TOO_SMALL_HINT"),
    # an independent trial (issue 14): ThreadPoolExecutor() of the default size (min(32, CPUs + 4) workers) passed
    # with 4 clients; 87 more idle ones (`clients.HERD`) leave D without a worker on any machine
    Bug(LESSON, "default_pool", SERVED, "CROWD_NOT_SERVED+CROWD_WHILE_HERD+CROWD_POOL_TOO_SMALL_HINT"),
    # an independent trial's, which passed every check: ThreadPoolExecutor(max_workers=min(count, 40)); 90 idle
    # clients (A, B, C and `clients.HERD`) now hold every worker of a pool capped below count when D comes
    Bug(LESSON, "pool_capped_below_count", SERVED, "CROWD_NOT_SERVED+CROWD_WHILE_HERD+CROWD_POOL_TOO_SMALL_HINT",
        linux_only=True),
    # (the kernel shows B never accepted: still in the accept queue)
    Bug(LESSON, "joins_each_thread_in_the_accept_loop", SERVED,
        "CROWD_NOT_SERVED+CROWD_NOT_ACCEPTED+CROWD_JOIN_IN_LOOP_HINT", linux_only=True),
    # The third client refused (the listener closed too soon); a connection closed before its client's EOF.
    Bug(LESSON, "closes_the_listener_after_two_clients", SERVED, "CROWD_REFUSED"),
    Bug(LESSON, "closes_after_the_first_line", SERVED, "CROWD_CLOSED_EARLY"),
    # an independent trial (issue 14): range(count - 1), then the listener closed; D's connect comes once the server
    # sleeps (every earlier client accepted, or never to be), so it is refused every time, and said as that
    Bug(LESSON, "accepts_one_client_too_few", SERVED, "CROWD_REFUSED+CROWD_ACCEPTED_FEWER"),
    # A timeout on the last accept(): the grader holds before the last client until every short timer of the server
    # has had its chance to fire (clients.Crowd._outwait), so it gives up first, by construction (a trial's).
    Bug(LESSON, "last_accept_with_a_timeout", SERVED, "CROWD_GAVE_UP_IN_SILENCE", linux_only=True),
    # independent trials', which passed every check: settimeout(3.0) on the listener, a timeout ends the accept loop.
    # Before D the grader holds until the main thread's own timer (2 s to 10 s, the kernel's view) has fired
    # (clients.Crowd._outwait_main): D is refused, or never accepted, and that timer is named, by construction
    Bug(LESSON, "listener_timeout_ends_the_accept_loop", SERVED, "CROWD_GAVE_UP_ON_MAIN_TIMER", linux_only=True),
    Bug(LESSON, "listener_timeout_keeps_the_listener_open", SERVED,
        "CROWD_NOT_SERVED+CROWD_NOT_ACCEPTED+CROWD_MAIN_TIMER_HINT", linux_only=True),
    # An empty line (b"\n") is a line: client D sends one, so an assertion that lines are not empty fails (a trial's).
    Bug(LESSON, "asserts_a_line_is_not_empty", SERVED, "CROWD_THREAD_DIED"),
    # shutdown() of a reset connection raises ENOTCONN: its hint says so, not "the listening socket" (a trial's).
    Bug(LESSON, "shutdown_after_a_reset_unguarded", RESET, "CROWD_THREAD_DIED_LATE+ENOTCONN_SHUTDOWN_HINT"),
    # ...or closed with the last client's connection in its accept queue: the kernel resets it (the grader waits for
    # the server to be idle after each connect, so the reset is in before that client sends), said as that
    Bug(LESSON, "closes_the_listener_with_a_client_waiting", SERVED, "CROWD_RESET_IN_QUEUE+CROWD_ACCEPTED_FEWER",
        linux_only=True),
    # A thread that dies of its own exception before its client is served (not of a reset): the cause, told first.
    Bug(LESSON, "thread_args_not_a_tuple", SERVED, "CROWD_THREAD_CRASHED"),
    # ...closed because its thread died of an exception of the code's own: that exception, its line and its hint
    Bug(LESSON, "thread_decodes_the_line", SERVED, "CROWD_THREAD_DIED"),
    Bug(LESSON, "thread_typo_in_a_name", SERVED, "CROWD_THREAD_DIED"),
    Bug(LESSON, "decodes_each_piece", SERVED, "CROWD_THREAD_DIED"),
    # A crash of one client's thread ending the server; its lines lost; its socket left open.
    Bug(LESSON, "reset_crashes_server", RESET, "CROWD_RESET_CRASH"),
    # the first worker's exception raised in the main thread: H1's reset, met by recv(), ends the server
    Bug(LESSON, "first_reset_ends_the_server", RESET, "CROWD_RESET_CRASH", linux_only=True),
    Bug(LESSON, "reset_kills_the_thread", RESET, "CROWD_RESET_THREAD_DIED+CROWD_RESET_RECV_ALSO", linux_only=True),
    Bug(LESSON, "reset_loses_lines", COUNT, "CROWD_COUNT"),
    # an independent trial's, which passed every check: ConnectionResetError caught around sendall() only, B's reset
    # always met there; H1 now resets once its reply was read, its thread back in recv(), so recv() meets it (Linux)
    Bug(LESSON, "reset_caught_around_sendall_only", RESET, "CROWD_RESET_RECV_THREAD_DIED", linux_only=True),
    # A line counted before its reply is sent: B's last line, whose reply meets the reset, counted (Linux: the
    # grader stops the server while B ends its line and resets).
    Bug(LESSON, "counts_before_sending", COUNT, "CROWD_COUNT", linux_only=True),
    Bug(LESSON, "reset_socket_left_open", CLOSED, "SOCKET_NOT_CLOSED"),
    # The listener left open; threads not joined.
    Bug(LESSON, "listener_left_open", LISTENER, "CROWD_LISTENER_OPEN"),
    # On 0.0.0.0, still listening: no LISTEN row on the run's address, yet a further connect is accepted.
    Bug(LESSON, "listens_on_every_interface_after_the_last_accept", LISTENER, "CROWD_NOT_REFUSED"),
    # socket.setdefaulttimeout() at import: accept() times out while the grader holds before D (a trial's)
    Bug(LESSON, "default_timeout_on_the_listener", SERVED, "RAISED+TIMEOUT_ON_ACCEPT_HINT", linux_only=True),
    # One recv() taken for one line: the wrong reply to D's split line is the story, not a server busy elsewhere
    Bug(LESSON, "one_recv_is_one_line", SERVED, "CROWD_WRONG_REPLY+CROWD_PIECE_ANSWERED_HINT"),
    Bug(LESSON, "never_joins", JOINED, "CROWD_NOT_JOINED"),
    # A wait of its own (a Condition over a counter of live threads) is not a join(): told under this check only.
    Bug(LESSON, "waits_on_a_condition_not_a_join", JOINED, "THREADS_UNJOINED"),
    # ...each thread sleeping 0.2 s after saying so, before its close (a trial's): C's FIN comes after the function
    # returned, from a thread still running. Not "saw nothing" (`Crowd._await_close`): the join is the story.
    Bug(LESSON, "waits_on_a_condition_then_sleeps", JOINED, "THREADS_UNJOINED"),
    Bug(LESSON, "joins_only_the_first_thread", JOINED, "CROWD_NOT_JOINED_ONE|CROWD_NOT_JOINED"),
    # Joined with a timeout: asleep while clients are idle, as a join() is, but it returns by itself.
    # (91 joins of 0.05 s: C alone is left, or A too where the phases before took longer)
    Bug(LESSON, "joins_with_a_timeout", JOINED, "CROWD_NOT_JOINED_ONE|CROWD_NOT_JOINED+JOIN_TIMEOUT_HINT"),
    Bug(LESSON, "joins_each_thread_with_a_timeout_once", JOINED, "CROWD_NOT_JOINED_ONE|CROWD_NOT_JOINED"),
    Bug(LESSON, "linger_zero_on_each_connection", FIN, "CROWD_NO_FIN+LINGER_RST_HINT"),
    # Correct, but with one thread: that is lesson 8.
    Bug(LESSON, "one_thread_selectors", THREADS, "CROWD_ONE_THREAD"),
    # an independent trial's, which passed every check: the last client served by the main thread itself, after
    # the listener's close; the kernel shows that thread (its id is the process's) asleep reading D's socket
    Bug(LESSON, "main_thread_serves_the_last_client", THREADS, "CROWD_MAIN_THREAD_SERVED", linux_only=True),
    # Busy-waiting: a loop around a non-blocking recv() that catches BlockingIOError.
    Bug(LESSON, "busy_waits_on_a_nonblocking_socket", IDLE, "CROWD_BUSY_WAIT+BUSY_THREADS_HINT"),
    # recv() with a 0.2 s timeout, retried, in each of 91 threads (a second trial's): the look for wakeups ended early,
    # each relative timeout taken as due past what was left of it; every timer shorter than a whole look now counts
    Bug(LESSON, "polls_recv_with_a_short_timeout", IDLE, "CROWD_POLLS+POLL_THREADS_HINT", linux_only=True),
    # Wrong replies, connections never closed.
    Bug(LESSON, "reverses_the_newline", REPLY, "CROWD_WRONG_REPLY"),
    # an independent trial's: empty lines skipped (no reply to b"\n"); its hint said "a part of the line answered"
    Bug(LESSON, "skips_empty_lines", REPLY, "CROWD_WRONG_REPLY+EMPTY_LINE_SKIPPED_HINT"),
    # an independent trial (issue 14): A's last words before its EOF, a line without b"\n", answered and counted
    Bug(LESSON, "answers_the_last_partial_line", REPLY, "CROWD_EOF_LINE_ANSWERED"),
    Bug(LESSON, "never_closes_connections", FIN, "CROWD_NO_FIN+CROWD_NO_FIN_HINT"),
    # an independent trial (issue 14): a line is every byte before b"\n", C's first line ends in " \t\r"
    Bug(LESSON, "strips_each_line", REPLY, "CROWD_WRONG_REPLY+LINE_STRIPPED_HINT"),
    # an independent trial's, which passed every check: splitlines() ends a line at a lone b"\r" too; D sends one
    # inside a line, and a piece that ends between b"\r" and b"\n" (`clients.D_CR_PIECES`)
    Bug(LESSON, "splits_with_splitlines", REPLY, "CROWD_WRONG_REPLY+CR_SPLIT_HINT"),
    # independent trials', which passed every check (no client sent a line in 3+ pieces, a line over 4 KiB, or one
    # line twice): D now does all three (`clients.D_MORE_PIECES`). A piece without b"\n" put in the buffer's place:
    Bug(LESSON, "buffer_replaced_by_a_piece", REPLY, "CROWD_WRONG_REPLY+CROWD_START_LOST_HINT"),
    # ...makefile().readline(4096): D's 12 KiB line comes back cut, without b"\n", and the thread ends there
    Bug(LESSON, "readline_with_a_limit", SERVED, "CROWD_LONG_LINE_CLOSED"),
    # ...a set of (address, line) counted: D's line sent three times counts once
    Bug(LESSON, "counts_distinct_lines_in_a_set", COUNT, "CROWD_COUNT+COUNT_REPEATED_HINT"),
    # shutdown() at each EOF, never close(): every one of the 91 dropped sockets counted (`test_every_dropped_...`)
    Bug(LESSON, "shutdown_never_closes", CLOSED, "SOCKET_NOT_CLOSED+SOCKET_GC_MANY"),
    # ...one count per recv() with a newline: A's last piece holds two lines, so it never balances out
    Bug(LESSON, "counts_once_per_recv", COUNT, "CROWD_COUNT"),
    # ...every interface (0.0.0.0) answers on the host too: the kernel's table of listeners tells
    Bug(LESSON, "binds_every_interface", LISTEN, "WRONG_ADDRESS_ALL"),
    # ...the reset handler's own shutdown() raises OSError (ENOTCONN): the thread dies of that
    Bug(LESSON, "shutdown_after_the_reset", RESET, "CROWD_THREAD_DIED_LATE"),
    # ...a 1 s timeout taken for EOF: A and C, idle mid-line, closed (said so, not "did not wait for threads")
    Bug(LESSON, "timeout_taken_for_eof", FIN, "CROWD_CLOSED_MID_LINE"),
    # every idle client closed: each is named, not only the first (a trial's report named B alone)
    Bug(LESSON, "reaps_idle_clients", IDLE, "CROWD_CLOSED_MID_LINE+CROWD_CLOSED_ALSO", linux_only=True),
    # ...A's thread died of UnicodeDecodeError at its first bytes: told as that, not as B's reset's doing
    Bug(LESSON, "makefile_text_mode", FIN, "CROWD_THREAD_DIED"),
    # A line cap copied from lesson 5's MAX_FRAME habit (a trial's 16 KiB; it passed every check while D's longest line
    # was 12 KiB): D now sends a line over 1 MiB (D_HUGE_LINE), past any cap of 1 MiB or less.
    Bug(LESSON, "line_cap_16k", SERVED, "CROWD_LONG_LINE_CLOSED"),
    # ...which a server reading one byte at a time, its whole buffer split again after each, takes minutes over (its
    # time grows with the square of the line's length): told as still at work on that line, the kernel's view (it was
    # the reference's mutant recv(1), equivalent while D's longest line was 12 KiB)
    Bug(LESSON, "reads_one_byte_at_a_time", SERVED, "CROWD_NOT_SERVED+CROWD_LONG_LINE_SLOW_HINT", linux_only=True),
    # Only the last thread joined, or socketserver's daemon_threads (trials'): the count check said nothing of the
    # value returned, and the socket check told only the threads left running (one text under both titles).
    Bug(LESSON, "join_last_only", COUNT, "CROWD_COUNT_THREADS_LEFT", linux_only=True),
    Bug(LESSON, "join_last_only", CLOSED, "CROWD_SOCKETS_HELD_BY_THREADS", linux_only=True),
    Bug(LESSON, "socketserver_daemon", COUNT, "CROWD_COUNT_THREADS_LEFT", linux_only=True),
    # a trial's, which passed every check: the reset caught around each sendall() with "pass", the loop going on
    # with the other lines of the same recv(); B's one line before its reset let it pass. B now ends its line with
    # two more behind it in the same segment, all queued with the RST while the server is stopped (`clients.B_AFTER`):
    # the first sendall() meets the reset, the next raises BrokenPipeError, and the thread dies with B's count
    Bug(LESSON, "reset_caught_per_sendall_then_goes_on", RESET, "CROWD_RESET_THREAD_DIED+CROWD_RESET_SENT_AGAIN_HINT",
        linux_only=True),
    Bug(LESSON, "reset_caught_per_sendall_then_goes_on", COUNT, "CROWD_COUNT", linux_only=True),
    # a trial's: strip(b" ") drops C's leading space; C sent that line whole, so it was trimmed, not cut by a lost
    # recv() (the hint said "the bytes of it that came in earlier recv()s were lost")
    Bug(LESSON, "strips_spaces_around_each_line", REPLY, "CROWD_WRONG_REPLY+CROWD_LINE_TRIMMED_HINT"),
]

STYLES: list[str] = [
    "style_join_while_any_alive",  # is_alive() polled, a live thread joined with a timeout: ends seen, not joined
    "style_join_with_a_timeout_while_alive",  # while t.is_alive(): t.join(0.5)
    "style_lock_and_makefile",
    "style_thread_pool",
    "style_socketserver",
    "style_workers_started_first",
    "style_acceptor_thread",  # accept() in a thread of its own; the main thread only joins (in join() without timeout)
    "style_threads_leave_the_kernel_late",  # joined, then 0.2 s more in the kernel: not a thread left running
    # 0.2 s asleep in its with-block after the EOF, then the close: the lesson sets no deadline for that FIN (a
    # trial's 0.1 s was told "saw nothing"; the grader now waits out the server's own timers, `Crowd._await_close`)
    "style_closes_after_a_pause",
    # Not a correct style, but one that passes by design (INSTRUCTORS.md, "Inputs the reference peers never send"):
    # a socketserver handler that lets ConnectionResetError out (a trial's). handle_error() prints it and
    # shutdown_request() closes the socket: on the wire and in the kernel it is what correct code does.
    "socketserver_lets_the_reset_out",
    # Passes by design too (INSTRUCTORS.md, "Inputs the reference peers never send"): the listener closed inside the
    # accept loop at its last turn (a trial's), so a call with count 0 would leave it open; count 0 is not in the
    # contract (the lesson's own ThreadPoolExecutor(max_workers=count) raises ValueError at 0), so it is never made.
    "closes_the_listener_in_the_accept_loop",
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug, as_a_student=True)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)


def test_a_hang_shows_where_the_functions_own_thread_waited() -> None:
    """A function stuck in join() on a thread that waits on a timer: the report shows that thread's stack and the
    join() where the function's own thread waited (a trial's report showed only the watchdog's loop)."""
    from graders.text import messages
    from tests.grading import SUBMISSIONS, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "joins_the_watchdog_before_stopping_it.py", LESSON)
    hung = [r for r in graded.checks.values() if r["outcome"] == "timeout"]
    assert hung, graded.output
    assert messages.MAIN_STUCK_AT.strip() in hung[0]["message"] and "dog.join()" in hung[0]["message"], hung[0]


def test_a_wait_of_its_own_is_told_under_the_join_check_only() -> None:
    """Threads waited for by a Condition, not joined: "waits for every thread" fails (the catalogue above), and the
    checks of the count and of the sockets judge what they observe, both right (a trial saw THREADS_UNJOINED in
    all three, twice for a cause those checks are not about)."""
    from tests.grading import SUBMISSIONS, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "waits_on_a_condition_not_a_join.py", LESSON, checks=[COUNT, CLOSED])
    assert {name: r["outcome"] for name, r in graded.checks.items()} == {COUNT: "passed", CLOSED: "passed"}, graded.output


def test_a_late_close_after_the_return_is_not_told_as_no_close() -> None:
    """Threads waited for by a Condition, each asleep 0.2 s after saying it is done, before its close: the last
    client's FIN comes after the function returned, from a thread still running. The close check passes (a trial's
    was told "saw nothing" first, its real mistake, the missing join(), second)."""
    from tests.grading import SUBMISSIONS, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "waits_on_a_condition_then_sleeps.py", LESSON, checks=[FIN])
    assert graded.checks[FIN]["outcome"] == "passed", graded.output


def test_every_dropped_socket_is_counted() -> None:
    """91 connections shut down and never closed: the report counts all 91 (a trial's said 20, the number the
    student's process describes one by one), each still open in the kernel."""
    from graders.engine.clients import HERD
    from graders.text import messages
    from tests.grading import SUBMISSIONS, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "shutdown_never_closes.py", LESSON, checks=[CLOSED])
    message = graded.checks[CLOSED]["message"]
    assert messages.counted(messages.SOCKETS, HERD + 4) in message, message


def test_a_crash_at_a_reset_names_the_client_that_reset() -> None:
    """The function ended with the ConnectionResetError of H1's reset (met by recv(), before B's): the report names
    H1, and B where the reset was met by a send (the message named B whichever it was)."""
    import sys

    from tests.grading import SUBMISSIONS, grade_file

    if not sys.platform.startswith("linux"):
        pytest.skip("H1 is one of the herd, which only Linux's kernel view brings")
    for name, client in (("first_reset_ends_the_server", "H1"), ("reset_crashes_server", "B")):
        message = grade_file(SUBMISSIONS / LESSON / f"{name}.py", LESSON, checks=[RESET]).checks[RESET]["message"]
        assert f"Client {client} reset its connection (RST), and serve_clients()" in message, message
