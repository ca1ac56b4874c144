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
    # a per-recv timeout instead of a deadline (and no timeout at all)
    Bug(LESSON, "per_recv_timeout", TRICKLE, "TRICKLE_NOT_ABANDONED"),
    Bug(LESSON, "no_timeout_at_all", SILENT, "SILENT_NOT_ABANDONED"),
    Bug(LESSON, "one_deadline_for_all_servers", GOOD, "RAISED_INSTEAD+OWN_DEADLINE_HINT"),
    # treating RST as success
    Bug(LESSON, "reset_is_success", RESET, "WRONG_RESULT+RST_IS_FAILURE_HINT"),
    # sockets of failed servers left open
    Bug(LESSON, "leaves_failed_sockets_open", CLOSED, "FAILED_SOCKETS_OPEN"),
    Bug(LESSON, "drops_failed_sockets", CLOSED, "FAILED_SOCKETS_GC"),
    # giving up on a slow but timely server
    Bug(LESSON, "gives_up_at_a_pause", SLOW, "GAVE_UP_ON_SLOW"),
    # the request's end, the final error, the order
    Bug(LESSON, "no_shutdown", GOOD, "RAISED_INSTEAD+NO_REQUEST_EOF_HINT"),
    Bug(LESSON, "connectionerror_without_addresses", NONE, "ERROR_MISSES_SERVERS"),
    Bug(LESSON, "reraises_the_last_error", NONE, "NOT_A_CONNECTIONERROR"),
    Bug(LESSON, "tries_every_server", ORDER, "WRONG_ORDER"),
    # A refused connect() reaches no reference server: only the packets show the retries (a packet fact).
    Bug(LESSON, "retries_a_refused_server", ORDER, "CONNECTED_AGAIN"),
]

STYLES = [
    "style_select_nonblocking",  # connect_ex, select() with the time left, try/finally
    "style_selectors_helper",  # selectors, settimeout before connect, a helper per server
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)
