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
    Bug(LESSON, "no_reuseaddr", RESTART, ("TIME_WAIT", "Address already in use", "SO_REUSEADDR")),
    Bug(LESSON, "reuseaddr_after_bind", RESTART, ("TIME_WAIT", "Address already in use", "before bind()")),
    # SO_REUSEPORT survives TIME_WAIT too, but lets a second server take the port.
    Bug(LESSON, "reuseport_instead_of_reuseaddr", RESTART, ("SO_REUSEPORT", "second server")),
    # Using the listening socket for the conversation.
    Bug(LESSON, "recv_on_listener", ECHO, ("server.recv(1024)", "NEW socket that accept() returns")),
    Bug(LESSON, "sends_on_listener", ECHO, ("server.sendall(message)", "Send on the socket accept() returns")),
    # Not closing the connection or the listener.
    Bug(LESSON, "never_closes_connection", FIN, ("saw nothing instead of a FIN", "close() the accepted connection")),
    Bug(LESSON, "never_closes_listener", CLOSE, ("listening socket", "still open (LISTEN)")),
    Bug(LESSON, "listener_closed_by_gc", CLOSE, ("without closing", "garbage collector")),
    # Wrong port, wrong host.
    Bug(LESSON, "hardcoded_port", LISTEN, (":8989", "but it was asked to listen on")),
    Bug(LESSON, "binds_all_interfaces", LISTEN, ("0.0.0.0:", "but it was asked to listen on"), linux_only=True),
    Bug(LESSON, "binds_127_0_0_1", LISTEN, ("127.0.0.1:", "but it was asked to listen on"), linux_only=True),
    # Wrong reply.
    Bug(LESSON, "replies_upper_case", ECHO, ("CAF", "send back exactly the bytes")),
    Bug(LESSON, "replies_ok", ECHO, ("sent back b'OK'", "send back exactly the bytes")),
    Bug(LESSON, "never_replies", ECHO, ("sent back b'' (0 bytes)", "send the same bytes back")),
    # Not returning the message.
    Bug(LESSON, "returns_none", RETURN, ("returned None", "return statement")),
    Bug(LESSON, "returns_length", RETURN, ("int (28)", "must return bytes")),
    Bug(LESSON, "returns_text", RETURN, ("of type str", "must return bytes")),
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
