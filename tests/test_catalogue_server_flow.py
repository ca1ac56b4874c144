"""Lesson server_flow: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes
from tests.grading import SUBMISSIONS, describe, grade_file

LESSON = "server_flow"

LISTEN = "test_listens_on_the_given_host_and_port"
ECHO = "test_echoes_the_message_on_the_accepted_connection"
RETURN = "test_returns_the_clients_message"
FIN = "test_server_closes_the_connection_first_with_fin"
CLOSE = "test_server_closes_every_socket"
RESTART = "test_restarts_on_the_same_port_during_time_wait"

BUGS = [
    # a later trial's: the accepted socket made non-blocking (settimeout(0)) and read at once: BlockingIOError, told
    # as nothing having come yet (not the sendall() hint of lesson 8)
    Bug(LESSON, "conn_settimeout_zero", ECHO, "WOULD_BLOCK_READ_HINT"),
    # recv(64) (a third trial's): the reference message is 901 bytes, close to the lesson's 1024, in one piece
    Bug(LESSON, "recv_64_bytes", ECHO, "SERVER_ECHO+SERVER_SHORT_RECV_HINT"),
    # recv(1000) (an independent trial's): the first message (900 bytes) fits; the second call's, 1023 bytes, the
    # longest the contract allows, in one piece, comes back cut, said as a recv() asked for fewer bytes
    Bug(LESSON, "recv_1000_for_a_message_up_to_1023", RETURN, "SECOND_MESSAGE_CHANGED+SERVER_SHORT_RECV_HINT",
        linux_only=True),
    # makefile("rb").readline(1024): stops at the message's newline (a trial's; it passed while the message ended
    # with its only newline)
    Bug(LESSON, "reads_the_message_with_readline", ECHO, "SERVER_ECHO+SERVER_READLINE_HINT"),
    # A short timeout taken for "the client has nothing to say": the reference client pauses after connecting until
    # every timer of the server's own under 2 s has had its chance (Peer._hold_for_timers), so it shows, and the
    # wire says so (PEER_PAUSED_GAVE_UP). It passed every check before.
    Bug(LESSON, "recv_timeout_as_no_message", ECHO, "SERVER_ECHO+PEER_PAUSED_GAVE_UP", linux_only=True),
    # ...a 1 s timeout (an independent trial's, returning b"" unechoed): the pause before the first byte out-waits every
    # timer under 2 s (LONG_TIMEOUT), not only those under 1 s as a pause mid-message does. It passed every check before.
    Bug(LESSON, "conn_recv_timeout_one_second", ECHO, "SERVER_ECHO+PEER_PAUSED_GAVE_UP", linux_only=True),
    # No SO_REUSEADDR, or set too late: the restart during TIME_WAIT fails in bind().
    Bug(LESSON, "no_reuseaddr", RESTART, "RAISED"),
    Bug(LESSON, "reuseaddr_after_bind", RESTART, "RAISED"),
    # SO_REUSEADDR set only at the process's first call (a module-level flag; a trial's): the restart check starts a
    # new process each time, so it passed every check; the second call in one process is refused by bind().
    Bug(LESSON, "reuseaddr_only_at_the_first_call", RETURN, "SECOND_CALL_ADDRESS_IN_USE", linux_only=True),
    # ...and with no SO_REUSEADDR at all, the second call says so too.
    Bug(LESSON, "no_reuseaddr", RETURN, "SECOND_CALL_ADDRESS_IN_USE", linux_only=True),
    # SO_REUSEPORT survives TIME_WAIT too, but lets a second server take the port.
    Bug(LESSON, "reuseport_instead_of_reuseaddr", RESTART, "REUSEPORT_USED"),
    # Reset (SO_LINGER 0) instead of closed: its end never goes to TIME_WAIT, so the restart proves nothing.
    Bug(LESSON, "resets_instead_of_closing", RESTART, "SERVER_NO_TIME_WAIT"),
    # FIN, then an RST right behind it (SO_LINGER 0): the client's recv() sees the FIN; the packets see the RST.
    Bug(LESSON, "half_closes_then_resets", FIN, "SERVER_RST_AFTER_FIN"),
    # Using the listening socket for the conversation.
    Bug(LESSON, "recv_on_listener", ECHO, "RAISED"),
    Bug(LESSON, "recv_on_listener_left_open", ECHO, "RAISED"),  # ...its listen right: that check passes (below)
    Bug(LESSON, "sends_on_listener", ECHO, "RAISED"),
    # Not closing the connection or the listener.
    Bug(LESSON, "never_closes_connection", FIN, "SERVER_NO_FIN"),
    # Resetting the connection instead of closing it (SO_LINGER (1, 0)): the message names the causes of an RST.
    Bug(LESSON, "linger_zero", FIN, "ECHO_RST"),
    # Nothing echoed, the message never read (recv() on the listener, its error swallowed): the reset told as that,
    # whether the close came before the message (FIN, then RST) or after it (RST), not as SO_LINGER (a trial's).
    Bug(LESSON, "recv_on_the_listener_swallowed", FIN, "SERVER_CLOSED_UNREAD"),
    Bug(LESSON, "never_closes_listener", CLOSE, "SERVER_STILL_LISTENING"),
    # The connection close()d, but not the file conn.makefile() made: the connection stays open while the file is.
    Bug(LESSON, "makefile_left_open_after_close", CLOSE, "MAKEFILE_LEFT_OPEN"),
    # ... and so no FIN: the message names the file, not a missing close() of the connection.
    Bug(LESSON, "makefile_left_open_after_close", FIN, "MAKEFILE_LEFT_OPEN"),
    Bug(LESSON, "listener_closed_by_gc", CLOSE, "SOCKET_NOT_CLOSED"),
    # ... closed in __del__ of an object in a reference cycle: only a pass of the garbage collector runs it.
    Bug(LESSON, "closes_listener_in_del_of_a_cycle", CLOSE, "SERVER_STILL_LISTENING|SOCKET_NOT_CLOSED"),
    # Closed, but a double-forked grandchild keeps the listener open: every process of the call is looked at.
    Bug(LESSON, "double_fork_keeps_listener", CLOSE, "SERVER_STILL_LISTENING"),
    Bug(LESSON, "double_fork_keeps_connection", CLOSE, "SOCKET_HELD_BY_CHILD"),
    # Wrong port, wrong host.
    # A UDP socket bound to the address: no TCP listener comes, recvfrom() waits; said as UDP (the kernel's view).
    Bug(LESSON, "binds_udp", LISTEN, "HUNG+HINT_UDP", ("timeout",), linux_only=True),
    Bug(LESSON, "hardcoded_port", LISTEN, "WRONG_ADDRESS"),
    Bug(LESSON, "returns_at_once", LISTEN, "RETURNED_EARLY"),
    Bug(LESSON, "binds_all_interfaces", LISTEN, "WRONG_ADDRESS_ALL", linux_only=True),
    # An IPv6 dual-stack listener on "::": shown as [::]:port, told as IPv6 (a trial read ":::33417").
    Bug(LESSON, "listens_dual_stack_ipv6", LISTEN, "WRONG_ADDRESS_ALL+WRONG_ADDRESS_IPV6_HINT", linux_only=True),
    # accept() in a loop: its hang told as waiting for a client never to come, in the check it happened in (not
    # "already hung in" that same check).
    Bug(LESSON, "accepts_in_a_loop", LISTEN, "HUNG+DEADLOCK_SEEN_ACCEPT", ("timeout",), linux_only=True),
    Bug(LESSON, "strips_the_message", ECHO, "SERVER_ECHO+STRIPPED_HINT"),
    # A timeout on accept() taken for "no client": the reference client connects once the server's own short timers
    # have had their chance (Peer.connect's hold), so it gives up first, by construction (a trial's).
    Bug(LESSON, "accept_timeout_taken_for_no_client", LISTEN, "RETURNED_EARLY+PEER_PAUSED_BEFORE_CONNECT",
        linux_only=True),
    Bug(LESSON, "strips_the_message", RETURN, "WRONG_RETURN+STRIPPED_HINT"),
    # The tutorial's "" as the default host: called as serve_once(port), it listens on every interface.
    Bug(LESSON, "default_host_every_interface", LISTEN, "WRONG_DEFAULT_HOST"),
    Bug(LESSON, "binds_127_0_0_1", LISTEN, "WRONG_ADDRESS", linux_only=True),
    # Wrong reply.
    Bug(LESSON, "replies_upper_case", ECHO, "SERVER_ECHO"),
    Bug(LESSON, "replies_ok", ECHO, "SERVER_ECHO"),
    Bug(LESSON, "never_replies", ECHO, "SERVER_ECHO"),
    # recv(16) for a longer message: said as the size given to recv(), not as bytes changed.
    Bug(LESSON, "recv_too_small", ECHO, "SERVER_ECHO+SERVER_SHORT_RECV_HINT"),
    Bug(LESSON, "recv_too_small", RETURN, "WRONG_RETURN+SERVER_SHORT_RECV_HINT"),
    # Not returning the message.
    Bug(LESSON, "returns_none", RETURN, "RETURNED_NONE"),
    Bug(LESSON, "returns_length", RETURN, "RETURN_TYPE"),
    Bug(LESSON, "returns_text", RETURN, "RETURN_TYPE"),
    # The cause, not the symptom: arguments and accept()'s pair, not bytes.
    Bug(LESSON, "bind_two_arguments", LISTEN, "HINT_ADDRESS_TUPLE"),
    Bug(LESSON, "accept_not_unpacked", ECHO, "HINT_ACCEPT_PAIR"),
    # A test call at the bottom of the module: it serves on port 5000 at import; bind() is not to blame.
    Bug(LESSON, "serves_at_import", LISTEN, "IMPORT_RUNNING"),
    # Called a second time in the same process (a prelude call served first, `_called_again`): nothing of the first
    # call's may carry over. A module-level buffer never cleared, and a mutable default argument as the buffer:
    # the second call returns both messages; an outgoing buffer at module level: it echoes both.
    Bug(LESSON, "returns_a_module_buffer", RETURN, "SECOND_CALL_WRONG+SECOND_CALL_CARRIED", linux_only=True),
    Bug(LESSON, "buffer_in_a_mutable_default", RETURN, "SECOND_CALL_WRONG+SECOND_CALL_CARRIED", linux_only=True),
    Bug(LESSON, "echoes_a_module_buffer", RETURN, "SECOND_CALL_ECHO+SECOND_CALL_CARRIED", linux_only=True),
    # functools.lru_cache: the second call, same arguments, returns the first's message without listening.
    Bug(LESSON, "serve_once_cached_with_lru_cache", RETURN, "SECOND_CALL_NOT_SERVED", linux_only=True),
    # A listener kept in a module-level variable, closed at each call's end: the second call raises (listen() on a
    # closed socket), told as a second call's. Kept open instead, it serves again: the listener left open after a
    # call is the socket check's story, as before (not the return check's).
    Bug(LESSON, "listener_kept_in_a_global", RETURN, "RAISED+SECOND_CALL_RAISED", linux_only=True),
    Bug(LESSON, "listener_kept_open_in_a_global", CLOSE, "SERVER_STILL_LISTENING"),
    # work left to a thread never joined: still running, or ended by chance in time (the start/join record)
    Bug(LESSON, "echo_in_an_unjoined_thread", RETURN, "THREADS_LEFT|THREADS_UNJOINED"),
    # ...the echo left to a child never joined: that child, not "sent back b''", is the story
    Bug(LESSON, "echo_in_an_unjoined_process", ECHO, "CHILDREN_LEFT"),
    # conn.settimeout(1.0), the timeout taken for "no message" (a trial's): the wire showed the pause, but the hints
    # blamed an echo sent after close() and a recv() on the listening socket, which the code did right
    Bug(LESSON, "conn_timeout_taken_for_no_message", ECHO, "SERVER_ECHO+SERVER_GAVE_UP_HINT", linux_only=True),
    Bug(LESSON, "conn_timeout_taken_for_no_message", RETURN, "WRONG_RETURN+SERVER_GAVE_UP_HINT", linux_only=True),
    Bug(LESSON, "conn_timeout_taken_for_no_message", FIN, "SERVER_CLOSED_GAVE_UP", linux_only=True),
    # The echo exact, the value returned rstrip(b"\r\n")-ed (a trial's): it passed, no message ended in b"\r\n";
    # the second call's message does now
    Bug(LESSON, "returns_the_message_rstripped_of_crlf", RETURN, "SECOND_MESSAGE_CHANGED+STRIPPED_HINT",
        linux_only=True),
    # SO_REUSEADDR on the accepted connection, not the listener (a trial's): the hint spoke of "a flag that sets it
    # only the first time"; it now names the listening socket, before bind(), and not the connection
    Bug(LESSON, "reuseaddr_on_the_connection", RETURN, "SECOND_CALL_ADDRESS_IN_USE", linux_only=True),
]

STYLES: list[str] = [
    "style_create_server",
    "style_with_blocks",
    "style_recv_into",
    "style_socketserver",
    "style_makefile_with_block",  # echoes through conn.makefile("wb"), closed by its with-block
    "style_prefork_child_accepts",  # a child holds the only listener: every process of the call is looked at
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug, as_a_student=True)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)


def test_a_server_on_every_interface_fails_only_the_address_check() -> None:
    """One root cause, one report: the client reaches it on the run's address, and the rest is judged."""
    graded = grade_file(SUBMISSIONS / LESSON / "binds_all_interfaces.py", LESSON)
    assert graded.checks[LISTEN]["template"] == "WRONG_ADDRESS_ALL", describe(graded, LISTEN)
    failing = [check for check, record in graded.checks.items() if record["outcome"] != "passed" and check != LISTEN]
    assert failing == [], "\n".join(describe(graded, check) for check in failing)


