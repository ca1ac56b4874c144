"""Lesson timeouts: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "timeouts"

GOOD = "test_first_reply_moves_past_a_refused_and_a_silent_server"
SILENT = "test_first_reply_abandons_a_silent_server_at_its_deadline"
TRICKLE = "test_first_reply_abandons_a_trickling_server_at_its_deadline"
RESET = "test_first_reply_treats_a_reset_as_a_failure"
SLOW = "test_first_reply_waits_for_a_slow_server_that_answers_in_time"
NONE = "test_first_reply_raises_connectionerror_naming_every_server"
ORDER = "test_first_reply_tries_the_servers_in_order"
CLOSED = "test_first_reply_closes_every_socket"


BUGS = [
    # close() on a socket never made (None), in an except (a third trial's): a None, not a misspelt name
    Bug(LESSON, "closes_a_socket_never_made", SILENT, "RAISED+NONE_ATTRIBUTE_HINT"),
    # a typo in the code: its exception with its file and line, not a verdict about servers
    Bug(LESSON, "typo_in_a_call", GOOD, "RAISED"),
    # shutdown(SHUT_WR) then close(): the request did end, the reply was never waited for
    Bug(LESSON, "closes_before_the_reply", GOOD, "RAISED_INSTEAD+CLOSED_BEFORE_REPLY_HINT"),
    # sendall() and shutdown(SHUT_WR) under `if request:` (an independent trial; it passed 8/8): given b"", no FIN, so
    # the good server never replies and the code raises ConnectionError. Told as the FIN missing after an empty request.
    Bug(LESSON, "no_fin_on_empty_request", GOOD, "EMPTY_REQUEST_GIVEN+RAISED_INSTEAD+EMPTY_REQUEST_NO_FIN_HINT"),
    # a per-recv timeout instead of a deadline (and no timeout at all)
    Bug(LESSON, "per_recv_timeout", TRICKLE, "TRICKLE_NOT_ABANDONED"),
    # (The stall comes while more than half the timeout is left, and the kernel shows the whole timeout given to the
    # recv() begun after the last byte: stopped there, by construction, told as that wait.)
    Bug(LESSON, "deadline_between_recvs", TRICKLE, "WAITS_PAST_DEADLINE", linux_only=True),
    # ...and with SO_RCVTIMEO on a blocking socket, a wait whose timeout the kernel's view of waits does not read:
    # judged on the clock, still connected past its bound after the stall.
    Bug(LESSON, "deadline_between_recvs_rcvtimeo", TRICKLE, "STALL_NOT_ABANDONED"),
    # what trickled in before the deadline returned as the reply: abandoned in time, but as a success
    Bug(LESSON, "deadline_is_success", TRICKLE, "WRONG_RESULT+DEADLINE_IS_FAILURE_HINT"),
    # Stopped past a silent server's deadline: the trickling check says so (that server's check tells it), not "hung"
    Bug(LESSON, "time_left_doubled", TRICKLE, "STOPPED_PAST_DEADLINE"),
    Bug(LESSON, "no_timeout_at_all", SILENT, "SILENT_NOT_ABANDONED"),
    # No timeout at all after the connect: the trickling check says so (the kernel shows the socket blocking, with no
    # SO_RCVTIMEO), not "a timeout on each recv() restarts with every byte" (a trial's).
    Bug(LESSON, "timeout_for_connect_only", TRICKLE, "TRICKLE_NO_TIMEOUT", linux_only=True),
    # Sleeps between non-blocking reads: the slow server's second half (0.1 s in) and FIN sat in its socket while it
    # slept the whole timeout; said so, not "start a new deadline for each server" (a trial's). The slow list, by
    # construction: a good server may answer before the first read, so the other lists depend on timing.
    # Under a loaded CI (-n 4) the slow server's accept came 0.09 s after the client's connect, its plan timed from
    # that accept: the FIN reached the socket just before the code woke at its deadline, and the wire said "moved on
    # after the FIN" on all three plays. A failure either way; which words, the machine's load decides (left open:
    # time the plan from the client's SYN).
    Bug(LESSON, "sleeps_between_reads", SLOW,
        "RAISED_INSTEAD|MOVED_ON_AFTER_REPLY+SLEPT_THROUGH_REPLY_HINT|MOVED_ON_AFTER_REPLY"),
    # A file from makefile() left open holds each socket the with-block close()d: told as the file, in both checks.
    Bug(LESSON, "makefile_left_open", SILENT, "HELD_AFTER_MOVING_ON+HELD_BY_FILE_HINT", linux_only=True),
    Bug(LESSON, "makefile_left_open", CLOSED, "MAKEFILE_LEFT_OPEN"),
    # Nothing tried: no pass without a judgement in the order and the sockets checks (a trial's class got points).
    # host：port typed with a Chinese input method's colon: told so (a trial could hardly see the difference).
    Bug(LESSON, "full_width_colon_in_the_message", NONE, "ERROR_MISSES_SERVERS+FULLWIDTH_COLON_HINT"),
    Bug(LESSON, "returns_without_trying", ORDER, "NEVER_CONNECTED"),
    Bug(LESSON, "returns_without_trying", CLOSED, "NEVER_CONNECTED"),
    Bug(LESSON, "raises_before_trying", ORDER, "RAISED"),
    Bug(LESSON, "raises_before_trying", CLOSED, "RAISED"),
    # Each wait given the time left plus a margin: the kernel shows a wait whose timeout ends past the deadline
    # and its slack (graders/engine/waits.py), so it is told on a busy machine too, not only by the clock.
    Bug(LESSON, "timeout_with_margin", SILENT, "WAITS_PAST_DEADLINE", linux_only=True),
    # connect() without a timeout: the deaf server never answers the handshake (a trial's; it passed)
    Bug(LESSON, "connect_without_a_timeout", SILENT, "DEAF_NOT_ABANDONED", linux_only=True),
    # The time left never checked: the trickling list stops the client (SIGSTOP) until its deadline has passed
    # with a byte waiting, so settimeout() gets a negative time by construction (ValueError).
    Bug(LESSON, "time_left_never_checked", TRICKLE, "RAISED+ERRNO_HINTS[Timeout value out of range]", linux_only=True),
    Bug(LESSON, "one_deadline_for_all_servers", GOOD, "RAISED_INSTEAD+OWN_DEADLINE_HINT"),
    # ...its request ended with shutdown(SHUT_WR), the deadline spent on a connect() never answered: the good server
    # sees the request, the FIN and the close at once, and the hint names the shared deadline (an independent trial)
    Bug(LESSON, "one_deadline_spent_on_a_deaf_server", SILENT, "RAISED_INSTEAD+OWN_DEADLINE_HINT", linux_only=True),
    # treating RST as success
    Bug(LESSON, "reset_is_success", RESET, "WRONG_RESULT+RST_IS_FAILURE_HINT"),
    # An independent trial's: a reply of no byte (the server's FIN at once) taken for a failure, the next server tried.
    # No reference server sent one (it passed): the empty_reply list's first server does, a good one after it.
    Bug(LESSON, "empty_reply_taken_for_a_failure", RESET, "WRONG_RESULT+EMPTY_REPLY_IS_A_REPLY_HINT"),
    # The servers answer whatever they get: only what they received shows a request never sent.
    Bug(LESSON, "never_sends_the_request", GOOD, "REQUEST_NOT_SENT"),
    Bug(LESSON, "returns_a_list", GOOD, "RESULT_TYPE"),
    # a tuple, but (int, list): said as such, not "returned a tuple; it must return a tuple"
    Bug(LESSON, "returns_the_chunks", GOOD, "RESULT_ITEM_TYPES"),
    Bug(LESSON, "returns_minus_one_when_none_replied", NONE, "RETURNED_INSTEAD_OF_RAISING+MADE_UP_RESULT_HINT"),
    # ...and the all-fail list's resetting server: what came before its RST returned, told as a reset taken for a reply
    Bug(LESSON, "reset_is_success", NONE, "RETURNED_INSTEAD_OF_RAISING+RST_IS_FAILURE_HINT"),
    Bug(LESSON, "tries_only_the_last_server", SILENT, "NEVER_TRIED"),
    # Stopped at the silent server: the good one after it was never reached, so there is no reply to judge.
    Bug(LESSON, "no_timeout_at_all", GOOD, "STOPPED_PAST_DEADLINE"),
    # sockets of failed servers left open
    Bug(LESSON, "leaves_failed_sockets_open", CLOSED, "FAILED_SOCKETS_OPEN"),
    Bug(LESSON, "drops_failed_sockets", CLOSED, "FAILED_SOCKETS_GC+FAILED_SOCKET_GC_HINT"),
    Bug(LESSON, "drops_every_socket", CLOSED, "FAILED_SOCKETS_GC+EVERY_SOCKET_GC_HINT"),
    # The replying server's socket dropped, the failed ones closed: which server's socket it was (the kernel's row
    # of that inode) picks the hint, never "close a failed server's socket".
    Bug(LESSON, "closes_only_on_failure", CLOSED, "REPLIED_SOCKET_GC"),
    # giving up on a slow but timely server
    Bug(LESSON, "gives_up_at_a_pause", SLOW, "GAVE_UP_ON_SLOW"),
    # the request's end, the final error, the order
    Bug(LESSON, "connect_all_errors_group", GOOD, "RAISED+ERROR_HINTS[ExceptionGroup]"),  # a trial's
    Bug(LESSON, "no_shutdown", GOOD, "RAISED_INSTEAD+NO_REQUEST_EOF_HINT"),
    # ...and the trickling check, whose server never trickled (it waits for the request's end): not a pass (a trial's)
    Bug(LESSON, "no_shutdown", TRICKLE, "NEVER_GOT_TO"),
    Bug(LESSON, "connectionerror_without_addresses", NONE, "ERROR_MISSES_SERVERS"),
    Bug(LESSON, "reraises_the_last_error", NONE, "NOT_A_CONNECTIONERROR"),
    Bug(LESSON, "tries_every_server", ORDER, "WRONG_ORDER"),
    # A refused connect() reaches no reference server: only the packets show the retries (a packet fact).
    Bug(LESSON, "retries_a_refused_server", ORDER, "CONNECTED_AGAIN"),
    # Only TimeoutError caught: a refused connect's ConnectionRefusedError escapes. One cause, told as that,
    # not as a message missing addresses (it is a ConnectionError too) nor as a wrong order.
    Bug(LESSON, "catches_only_timeouts", GOOD, "RAISED_INSTEAD+OSERROR_ESCAPED_HINT"),
    # Its other checks point at that cause, not at a server never tried, and give the hint once, in short.
    Bug(LESSON, "catches_only_timeouts", NONE, "SERVER_ERROR_ESCAPED+ESCAPED_AS_ABOVE_HINT"),
    Bug(LESSON, "catches_only_timeouts", SILENT, "NOT_REACHED_ESCAPED"),
    # Only ConnectionError caught: the silent server's TimeoutError escapes (its socket closed in time by `with`).
    Bug(LESSON, "catches_only_connection_errors", GOOD, "RAISED_INSTEAD+OSERROR_ESCAPED_HINT"),
    # The message names each host:port, but says nothing of what went wrong with it (the contract asks for both).
    Bug(LESSON, "message_without_reasons", NONE, "ERROR_MISSES_REASONS"),
    # A bug of the code raised in one list only fails the checks of that list (test_a_bug_in_one_list_...).
    Bug(LESSON, "valueerror_at_the_deadline", TRICKLE, "RAISED", linux_only=True),
    Bug(LESSON, "keyerror_on_a_reset", RESET, "RAISED"),
    # The slow server's whole reply and FIN reached the socket, then the next server was contacted: told so,
    # not as a give-up before the reply (GAVE_UP_ON_SLOW).
    Bug(LESSON, "no_return_after_a_reply", SLOW, "MOVED_ON_AFTER_REPLY"),
    # Hints from the wire: the socket closed long before the deadline, the server not done (one recv());
    # b"" returned from a server that sent no FIN (SHUT_RDWR); a whole reply with the next index; two replies.
    # (frozen past its deadline in the trickling list, its one recv() returns only after the deadline: then its
    # partial reply reads as the deadline taken for the reply's end, as a fresh clone's CI saw once)
    Bug(LESSON, "one_recv_only", TRICKLE, "WRONG_RESULT+STOPPED_READING_HINT|DEADLINE_IS_FAILURE_HINT"),
    Bug(LESSON, "shuts_down_both_ways", GOOD, "WRONG_RESULT+EOF_WITHOUT_FIN_HINT"),
    # Its reply arriving after the shutdown: the kernel shows the socket's reading side shut when its request
    # ended (sock_diag), so the good server's reply, reset by the code's own kernel, is told as that, not as a
    # deadline shared by the servers; and in the slow check, not as a pause taken for the end.
    Bug(LESSON, "shuts_down_both_ways_then_waits", RESET, "RAISED_INSTEAD+READ_SIDE_SHUT_HINT", linux_only=True),
    Bug(LESSON, "shuts_down_both_ways_then_waits", SLOW, "RAISED_INSTEAD+READ_SIDE_SHUT_HINT", linux_only=True),
    # (1, b"") returned in the slow list: neither "the next server's reply" nor a pause (GAVE_UP_ON_SLOW), but an index
    # of a server it never connected to.
    Bug(LESSON, "index_from_one_shut_rd", SLOW, "WRONG_RESULT+NOT_CONNECTED_INDEX_HINT"),
    # A pause taken for the end: the stalling server's bytes returned, its socket closed before its deadline could
    # have passed (timed from the call's start, which no deadline precedes): a pause, not a deadline, ended it.
    Bug(LESSON, "pause_is_the_end", TRICKLE, "WRONG_RESULT+PAUSE_IS_NOT_END_HINT"),
    # The slow server's first piece ends a line: one recv() and a line's end taken for the end look the same on
    # the wire there, and the hint names both (line_end_is_the_end below).
    Bug(LESSON, "one_recv_only", SLOW, "WRONG_RESULT+LINE_END_IS_NOT_END_HINT"),
    Bug(LESSON, "index_from_one", GOOD, "WRONG_RESULT+WRONG_INDEX_HINT"),
    Bug(LESSON, "index_from_one", SLOW, "WRONG_RESULT+WRONG_INDEX_HINT"),
    Bug(LESSON, "chunks_kept_across_servers", RESET, "WRONG_RESULT+MIXED_REPLIES_HINT"),
    # Stopped at the silent server: the checks it never got to fail, and say so as a failure (not "Not judged").
    Bug(LESSON, "blocking_after_connect", GOOD, "STOPPED_PAST_DEADLINE"),
    # A returned reply is compared with the bytes its server sent, in every check that judges one: a trickling
    # server's bytes kept in front of the good server's reply (its index right) are bytes of another server.
    Bug(LESSON, "buffer_kept_after_a_timeout", TRICKLE, "WRONG_RESULT+MIXED_REPLIES_HINT"),
    # Failed sockets closed only at the end: two silent servers in a row (silent_twice), the first socket seen
    # open by the kernel after the second had the whole request (by construction, not by the clock).
    Bug(LESSON, "closes_all_at_the_end", SILENT, "HELD_AFTER_MOVING_ON+CLOSE_AT_DEADLINE_HINT", linux_only=True),
    # The slow server's first piece ends a line, by construction: a line's end taken for the reply's end.
    Bug(LESSON, "line_end_is_the_end", SLOW, "WRONG_RESULT+LINE_END_IS_NOT_END_HINT"),
    # An empty list: no server replied, ConnectionError all the same (the stub's contract).
    Bug(LESSON, "empty_list_returns_none", NONE, "EMPTY_LIST_RETURNED"),
    Bug(LESSON, "empty_list_is_a_valueerror", NONE, "EMPTY_LIST_NOT_A_CONNECTIONERROR"),
    # An error of the code met only with no server (notes[-1] of no notes): told as that call's, with its hint.
    Bug(LESSON, "empty_list_indexerror", NONE, "EMPTY_LIST_RAISED+EMPTY_LIST_RAISED_HINT"),
    # Work left running holds a socket given up on: told as a thread's or a child's, not "use a with-block".
    Bug(LESSON, "thread_per_server_abandoned", SILENT, "HELD_AFTER_MOVING_ON+HELD_BY_THREAD_HINT", linux_only=True),
    Bug(LESSON, "thread_per_server_abandoned", CLOSED, "THREADS_LEFT"),
    Bug(LESSON, "child_per_server_not_stopped", SILENT, "HELD_AFTER_MOVING_ON+HELD_BY_CHILD_HINT", linux_only=True),
    Bug(LESSON, "child_per_server_not_stopped", CLOSED, "SOCKET_HELD_BY_CHILD", linux_only=True),
    # The wall clock for the deadline (time.time(), time_ns(), or the name imported from time): in the call's
    # process it is set back an hour between every two readings, as NTP or a user may set it, so the deadline
    # moves by construction, and the failure names the line that reads it.
    Bug(LESSON, "wall_clock_deadline", SILENT, "WALL_CLOCK_NOT_ABANDONED"),
    Bug(LESSON, "wall_clock_imported", TRICKLE, "WALL_CLOCK_NOT_ABANDONED"),
    Bug(LESSON, "wall_clock_datetime", SILENT, "WALL_CLOCK_NOT_ABANDONED"),  # datetime.now(): passed before (a trial)
    Bug(LESSON, "wall_clock_realtime", SILENT, "WALL_CLOCK_NOT_ABANDONED"),  # clock_gettime(CLOCK_REALTIME): likewise
    # CPU time for the deadline (time.process_time()): it hardly moves while the code waits, so the trickling server
    # holds it; the failure names the clock and its line, not "a timeout on each recv() restarts" (a trial's).
    Bug(LESSON, "cpu_clock_deadline", TRICKLE, "CPU_CLOCK_NOT_ABANDONED"),
    # The whole timeout for each recv() while more than half of it is left (a trial's; it passed): the stalling server
    # goes quiet while more than half is left, and the kernel shows the wait that ends past the deadline and its slack.
    Bug(LESSON, "whole_timeout_while_half_left", TRICKLE, "WAITS_PAST_DEADLINE", linux_only=True),
    # ("127.0.0.1", port) instead of the host given: every connect refused; told as the address, first (a trial's report
    # blamed a server never connected to, and the notes). The wrong address is seen on the wire only.
    Bug(LESSON, "ignores_the_host", GOOD, "WRONG_HOST", linux_only=True),
    Bug(LESSON, "ignores_the_host", NONE, "WRONG_HOST", linux_only=True),
    # `raise ... from err` after the loop: the name of `except ... as err` is gone once its block ends; the hint says
    # so (read from the source), not "check its spelling" (a trial's).
    Bug(LESSON, "except_as_name_after_the_block", NONE, "RAISED+EXCEPT_AS_CLEARED_HINT"),
    # `deadline += timeout` per server (a trial's; it passed on a busy machine): the refused server's unused time goes
    # to the silent one after it. The carried list (0.6 s each) shows the wait on its socket past that server's own
    # deadline and slack, from the kernel, by construction; told as the time carried over.
    Bug(LESSON, "cumulative_deadline", SILENT, "CARRIED_OVER", linux_only=True),
    # servers.index((host, port)) for the index (a trial's; it passed): one address listed twice, its first connection
    # reset, its second answered: the position of its first listing returned, told so.
    Bug(LESSON, "index_lookup", RESET, "WRONG_RESULT+SAME_ADDRESS_INDEX_HINT"),
    # settimeout(int(left)): 0, a non-blocking socket, BlockingIOError at once (a trial's; the check passed once in three
    # runs, its report hinted at a shared deadline). The good server answers once the client waits: never, by
    # construction; the hint tells of the non-blocking recv(), and so does the trickling check's.
    Bug(LESSON, "int_timeout", GOOD, "RAISED_INSTEAD+NONBLOCKING_HINT", linux_only=True),
    # ...and the trickling list's servers too answer once the client waits: its socket closed before a byte came, the
    # call ended by the same error; not "your code never ended its request" (the trial's report: the FIN was sent).
    Bug(LESSON, "int_timeout", TRICKLE, "NEVER_GOT_TO_NONBLOCKING", linux_only=True),
    # `except ConnectionResetError: continue` before the except that writes the note (a trial's; it passed): the
    # all-fail list holds a server that resets mid-reply too, so its host:port missing from the message is seen.
    Bug(LESSON, "reset_not_noted", NONE, "ERROR_MISSES_SERVERS"),
    # dict.fromkeys(servers) (a trial's): one address listed twice is tried once, then ConnectionError. The wire shows
    # the second listing never connected to: told as a server skipped, not as one deadline for the whole list.
    Bug(LESSON, "skips_a_repeated_server", RESET, "RAISED_INSTEAD+SKIPPED_SERVER_HINT"),
    # f"{host}:{port}: {exc.strerror}" (a trial's; it passed): None for a timeout, which has no errno. A note that
    # says "None" where the reason goes says nothing of what went wrong.
    Bug(LESSON, "note_says_none", NONE, "ERROR_NOTE_SAYS_NONE"),
    # The notes in a dict keyed by host:port (a trial's; it passed): the all-fail list holds the resetting server
    # twice, reset both times, and one note is left of the two.
    Bug(LESSON, "notes_keyed_by_address", NONE, "ERROR_MISSES_NOTES"),
    # A bare TimeoutError raised at its own deadline check, the note f"{host}:{port}: {exc}" (a trial's; it passed):
    # str() of it is '', nothing after the colon. The all-fail list starts with a trickling server, frozen past its
    # deadline, so the code reaches that check there, by construction.
    Bug(LESSON, "note_empty_after_deadline", NONE, "ERROR_NOTE_EMPTY", linux_only=True),
    # settimeout(min(left, 1.0)), its TimeoutError taken for the server's failure (a trial's; it passed: the slow
    # server paused 0.1 s of 0.2). A slow server with a 2 s timeout holds the rest of its reply until the code's own
    # timers shorter than the time left have fired (the kernel's view of its waits): the code has given up by then.
    Bug(LESSON, "recv_timer_capped_one_second", SLOW, "GAVE_UP_ON_OWN_TIMER", linux_only=True),
    # The parameter `timeout` overwritten with the time left (a trial's): the next server's create_connection() gets
    # a negative timeout and raises ValueError. Its hint said "give up instead of calling settimeout()", and the
    # sockets check blamed a socket create_connection() made and never returned (see the test below).
    Bug(LESSON, "timeout_parameter_overwritten", TRICKLE, "RAISED+CREATE_CONNECTION_TIMEOUT_HINT", linux_only=True),
]

STYLES = [
    "style_select_nonblocking",  # connect_ex, select() with the time left, try/finally
    "style_selectors_helper",  # selectors, settimeout before connect, a helper per server
    "style_poll_recv_into",  # non-blocking connect_ex, select.poll() with the time left in ms, recv_into
    "style_connect_each_address",  # connect(address), connect_ex(address): the (host, port) tuple as given
    "style_asyncio_wait_for",  # asyncio streams, wait_for() per server
    "style_so_rcvtimeo",  # the time left as SO_RCVTIMEO before each recv(), a blocking socket
    "style_wall_clock_in_a_log",  # time.time() read for a log line only: its steps move no deadline
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug, as_a_student=True)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)


def test_a_timeline_is_drawn_in_time_order() -> None:
    """closes_before_the_reply tries the servers one after the other: connect, send, shutdown, close. So in
    every check's timeline, each server's connect comes before its request-and-close, and the note of that
    socket's close after both (the kernel may see the close before the server's thread reads it: the note
    was drawn before the close it tells of); and where the run captures packets, server N's close before
    server N+1's connect (the connects were drawn at their SYNs' times, the closes when a thread saw them,
    a few ms late: server 2's connect came before server 1's close). Templates and the server's index."""
    from graders.engine import packets
    from graders.text import messages as text
    from tests.grading import SUBMISSIONS, describe, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "closes_before_the_reply.py", LESSON)
    kinds = {"connect": text.TL_CONNECT.split("{")[0], "close": text.TL_CLOSE_BEFORE_REPLY.split("{")[0],
             "closed": "* " + text.TL_CLOSED.split("{")[0]}
    checked = 0
    for check, record in graded.checks.items():
        where: dict[tuple[str, int], int] = {}
        for number, line in enumerate(record["timeline"]):
            for kind, start in kinds.items():
                if line.startswith(start):
                    index = int(line[len(start):].split(kind == "close" and "server " or " ")[-1 if kind == "close"
                                                                                               else 0].split(":")[0])
                    where.setdefault((kind, index), number)
        for (kind, index), number in where.items():
            if kind == "connect" and ("close", index) in where and ("closed", index) in where:
                assert number < where[("close", index)] < where[("closed", index)], describe(graded, check)
                checked += 1
            if kind == "connect" and ("closed", index - 1) in where and packets.unavailable_reason() is None:
                assert where[("closed", index - 1)] < number, describe(graded, check)
                checked += 1
    assert checked >= 3, describe(graded)


