"""Lesson 7, threaded_server: its reference client (one of the crowd), for its checks and `nox -s peer`.

The checks (`test_threaded_server.py`) drive it step by step; `nox -s peer` (`graders/tools/peer.py`) plays
it by hand, with a live transcript. A tool imports this module, never the checks.
"""

from __future__ import annotations

from graders.engine import clients
from graders.engine.protocol import ClientProtocol

FUNCTION = "serve_clients"

# The reference client as `nox -s peer -- client --lesson threaded_server` runs it by hand: one client
# of the crowd, its lines in one piece, then FIN; it expects each line reversed, then the server's FIN.
PEERS = [ClientProtocol(FUNCTION, clients.BY_HAND_LINES, half_close=True, expected=clients.replies,
                        expected_text="BYHAND_LINES_REVERSED", waiting="BYHAND_WAIT_LINES_FIN", more_args=", 1")]
