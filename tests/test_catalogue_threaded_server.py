"""Lesson threaded_server: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "threaded_server"

LISTEN = "test_threads_listen_on_a_port_in_time_wait"
SERVED = "test_threads_serve_a_client_while_others_idle_mid_line"
THREADS = "test_threads_run_each_client_in_a_thread"
REPLY = "test_threads_reply_to_each_line_reversed"
FIN = "test_threads_close_each_connection_after_its_eof"
RESET = "test_threads_survive_a_client_that_resets"
LISTENER = "test_threads_close_the_listener_after_the_last_accept"
JOINED = "test_threads_wait_for_every_thread_before_returning"
COUNT = "test_threads_return_the_number_of_lines_answered"
CLOSED = "test_threads_close_every_socket"

BUGS = [
    # No SO_REUSEADDR: the grader's own TIME_WAIT on the port makes bind() fail.
    Bug(LESSON, "no_reuseaddr", LISTEN, ("TIME_WAIT", "Address already in use", "SO_REUSEADDR")),
    # Serving clients one after another, or a pool smaller than count: D (or B) is never answered.
    Bug(LESSON, "sequential", SERVED, ("got no reply", "idle in the middle of a line", "recv(4096)")),
    Bug(LESSON, "pool_too_small", SERVED, ("Client D", "did not even read it", "idle in the middle of a line")),
    # A crash of one client's thread ending the server; its lines lost; its socket left open.
    Bug(LESSON, "reset_crashes_server", RESET, ("ended the whole server", "ConnectionResetError")),
    Bug(LESSON, "reset_loses_lines", COUNT, ("returned 9", "completed 10 lines", "before it reset")),
    Bug(LESSON, "reset_socket_left_open", CLOSED, ("without closing a socket",)),
    # The listener left open; threads not joined.
    Bug(LESSON, "listener_left_open", LISTENER, ("still open (LISTEN)", "right after the last accept()")),
    Bug(LESSON, "never_joins", JOINED, ("returned while clients A and C", "join()")),
    # Correct, but with one thread: that is lesson 8.
    Bug(LESSON, "one_thread_selectors", THREADS, ("never had a thread of its own", "threading.Thread")),
    # Wrong replies, connections never closed.
    Bug(LESSON, "reverses_the_newline", REPLY, ("but the reply must be", "kept at the end")),
    Bug(LESSON, "never_closes_connections", FIN, ("Client D ended its lines", "saw nothing")),
]

STYLES: list[str] = [
    "style_lock_and_makefile",
    "style_thread_pool",
    "style_socketserver",
    "style_workers_started_first",
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)