def test_a_close_seen_first_by_the_kernel_is_drawn_after_its_connect_and_before_its_note() -> None:
    """The order by construction, whatever the machine's load: the kernel saw the close (0.9) before the
    server's thread recorded the accept (1.0) and read the close (1.5). Drawn: connect, close, note."""
    from types import SimpleNamespace

    from graders.lessons.test_timeouts import _drawn_at

    for request_end, request_end_at, closed_at in (("close", 1.5, 0.9), ("close", 1.5, None), ("FIN", 1.2, 1.1),
                                                   ("close", 1.2, 1.1)):
        conn = SimpleNamespace(accepted_at=1.0, connected_at=1.0, end_at=None, closed_at=closed_at,
                               request_end=request_end, request_end_at=request_end_at)
        end, note = _drawn_at(conn)
        assert conn.accepted_at <= end <= note, (request_end, request_end_at, closed_at, end, note)
    # With the run's capture: the SYN (0.90) and the FIN (0.95) on the wire, the thread's accept (1.0) and its
    # sight of the close (1.5) late. Drawn at the wire's times: before a next connect made at 0.97.
    for request_end in ("close", "FIN"):
        conn = SimpleNamespace(accepted_at=1.0, connected_at=0.90, end_at=0.95, closed_at=None, request_end=request_end,
                               request_end_at=1.5)
        end, note = _drawn_at(conn)
        assert end == 0.95 and (note is None or note == 0.95), (request_end, end, note)
    # Seen late: shutdown's FIN on the wire at 0.9545, the close seen by the kernel at 0.960, the next server's
    # SYN at 0.956 in between: drawn before it. Seen open at 0.958 (after that SYN): the close came after it.
    for open_seen_at, before_next in ((None, True), (0.958, False)):
        conn = SimpleNamespace(accepted_at=0.955, connected_at=0.954, end_at=0.9545, closed_at=0.960,
                               open_seen_at=open_seen_at, request_end="FIN", request_end_at=0.957)
        end, note = _drawn_at(conn, [0.954, 0.956])
        assert end == 0.9545 and end < note and (note < 0.956) == before_next, (open_seen_at, end, note)


