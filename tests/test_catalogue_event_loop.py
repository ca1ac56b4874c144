"""Lesson event_loop: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "event_loop"

LISTEN = "test_loop_listens_on_a_port_in_time_wait"
SERVED = "test_loop_serves_a_client_while_others_idle_or_flood"
ONE_THREAD = "test_loop_never_starts_a_second_thread"
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
    Bug(LESSON, "no_reuseaddr", LISTEN, ("TIME_WAIT", "Address already in use", "SO_REUSEADDR")),
    # Serving clients one after another; a blocking sendall() to a client that does not read.
    Bug(LESSON, "sequential", SERVED, ("got no reply", "idle in the middle of a line")),
    Bug(LESSON, "sendall_blocks", SERVED, ("Client D", "without reading any reply", "sendall(")),
    Bug(LESSON, "sendall_blocks", STATIC, ("Static check", "sendall() (line 45)")),
    # A second thread.
    Bug(LESSON, "uses_threads", ONE_THREAD, ("threads of its own", "one thread")),
    # Unbounded buffering for a client that does not read; replies dropped to stay bounded.
    Bug(LESSON, "unbounded_buffer", BOUNDED, ("was still reading", "memory had grown", "EVENT_READ")),
    Bug(LESSON, "drops_replies_over_bound", DELIVERED, ("expected 134217728 bytes", "never drop replies")),
    # One client's reset ending the loop; the listener left open.
    Bug(LESSON, "reset_crashes_loop", RESET, ("reset its connection", "raised ConnectionResetError")),
    Bug(LESSON, "listener_left_open", LISTENER, ("still open (LISTEN)", "right after the last accept()")),
    # Wrong replies, connections never closed, nothing returned.
    Bug(LESSON, "reverses_the_newline", REPLY, ("but the reply must be", "kept at the end")),
    Bug(LESSON, "never_closes_connections", FIN, ("Client D ended its lines", "saw nothing")),
    Bug(LESSON, "never_closes_connections", CLOSED, ("CLOSE_WAIT", "never closed its end")),
    Bug(LESSON, "returns_none", COUNT, ("returned None", "as an int")),
]

STYLES: list[str] = [
    "style_callbacks",
    "style_data_dict",
]


@pytest.mark.parametrize("bug", BUGS, ids=lambda bug: f"{bug.name}-{bug.check.removeprefix('test_loop_')}")
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)