def test_a_call_at_import_names_its_line_not_bind() -> None:
    graded = assert_caught(Bug(LESSON, "serves_at_import", LISTEN, "IMPORT_RUNNING"))
    message = graded.checks[LISTEN]["message"]
    assert "line 17" in message and "print(serve_once(5000))" in message, message


def test_a_close_in_finally_counts_when_the_function_raises() -> None:
    """The server raised (decode() of the message) after closing both sockets in finally: blocks: the return
    check fails; the sockets were closed, and the close check says so."""
    graded = grade_file(SUBMISSIONS / LESSON / "closes_in_finally_then_decode_raises.py", LESSON,
                        checks=["test_returns_the_clients_message", CLOSE])
    assert graded.checks["test_returns_the_clients_message"]["template"] == "RAISED", describe(graded)
    assert graded.checks[CLOSE]["outcome"] == "passed", describe(graded, CLOSE)


def test_a_right_listen_passes_however_the_server_fails_after_it() -> None:
    """A server that listened where it was told and accepted the client, then failed (recv() on the listener):
    "listens on the host and port" judges where it listened, and passes; the other checks tell the failure (a trial
    read its FAIL, under the same reason as the rest, as if its bind had been wrong)."""
    from tests.grading import SUBMISSIONS, grade_file

    graded = grade_file(SUBMISSIONS / LESSON / "recv_on_listener_left_open.py", LESSON, checks=[LISTEN, ECHO])
    assert graded.checks[LISTEN]["outcome"] == "passed", graded.output
    assert graded.checks[ECHO]["outcome"] == "failed", graded.output