def test_an_escaped_error_is_not_a_wrong_order() -> None:
    """catches_only_timeouts tried server 0 (refused) and raised: in order as far as it went. The order check
    does not say it connected to none and should have tried another (WRONG_ORDER): the raise is the cause."""
    from tests.grading import SUBMISSIONS, describe, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "catches_only_timeouts.py", LESSON, checks=[ORDER])
    assert graded.checks[ORDER].get("template") != "WRONG_ORDER", describe(graded)


@pytest.mark.parametrize(("name", "own"), [("keyerror_on_a_reset", {RESET, NONE}),
                                           ("valueerror_at_the_deadline", {TRICKLE}),
                                           ("timeout_parameter_overwritten", {TRICKLE})])
def test_a_bug_in_one_list_fails_only_its_checks(name: str, own: set[str]) -> None:
    """A KeyError raised only in the lists with a resetting server (a ValueError only in the trickling list)
    fails the checks of those lists, with its traceback (the ConnectionError's list holds a resetting server too;
    the silent check judges it as far as it went); every check whose own lists never raised judges them and passes (the
    order and the sockets closed: as far as the raising list went). timeout_parameter_overwritten's ValueError comes
    from inside socket.create_connection(), which made a socket and never returned it: not the code's leak."""
    import sys

    from tests.grading import SUBMISSIONS, describe, grade_file

    if name != "keyerror_on_a_reset" and not sys.platform.startswith("linux"):
        pytest.skip("the deadline passes between two lines of code by construction on Linux only")
    graded = grade_file(SUBMISSIONS / LESSON / f"{name}.py", LESSON)
    for check, record in graded.checks.items():
        if check in own:
            assert record.get("template") == "RAISED", describe(graded, check)
        else:
            assert record["outcome"] == "passed", describe(graded, check)


