"""Lesson 4, graceful_close: its reference server and client and their bytes, for its checks and `nox -s peer`.

The checks (`test_graceful_close.py`) drive them step by step; `nox -s peer` (`graders/tools/peer.py`) plays
them by hand, with a live transcript. A tool imports this module, never the checks.
"""

from __future__ import annotations

from graders.engine.protocol import ClientProtocol, ServerProtocol

REQUEST = b"REQUEST \x00\xff caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 " + bytes(range(256)) + b" END"
REPLY = b"REPLY \x01\x02 \xe2\x9c\x93 " + bytes(range(255, -1, -1)) * 4 + b" DONE"
# The second piece ends right after the reply's first newline, and the reply goes on after it: a client that
# stops at a newline (readline(), `while b"\n" not in data`) has it all in hand, and stops short of the reply.
REPLY_NEWLINE = REPLY.index(b"\n") + 1
REPLY_PIECES = [7, REPLY_NEWLINE - 7, len(REPLY) - REPLY_NEWLINE]
# A second reply to the same request, 16 times its length and 256 KiB more, in pieces (the first as long as the
# request): a client that reads a bounded amount (one read(n), n made from the message) returns its start only.
BIG_REPLY = (b"BIG REPLY \xe2\x9c\x93 " + bytes(range(255, -1, -1)) * 1200)[: 16 * len(REQUEST) + (256 << 10)]
BIG_REPLY_PIECES = [len(REQUEST), 64 << 10, len(BIG_REPLY) - len(REQUEST) - (64 << 10)]
REQUEST_PIECES = [5, 9, len(REQUEST) - 14]  # the second piece ends inside "é"
BODY_FIRST = bytes(64 << 10)  # sent with the header, in the server's queue before it replies
BODY_REST = b"\xab" * (1 << 20)  # sent after the reply
# The file's name is long (over 8 KiB): a read bounded by a small fixed size (readline(100), one recv(4096))
# returns the line cut; the lesson sets no limit on the line's length.
NAME = "/".join(f"données-{number:04d}" for number in range(600))
# The size the header announces is the body the client sends: the report's numbers add up (and it ends the line).
HEADER = f"PUT /upload → name={NAME} size={len(BODY_FIRST) + len(BODY_REST)}\r\n".encode()  # ends in CRLF, as HTTP's
HEADER_LF = HEADER[:-2] + b"\n"  # the same line ended by a bare b"\n" (the line's end, as the lesson says)
# That line's body is lines of its own, as long as BODY_FIRST, a b"\n" every 8 bytes from its first: its start comes
# in the same send() (one segment: the line's end and the body's start, far under loopback's MSS) as the header's
# newline, so a read that holds that newline and more holds a second one. A line cut at the LAST b"\n" read, not
# the first (rindex()), returns body bytes with it.
BODY_LINES = b"".join(b"row %03d\n" % (number % 1000) for number in range(len(BODY_FIRST) // 8))
EMPTY_HEADER = b"\n"  # an empty header line: its b"\n" alone, the first byte the client sends, the body right behind it
HEADER_SPLIT = HEADER.index("→".encode()) + 1  # the first piece ends inside the line, inside the arrow
# The line comes in three pieces, each read before the next: the first ends inside the arrow, the second inside the
# name (inside an "é"), the third is the rest of the line with the body's start right behind its newline. A read
# that stops after a fixed number of recv()s (one, and one more) has no newline yet.
HEADER_SECOND = HEADER.index("é".encode(), len(HEADER) // 2) + 1 - HEADER_SPLIT

# The reference peers, as `nox -s peer` runs them by hand too: a server that replies after the request's
# FIN, and a client that half-closes and expects its request reversed.
PEERS = [
    ServerProtocol("request_and_half_close", until_fin=True, reply=lambda request: REPLY,
                   waiting="BYHAND_WAIT_REQUEST_FIN"),
    ClientProtocol("serve_one_request", REQUEST, half_close=True, expected=lambda message: message[::-1],
                   expected_text="BYHAND_REVERSED", waiting="BYHAND_WAIT_REPLY_FIN"),
]
REJECTED = b"REJECTED\n"
