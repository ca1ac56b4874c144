"""Lesson 1, client_flow: its reference server, declared once, for its checks and for `nox -s peer`.

The checks (`test_client_flow.py`) drive it step by step; `nox -s peer` (`graders/tools/peer.py`) plays
it by hand, with a live transcript. A tool imports this module, never the checks.
"""

from __future__ import annotations

from graders.engine.protocol import ServerProtocol

MESSAGE = b"HELLO \x00\xff\xfe caf\xc3\xa9 \xe4\xbd\xa0\xe5\xa5\xbd\r\n"
REPLY = b"WELCOME \x00\x80\x81 na\xc3\xafve \xf0\x9f\x91\x8b server reply\n"
# The reply to a second request in the same process, the same request (`test_client_flow._called_again`).
SECOND_REPLY = b"SECOND \x00\x7f reply \xe5\x86\x8d\n"

# The reference server, as `nox -s peer -- server` runs it by hand too: the same reply, whatever the request.
PEERS = [ServerProtocol("request", until_fin=False, reply=lambda request: REPLY, waiting="BYHAND_WAIT_MESSAGE")]