def test_the_lesson_says_the_graders_numbers() -> None:
    """The lesson's "What the grader checks", in every edition, gives the numbers the checks use: the timeout,
    the slack and the most a busy machine adds to it, the trickle's pace, the slow server's last piece, and the
    trickle-then-stop list's own timeout and stop (and those of its replay). Reports print them (a 0.6 s
    timeout, 0.19 s of slack): a lesson that says "0.2 s everywhere, 0.15 s of slack" is contradicted."""
    from graders.lessons import test_timeouts as lesson

    numbers = [lesson.TIMEOUT, lesson.SLACK, lesson.LATE_CAP, lesson.TRICKLE_EVERY, lesson.SLOW_PIECES[-1],
               lesson.STALL_TIMEOUT, lesson.STALL_AT, lesson.SURE_STALL_TIMEOUT, lesson.SURE_STALL_AT,
               lesson.CARRY_TIMEOUT, lesson.SURE_CARRY_TIMEOUT, lesson.HELD_TIMEOUT]
    from tests.grading import ROOT

    for path in (ROOT / "lessons" / "06-timeouts.md", ROOT / "lessons" / "zh" / "06-timeouts.md"):
        checks = path.read_text(encoding="utf-8").split("## ")[-2]  # the section before "Run it"
        missing = [str(n) for n in numbers if str(n) not in checks]
        assert not missing, f"{path.name} ({path.parent.name}) does not say {missing}"


