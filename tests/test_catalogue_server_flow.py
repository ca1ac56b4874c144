"""Lesson server_flow: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "server_flow"

LISTEN = "test_listens_on_the_given_host_and_port"
ECHO = "test_echoes_the_message_on_the_accepted_connection"
RETURN = "test_returns_the_clients_message"
FIN = "test_server_closes_the_connection_first_with_fin"
CLOSE = "test_server_closes_every_socket"
RESTART = "test_restarts_on_the_same_port_during_time_wait"

BUGS = [
    # No SO_REUSEADDR, or set too late: the restart during TIME_WAIT fails in bind().
    Bug(LESSON, "no_reuseaddr", RESTART, "RAISED"),
    Bug(LESSON, "reuseaddr_after_bind", RESTART, "RAISED"),
    # SO_REUSEPORT survives TIME_WAIT too, but lets a second server take the port.
    Bug(LESSON, "reuseport_instead_of_reuseaddr", RESTART, "REUSEPORT_USED"),
    # Using the listening socket for the conversation.
    Bug(LESSON, "recv_on_listener", ECHO, "RAISED"),
    Bug(LESSON, "sends_on_listener", ECHO, "RAISED"),
    # Not closing the connection or the listener.
    Bug(LESSON, "never_closes_connection", FIN, "SERVER_NO_FIN"),
    Bug(LESSON, "never_closes_listener", CLOSE, "SERVER_STILL_LISTENING"),
    Bug(LESSON, "listener_closed_by_gc", CLOSE, "SOCKET_NOT_CLOSED"),
    # Wrong port, wrong host.
    Bug(LESSON, "hardcoded_port", LISTEN, "WRONG_ADDRESS"),
    Bug(LESSON, "binds_all_interfaces", LISTEN, "WRONG_ADDRESS_ALL", linux_only=True),
    Bug(LESSON, "binds_127_0_0_1", LISTEN, "WRONG_ADDRESS", linux_only=True),
    # Wrong reply.
    Bug(LESSON, "replies_upper_case", ECHO, "SERVER_ECHO"),
    Bug(LESSON, "replies_ok", ECHO, "SERVER_ECHO"),
    Bug(LESSON, "never_replies", ECHO, "SERVER_ECHO"),
    # Not returning the message.
    Bug(LESSON, "returns_none", RETURN, "RETURNED_NONE"),
    Bug(LESSON, "returns_length", RETURN, "RETURN_TYPE"),
    Bug(LESSON, "returns_text", RETURN, "RETURN_TYPE"),
]

STYLES: list[str] = [
    "style_create_server",
    "style_with_blocks",
    "style_recv_into",
    "style_socketserver",
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)
