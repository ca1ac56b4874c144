"""Lesson client_flow: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "client_flow"

CONNECT = "test_connects_to_the_given_host_and_port"
SEND = "test_sends_the_whole_message_once_unchanged"
REPLY = "test_returns_the_servers_reply_as_bytes"
CLOSE = "test_client_closes_its_socket"

BUGS = [
    # Ignoring the given host or port: the reference server listens only on the run's 127.x.y.z.
    Bug(LESSON, "connects_to_127_0_0_1", CONNECT, ("ConnectionRefusedError", "Connect to (host, port)"), linux_only=True),
    Bug(LESSON, "connects_to_localhost", CONNECT, ("ConnectionRefusedError", "Connect to (host, port)"), linux_only=True),
    Bug(LESSON, "ignores_port", CONNECT, ("ConnectionRefusedError", "Connect to (host, port)")),
    # Never receiving.
    Bug(LESSON, "never_receives", REPLY, ("b'' (0 bytes)", "recv() waits for the reply")),
    Bug(LESSON, "never_receives_returns_none", REPLY, ("returned None", "return statement")),
    Bug(LESSON, "returns_none", REPLY, ("returned None", "return statement")),
    # Returning the message instead of the reply.
    Bug(LESSON, "returns_message", REPLY, ("returned the message it sent", "instead of the server's reply")),
    # Not closing.
    Bug(LESSON, "keeps_socket_open", CLOSE, ("CLOSE_WAIT",)),
    Bug(LESSON, "never_closes", CLOSE, ("garbage collector",)),
    # Sending str() of the bytes, sending twice, decoding and re-encoding.
    Bug(LESSON, "sends_str_of_bytes", SEND, ("str(message)", "Send the bytes object itself")),
    Bug(LESSON, "sends_twice", SEND, ("more than once",)),
    Bug(LESSON, "reencodes_message", SEND, ("changed on the way", "Do not decode()")),
    # Returning text instead of bytes.
    Bug(LESSON, "returns_text", REPLY, ("of type str", "must return bytes")),
    Bug(LESSON, "returns_text_strict", REPLY, ("UnicodeDecodeError", "Never decode()")),
    # Work left running after the function returned (here, a thread that connects again).
    Bug(LESSON, "leaves_a_thread_connecting", REPLY, ("thread(s) of yours were still running", "join()")),
]

STYLES: list[str] = [
    "style_create_connection",
    "style_with_block",
    "style_read_until_eof",
    "style_makefile",
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)
