"""Lesson client_flow: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes
from tests.grading import SUBMISSIONS, describe, grade_file

LESSON = "client_flow"

CONNECT = "test_connects_to_the_given_host_and_port"
SEND = "test_sends_the_whole_message_once_unchanged"
REPLY = "test_returns_the_servers_reply_as_bytes"
CLOSE = "test_client_closes_its_socket"

BUGS = [
    # makefile("wb") written and never flushed (a second trial's): a deadlock, with a hint on flush()
    Bug(LESSON, "makefile_never_flushed", CONNECT, "HUNG+DEADLOCK_SEEN+MAKEFILE_UNFLUSHED_HINT", ("timeout",),
        linux_only=True),
    # One send() for the message: a message of 8 MiB, and a signal to the thread asleep in that send(), which
    # then returns part of it; the code then waits for a reply the server never sends (a deadlock, said as such)
    Bug(LESSON, "sends_with_one_send", "test_sends_the_whole_message_once_unchanged", "SEND_ONCE_PARTIAL",
        linux_only=True),
    # One more send() for the rest, no loop (an independent trial): once the code waits in that send() again, the
    # server reads a little and signals it a second time, so a fixed number of tries sends part, by construction
    Bug(LESSON, "send_retried_once", SEND, "SEND_RETRIED_PARTIAL", linux_only=True),
    # The message's zero byte dropped (bytes(0) is b"", an independent trial): 23 of 24 bytes, and the server waits
    # for the rest while the code waits for a reply. The hang says what came against the message, where it differs.
    Bug(LESSON, "drops_the_zero_byte", CONNECT, "HUNG+EXPECTED_REST_WRONG_ARRIVED", ("timeout",)),
    # a send loop whose count is kept wrong (a third trial's): the 8 MiB message compared byte for byte
    # Kept between calls (an independent trial): the reply collected in a mutable default argument; a second call
    # in the same process returns the first reply too
    Bug(LESSON, "reply_in_a_mutable_default", REPLY, "SECOND_CALL_WRONG+SECOND_CALL_CARRIED"),
    # a later trial's: functools.lru_cache on request(): the second call, with the same arguments, never connects
    Bug(LESSON, "request_cached_with_lru_cache", REPLY, "SECOND_CALL_CACHED"),
    # an independent trial: sendall() of message[i:65536] in a loop (the slice's end fixed): sendall() was given
    # part of the message, so the hint is about the slice, not send()'s count
    Bug(LESSON, "sendall_slice_end_fixed", "test_sends_the_whole_message_once_unchanged",
        "REQUEST_SENT_PART+SENDALL_GIVEN_PART_HINT", linux_only=True),
    Bug(LESSON, "send_loop_count_assigned", "test_sends_the_whole_message_once_unchanged", "BIG_MESSAGE_CHANGED",
        linux_only=True),
    Bug(LESSON, "sends_chunks_ignoring_the_count", "test_sends_the_whole_message_once_unchanged", "BIG_MESSAGE_CHANGED",
        linux_only=True),
    # Ignoring the given host or port: the reference server listens only on the run's 127.x.y.z.
    Bug(LESSON, "connects_to_127_0_0_1", CONNECT, "RAISED", linux_only=True),
    Bug(LESSON, "connects_to_localhost", CONNECT, "RAISED", linux_only=True),
    # an AF_INET6 socket for the IPv4 host given (a third round's): the gaierror, and a hint naming the family
    Bug(LESSON, "ipv6_socket_for_an_ipv4_host", CONNECT, "RAISED+ERRNO_HINTS[Address family for hostname not supported]"),
    Bug(LESSON, "ignores_port", CONNECT, "RAISED"),
    # A UDP socket: no TCP connection comes, recv() raises ConnectionRefusedError; said as UDP, not an address.
    Bug(LESSON, "udp_socket", CONNECT, "RAISED+HINT_UDP"),
    # Never receiving.
    Bug(LESSON, "never_receives", REPLY, "CLIENT_RETURNED_BEFORE_REPLY|WRONG_RETURN"),  # the latter without the kernel view
    Bug(LESSON, "never_receives_returns_none", REPLY, "RETURNED_NONE"),
    Bug(LESSON, "returns_none", REPLY, "RETURNED_NONE"),
    # Returning the message instead of the reply.
    Bug(LESSON, "returns_message", REPLY, "CLIENT_RETURNED_MESSAGE"),
    # Not closing.
    Bug(LESSON, "keeps_socket_open", CLOSE, "CLOSE_WAIT_LEFT"),
    Bug(LESSON, "never_closes", CLOSE, "SOCKET_NOT_CLOSED"),
    # Hanging after the reply instead of closing: the server, all sent and closed, waits only for its FIN.
    Bug(LESSON, "hangs_after_the_reply", REPLY, "HUNG+EXPECTED_CLIENT_CLOSE", ("timeout",)),
    # Closing with part of the reply unread: the kernel resets the connection (RST), it does not close it.
    Bug(LESSON, "closes_with_reply_unread", CLOSE, "CLIENT_RST+CLIENT_UNREAD_REST"),
    # ... or with SO_LINGER (1, 0), the whole reply read: the message names both causes of an RST.
    Bug(LESSON, "linger_zero_after_reading_the_reply", CLOSE, "CLIENT_RST_READ_ALL"),
    # ... with its warnings switched off: the grader holds every socket, and sees this one open in the kernel.
    Bug(LESSON, "never_closes_warnings_ignored", CLOSE, "SOCKET_NOT_CLOSED+SOCKET_GC"),
    # ... and out of every list the garbage collector shows referring to it: the grader's hold is in no list.
    Bug(LESSON, "never_closes_hides_from_the_grader", CLOSE, "SOCKET_NOT_CLOSED+SOCKET_GC"),
    # ... closed, but a child it forked (setsid()) keeps a copy open: every process of the call is looked at.
    Bug(LESSON, "child_keeps_socket_setsid", CLOSE, "SOCKET_HELD_BY_CHILD"),
    # ... close()d, but a file makefile() made from it is left open, in a reference cycle: the socket stays open
    # until the garbage collector's next pass, whenever that is (the grader never runs one for the student).
    Bug(LESSON, "makefile_left_open_in_a_cycle", CLOSE, "MAKEFILE_LEFT_OPEN"),
    # ... or simply dropped unclosed: CPython would free (and close) it as request() returns, but the grader holds
    # every file makefile() makes, as it holds every socket: only the file's own close() releases the socket.
    Bug(LESSON, "makefile_left_open_after_close", CLOSE, "MAKEFILE_LEFT_OPEN"),
    # ... or kept open in a list: the message names the file, not a close() of the socket, which the code did call.
    Bug(LESSON, "makefile_kept_in_a_list", CLOSE, "MAKEFILE_LEFT_OPEN"),
    # recv(16) for a longer reply: the reply's beginning returned, the rest unread at close() (RST). Said as the
    # size given to recv(), not as bytes changed or a recv() never called.
    Bug(LESSON, "recv_too_small", REPLY, "WRONG_RETURN+CLIENT_REPLY_HINT_SHORT"),
    Bug(LESSON, "cuts_the_reply_at_a_zero_byte", REPLY, "WRONG_RETURN+CLIENT_REPLY_HINT_NUL"),  # a trial's
    Bug(LESSON, "recv_too_small", CLOSE, "CLIENT_RST+CLIENT_RST_SHORT_HINT"),
    # close() before recv(): the reply arrives at a closed socket (RST); the text says the server's FIN only if
    # it was sent (test_an_rst_is_told_as_the_wire_shows_it).
    Bug(LESSON, "closes_before_recv", CLOSE, "CLIENT_RST+CLIENT_RST_HINT"),
    # its own short timeout gave up on the held reply, and its with-block closed: the reply came to a closed socket
    Bug(LESSON, "closes_when_its_timeout_gives_up", CLOSE, "CLIENT_RST+CLIENT_RST_GAVE_UP_HINT", linux_only=True),
    # Sending str() of the bytes, sending twice, decoding and re-encoding.
    Bug(LESSON, "sends_str_of_bytes", SEND, "CLIENT_SENT"),
    Bug(LESSON, "sends_twice", SEND, "CLIENT_SENT"),
    Bug(LESSON, "reencodes_message", SEND, "CLIENT_SENT"),
    Bug(LESSON, "sends_a_length_prefix", SEND, "CLIENT_SENT+CLIENT_SENT_PREFIXED"),
    Bug(LESSON, "closes_before_sending", SEND, "CLIENT_SENT+CLIENT_SENT_NOTHING"),
    # A probe connection first (connected, closed without a byte), then the real one: told as two connections,
    # what the reference server received on each, not as bytes changed on the way.
    Bug(LESSON, "probes_the_server_first", SEND, "CLIENT_EXTRA_CONNECTION"),
    # Replies and messages the reference server had never used (three independent trials' submissions passed every
    # check): the second call's reply has a newline inside it and a zero byte at its end, and one call's message is
    # empty. A reply read as a line (makefile().readline()) is cut at its first newline:
    Bug(LESSON, "reads_the_reply_with_readline", REPLY, "SECOND_REPLY_CHANGED+CLIENT_REPLY_HINT_LINE"),
    # ... a reply's trailing zero bytes stripped (rstrip(b"\x00"), a C string's padding):
    Bug(LESSON, "strips_trailing_zero_bytes", REPLY, "SECOND_REPLY_CHANGED+CLIENT_REPLY_HINT_NUL_STRIPPED"),
    # recv(1000) (an independent trial's): the second call's reply is 1023 bytes, the longest the contract allows,
    # in one piece: its first 1000 bytes come back, said as a recv() asked for fewer bytes than the reply
    Bug(LESSON, "recv_1000_for_a_reply_up_to_1023", REPLY, "SECOND_REPLY_CHANGED+CLIENT_REPLY_HINT_SHORT"),
    # ... an empty message answered with b"" at once, no connection made:
    Bug(LESSON, "empty_message_never_connects", REPLY, "RETURNED_EARLY+EXPECTED_CONNECT_EMPTY"),
    # ... an empty message replaced by b"\n" (written for the empty message): sent changed
    Bug(LESSON, "sends_a_newline_for_an_empty_message", SEND, "CLIENT_SENT+CLIENT_SENT_TO_EMPTY"),
    # Returning text instead of bytes.
    Bug(LESSON, "returns_text", REPLY, "RETURN_TYPE"),
    Bug(LESSON, "returns_text_strict", REPLY, "RAISED"),
    # A silence taken for "no reply" (select() or settimeout() with a short timeout, then a return): the reference
    # server holds its reply until the code is asleep waiting for it, so the return comes first, by construction.
    Bug(LESSON, "returns_if_no_reply_at_once", REPLY, "CLIENT_RETURNED_BEFORE_REPLY", linux_only=True),
    Bug(LESSON, "returns_on_a_timeout", REPLY, "CLIENT_RETURNED_BEFORE_REPLY", linux_only=True),
    Bug(LESSON, "strips_the_reply", REPLY, "WRONG_RETURN+CLIENT_REPLY_HINT_STRIPPED"),
    # A short timeout that raises while the server holds its reply: told as giving up on a slow server.
    Bug(LESSON, "gives_up_after_a_short_timeout", REPLY, "CLIENT_GAVE_UP_ON_HELD_REPLY", linux_only=True),
    Bug(LESSON, "retries_after_a_short_timeout", REPLY, "CLIENT_RETRIED_HELD_REPLY", linux_only=True),
    # Bytes that are not plain bytes: a memoryview shown with its bytes (not its address), a subclass named so.
    Bug(LESSON, "returns_a_memoryview", REPLY, "RETURN_TYPE+RETURN_TYPE_VIEW_HINT"),
    Bug(LESSON, "returns_a_bytes_subclass", REPLY, "RETURN_TYPE+RETURN_TYPE_SUBCLASS_HINT"),
    # Work left running after the function returned (here, a thread that connects again).
    Bug(LESSON, "leaves_a_thread_connecting", REPLY, "THREADS_LEFT"),
    # The cause, not the symptom: a TypeError about connect()'s arguments is not about bytes.
    Bug(LESSON, "connect_two_arguments", CONNECT, "HINT_ADDRESS_TUPLE"),
    # A test call left at the bottom of the module runs (and fails) on import.
    Bug(LESSON, "calls_itself_at_import", CONNECT, "IMPORT_ERROR"),
    # a forked child never waited for: a zombie, or still running, in the call's process table
    Bug(LESSON, "child_never_waited_for", REPLY, "CHILDREN_LEFT"),
    # A send loop over range(0, len(message) - 1, 65536) (a trial's): a 1-byte message is never sent (it passed: no
    # message was 1 past a multiple of the step)
    Bug(LESSON, "send_loop_range_stops_one_short", SEND, "CLIENT_SENT+CLIENT_SENT_ONE_BYTE_LOST", linux_only=True),
]

STYLES: list[str] = [
    "style_create_connection",
    "style_with_block",
    "style_read_until_eof",
    "style_makefile",
    "style_makefile_closed",  # one makefile("rwb") file, closed, then the socket
    "style_leaves_a_file_open",  # an unclosed file is not an unclosed socket
    "style_multiprocessing_queue",  # the conversation in a child process, the reply through a Queue
    "style_multiprocessing_default_method",  # multiprocessing.Process with the default start method (spawn on macOS)
    "style_multiprocessing_spawn",  # get_context("spawn"): the child imports the module from the call's scratch
    "style_multiprocessing_forkserver",  # get_context("forkserver"): its server process is the library's
    "style_timeout_longer_than_the_wait",  # a 30 s timeout that would raise: the held reply still comes
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug, as_a_student=True)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)


def test_a_call_at_import_names_its_line() -> None:
    graded = assert_caught(Bug(LESSON, "calls_itself_at_import", CONNECT, "IMPORT_ERROR"))
    message = graded.checks[CONNECT]["message"]
    assert "line 12" in message and "top level" in message, message


def test_a_close_in_finally_counts_when_the_function_raises() -> None:
    """The function raised (decode() of the reply) after closing its socket in a finally: block: only the
    reply's check fails; the socket was closed, and the close check says so."""
    graded = grade_file(SUBMISSIONS / LESSON / "closes_in_finally_then_decode_raises.py", LESSON,
                        checks=[REPLY, CLOSE])
    assert graded.checks[REPLY]["outcome"] == "failed", describe(graded, REPLY)
    assert graded.checks[REPLY]["template"] == "RAISED", describe(graded, REPLY)
    assert graded.checks[CLOSE]["outcome"] == "passed", describe(graded, CLOSE)


