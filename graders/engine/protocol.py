"""What a lesson's reference peers send and expect, declared once for two users.

Each lesson declares its reference peers' protocol in `PEERS`, in
`graders/lessons/peers_<lesson>.py`, with the bytes its checks use: the checks
(`test_<lesson>.py`) drive those peers step by step (`conversation.Peer`), and
`nox -s peer` (`graders/tools/peer.py`) runs the same peers by hand, with a live
transcript, so that a student can try their code against them outside the
grader (`graders/lessons/all_peers.py` gathers them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


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
