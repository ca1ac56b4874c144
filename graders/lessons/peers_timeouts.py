"""Lesson 6, timeouts: its reference servers' timings and replies, for its checks and for `nox -s peer`.

The checks (`test_timeouts.py`) play lists of these servers (`graders/engine/servers.py`) against the
student's client; `nox -s peer -- server --lesson timeouts` (`graders/tools/peer.py`) plays one list by
hand with the same timings and replies. A tool imports this module, never the checks.
"""

from __future__ import annotations

TIMEOUT = 0.2  # the timeout given to first_reply(): per server, in total
SLACK = 0.15  # how late past its deadline a close may be seen, on a busy machine
TRICKLE_EVERY = 0.04  # the trickling server's pace: one byte this often, forever
SLOW_PIECES = (0.0, 0.1)  # the slow server's pieces, seconds after the accept: a pause of TIMEOUT / 2...
SLOW_PAUSE = 0.08  # ...and never less than this, even if the first piece left late


def reply_of(scenario: str, index: int, kind: str) -> bytes:
    """Each server's own reply: a reply from the wrong server always shows. It holds a line's end (b"\\n") in
    its middle, where the slow server's first piece ends (`servers.slow_plan`): a reply is whole at the server's
    FIN, never at the end of a line, and a client that takes b"\\n" for the end returns half of it."""
    return f"{kind} server {index} of {scenario}: \u2713\n".encode() + bytes([0, 255, index]) + b" END"
