"""Lesson 1, client_flow: its reference server, declared once, for its checks and for `nox -s peer`.

The checks (`test_client_flow.py`) drive it step by step; `nox -s peer` (`graders/tools/peer.py`) plays
it by hand, with a live transcript. A tool imports this module, never the checks.
"""

from __future__ import annotations

from graders.engine.protocol import ServerProtocol

MESSAGE = b"HELLO \x00\xff\xfe caf\xc3\xa9 \xe4\xbd\xa0\xe5\xa5\xbd\r\n"
REPLY = b"WELCOME \x00\x80\x81 na\xc3\xafve \xf0\x9f\x91\x8b server reply\n"
# The reply to a second request in the same process, the same request (`test_client_flow._called_again`). A
# reply is any bytes: this one has a newline inside it (a reply read as a line is cut there) and ends in a zero
# byte (a reply stripped of a C string's zero padding loses it), which REPLY, one line, does not show. And it is
# 1023 bytes long, the longest reply the contract allows ("shorter than 1024 bytes"), sent in one piece: a recv()
# of fewer than 1024 bytes (an independent trial's recv(1000)) returns its beginning, by construction, where
# REPLY, 37 bytes, fits in any round number.
_SECOND_HEAD = b"SECOND \x00\x7f reply\n\xe5\x86\x8d line two "
SECOND_REPLY = _SECOND_HEAD + (bytes(range(0x21, 0x7f)) * 11)[: 1023 - len(_SECOND_HEAD) - 1] + b"\x00"
assert len(SECOND_REPLY) == 1023
# The message of one more call (`test_client_flow.empty_conversation`): a message may be empty, and is still a
# request (connect, send nothing, read the reply, close). The reference server knows the message's length, as for
# any message: it has it whole at once, and holds its reply until the code waits for it.
EMPTY_MESSAGE = b""
# The message of one more call (`test_client_flow._expect_one_byte_message_sent_whole`): one byte, the shortest a
# message that is sent at all can be. A send loop whose bound stops one short of the end (an independent trial's
# range(0, len(message) - 1, 65536)) loses the last piece of a message whose length is 1 past a multiple of its
# step: of this one, all of it.
ONE_BYTE_MESSAGE = b"\xff"

# The reference server, as `nox -s peer -- server` runs it by hand too: the same reply, whatever the request.
PEERS = [ServerProtocol("request", until_fin=False, reply=lambda request: REPLY, waiting="BYHAND_WAIT_MESSAGE")]
