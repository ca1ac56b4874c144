"""Lesson 2, server_flow: its reference client, declared once, for its checks and for `nox -s peer`.

The checks (`test_server_flow.py`) drive it step by step; `nox -s peer` (`graders/tools/peer.py`) plays
it by hand, with a live transcript. A tool imports this module, never the checks.
"""

from __future__ import annotations

from graders.engine.protocol import ClientProtocol

# Any bytes: a newline inside it, none at its end (a readline() is not one recv(1024)), whitespace at its end (a
# strip() shows), bytes that are not UTF-8. Close to the lesson's 1024 bytes (900): a recv() of less than that (an
# independent trial's recv(64)) takes part of it, by construction (one segment on loopback, all of it there).
MESSAGE = (b"PING \x00\x01\xfe\xff caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\n\xf0\x9f\x8c\x8d "
           + bytes(range(256)) * 3 + b"." * 104 + b" ")
# The message of a second call in the same process (the return check's): other bytes, shorter, neither message a
# part of the other, so that the first's kept for the second (a buffer never cleared) shows in it. And 1023 bytes
# long, the longest message the contract allows ("shorter than 1024 bytes"), sent in one piece: a recv() of fewer
# than 1024 bytes (an independent trial's recv(1000)) takes its beginning alone, by construction. It ends in
# b"\r\n", which MESSAGE (whitespace at its end, no newline) does not: a value "cleaned" with rstrip(b"\r\n") or
# rstrip(b"\n") before it is returned (an independent trial's, its echo exact) loses them.
_SECOND_HEAD = b"SECOND \x00\x7f message \xe5\x86\x8d\n again "
SECOND_MESSAGE = _SECOND_HEAD + (bytes(range(0x21, 0x7f)) * 11)[: 1023 - len(_SECOND_HEAD) - 6] + b" end\r\n"
assert len(SECOND_MESSAGE) == 1023

# The reference client, as `nox -s peer -- client` runs it by hand too: it expects its message echoed.
PEERS = [ClientProtocol("serve_once", MESSAGE, half_close=False, expected=lambda message: message,
                        expected_text="BYHAND_ECHOED", waiting="BYHAND_WAIT_ECHO_FIN")]