def test_an_empty_list_draws_no_conversation() -> None:
    """first_reply([], ...) talks to no server: its verdict says which call it was, draws no wire, and lists no
    packets (the packets of the check's window are the other lists' conversations, not this call's)."""
    from tests.grading import SUBMISSIONS, describe, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "empty_list_indexerror.py", LESSON, checks=[NONE])
    record = graded.checks[NONE]
    assert record["message"].startswith("first_reply([], request, timeout)"), describe(graded, NONE)
    assert not record["timeline"] and not record.get("packets"), describe(graded, NONE)


def test_the_wall_clock_named_is_the_deadlines_not_a_printed_time() -> None:
    """WALL_CLOCK_NOT_ABANDONED names the line whose reading of the wall clock makes a deadline, not an earlier
    print() of the time (a trial's report named its logging helper's line: deleting it changed nothing)."""
    from types import SimpleNamespace

    from graders.lessons.test_timeouts import _wall_clock_line

    source = (b"import time\n"
              b"def log(*a):\n"
              b"    print('[t]', time.time(), *a)\n"
              b"def first_reply(servers, request, timeout):\n"
              b"    log('start')\n"
              b"    deadline = time.time() + timeout\n"
              b"    while time.time() < deadline:\n"
              b"        pass\n")
    assert _wall_clock_line(SimpleNamespace(source=lambda lesson: source)) == 6
    only_printed = b"import time\nprint(time.time())\n"
    assert _wall_clock_line(SimpleNamespace(source=lambda lesson: only_printed)) == 2


def test_a_refused_connect_is_drawn_from_the_wire() -> None:
    """No reference server sees a refused connect: the wire's SYN answered by RST is drawn in the conversation,
    each one (a trial's report said "2 SYNs" under a drawing that showed none)."""
    from graders.text import messages
    from tests.grading import SUBMISSIONS, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "retries_a_refused_server.py", LESSON, checks=[ORDER])
    record = graded.checks[ORDER]
    if not record.get("packets"):
        pytest.skip("no packet capture on this system: a refused connect is seen on the wire only")
    drawn = "\n".join(record["timeline"])
    refused = messages.TL_CONNECT_REFUSED_TO.split(" (at")[0].format(index=0)
    assert drawn.count(refused) >= 2, drawn