def test_an_rst_is_told_as_the_wire_shows_it() -> None:
    """close() before recv(): the client's RST can come before the reference server's FIN (which is then never
    sent) or after it; the message says "reply and FIN" exactly when the diagram draws that FIN."""
    graded = grade_file(SUBMISSIONS / LESSON / "closes_before_recv.py", LESSON, checks=[CLOSE])
    record = graded.checks[CLOSE]
    assert record["template"] == "CLIENT_RST", describe(graded, CLOSE)
    drawn_fin = any("FIN" in line and "<--" in line for line in record["timeline"])
    said = "CLIENT_AFTER_REPLY_FIN" if drawn_fin else "CLIENT_AFTER_REPLY"
    assert said in record["templates"], describe(graded, CLOSE)


def test_an_exception_in_the_reply_phase_fails_only_that_phase() -> None:
    """A client that connected and sent its message right, then raised (its own short timeout): the connection and
    the message pass, judged from the wire; the reply and the close fail (a trial saw all four fail for one raise)."""
    from tests.grading import SUBMISSIONS, describe, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "gives_up_after_a_short_timeout.py", LESSON)
    for check in (CONNECT, SEND):
        assert graded.checks[check]["outcome"] == "passed", describe(graded, check)
    assert graded.checks[REPLY]["outcome"] == "failed", describe(graded, REPLY)


def test_a_close_before_the_held_reply_is_drawn_before_it() -> None:
    """A client whose own timeout gave up while the server held its reply closed (FIN) before the reply was sent:
    the wire drawing shows its FIN, then the reply, then the RST the reply provoked (a trial's drew the FIN after
    the reply, as the server read it)."""
    import sys

    from tests.grading import SUBMISSIONS, grade_file

    if not sys.platform.startswith("linux"):
        pytest.skip("the reply is held from the kernel's view")
    graded = grade_file(SUBMISSIONS / LESSON / "closes_when_its_timeout_gives_up.py", LESSON, checks=[REPLY])
    drawn = [line.strip() for line in graded.checks[REPLY]["timeline"]]
    fin = next(i for i, line in enumerate(drawn) if line.startswith("FIN -"))
    reply = next(i for i, line in enumerate(drawn) if line.startswith("<-") and "WELCOME" in line)
    rst = next(i for i, line in enumerate(drawn) if line.startswith("RST -"))
    assert fin < reply < rst, drawn
