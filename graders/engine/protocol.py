"""What a lesson's reference peers send and expect, declared once for two users.

Each grader module (`graders/lessons/test_<lesson>.py`) declares its reference peers'
protocol in `PEERS`, next to the bytes its checks use: the checks drive
those peers step by step (`conversation.Peer`), and `nox -s peer`
(`graders/tools/peer.py`) runs the same peers by hand, with a live transcript, so
that a student can try their code against them outside the grader.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from graders import course


@dataclass(frozen=True)
class ServerProtocol:
    """The reference server of a lesson whose student writes a client."""

    call: str  # the student's function to point at it
    until_fin: bool  # the request ends with the client's FIN (else: with a short pause)
    reply: Callable[[bytes], bytes]  # what the server sends back for a request
    waiting: str  # the name of the note printed while the request does not end (messages.NAME)


@dataclass(frozen=True)
class ClientProtocol:
    """The reference client of a lesson whose student writes a server."""

    call: str  # the student's function it talks to
    message: bytes  # what it sends
    half_close: bool  # shutdown(SHUT_WR) after the message
    expected: Callable[[bytes], bytes]  # the reply it expects for a message
    expected_text: str  # the name of the words for that reply (messages.NAME)
    waiting: str  # the name of the note printed while the server does not close (messages.NAME)
    more_args: str = ""  # the call's arguments after (port, host), as written: ", 1" for one client


def peers() -> tuple[dict[str, ServerProtocol], dict[str, ClientProtocol]]:
    """Every lesson's reference servers and clients, by lesson id, in course order."""
    servers, clients = {}, {}
    for lesson in course.lessons():
        module = importlib.import_module(f"graders.lessons.test_{lesson.id}")
        for peer in getattr(module, "PEERS", ()):
            (servers if isinstance(peer, ServerProtocol) else clients)[lesson.id] = peer
    return servers, clients
