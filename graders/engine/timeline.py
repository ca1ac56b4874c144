"""The timeline: what happened on the wire, in order, as the reference peer saw it.

A check's peer records each step of the conversation here (what the
student's code sent, its FIN or RST, what the peer did, what the kernel
showed), and a failing check shows it as a two-column sequence diagram.
Conversations are shared by the checks that judge them: a check adds its
own notes to a `copy()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from graders.text import lang, messages

NOTE = "*"  # the mark of an observation's line (ASCII: one column in every terminal)
TIMELINE_BYTES = 20  # how much of each payload the timeline shows (about twice as many characters)


@dataclass
class Timeline:
    """What happened on the wire, in order, as the reference peer saw it.

    `student` lines are things the student's code did (as seen from the
    peer), `peer` lines are what the reference peer did, `note` lines are
    observations (kernel state, the function's return).
    """

    peer_name: str = messages.PEER_REFERENCE
    events: list[tuple] = field(default_factory=list)
    # Who ended the student's side of the connection, asked when the timeline is drawn: given the moment
    # the end was seen, the grader's reason (a note), or None when it was the student's code.
    ended_by_grader: Callable[[float], str | None] | None = None
    # The templates of notes that tell the cause of whatever fails in this conversation (`note(told=True)`): a
    # verdict drawn with it names them among its own (CheckFailed.templates), as a message's hints are named.
    told: tuple[str, ...] = ()

    def student(self, text: str, wire: bool = True) -> None:
        """Something the student's code did: on the wire (an arrow) or only locally (wire=False)."""
        self.events.append(("student" if wire else "student-local", text))

    def peer(self, text: str, wire: bool = True) -> None:
        """Something the reference peer did: on the wire (an arrow) or only locally (wire=False)."""
        self.events.append(("peer" if wire else "peer-local", text))

    def end(self, how: str) -> None:
        """The student's side of the connection ended ("FIN" or "RST"), seen now.

        Whether the student's code did it or the grader (closing the socket
        it had given the function, or killing the process after a verdict)
        is decided when the timeline is drawn, once the call's outcome is
        known: the grader's own close is never drawn as the student's.
        """
        self.events.append(("end", how, time.monotonic()))

    def note(self, text: str, told: bool = False) -> None:
        """An observation; the same one twice (a verdict written again from one call) is said once. `told`:
        it tells the cause of what fails here (the code gave up in the peer's pause), for the verdict to name."""
        if ("note", text) not in self.events:
            self.events.append(("note", text))
        key = getattr(text, "key", None)
        if told and key and key not in self.told:
            self.told += (key,)

    def own_fin_first(self) -> bool:
        """Did the student's code end its side with FIN itself (its own shutdown(SHUT_WR) or close()), before
        anything reset the connection? Then a BrokenPipeError on that socket was its own shutdown's doing."""
        ends = [event for event in self.events if event[0] == "end"]
        if not ends or ends[0][1] != "FIN":
            return False
        return not (self.ended_by_grader and self.ended_by_grader(ends[0][2]))

    def copy(self) -> Timeline:
        """A copy a check can add its own observations to (conversations are shared by checks)."""
        return Timeline(self.peer_name, list(self.events), self.ended_by_grader, self.told)

    def render(self) -> list[str]:
        """The conversation as a two-column sequence diagram (plain text).

        Its structure is ASCII (- > < *), and a text is padded only where it
        takes as many columns in every terminal: the diagram stays aligned
        also where ambiguous-width characters are drawn wide (CJK terminals).
        """
        if not self.events:
            return []
        width = 36  # the left column, where the arrows meet the peer's side (in terminal columns)
        you, peer = messages.TL_YOUR_CODE, self.peer_name
        rule = "-" * lang.display_width(you, ambiguous=2)
        lines = [f"{lang.ljust(you, width)} {peer}" if lang.fixed_width(you) else f"{you}\n{'':<{width}} {peer}",
                 f"{lang.ljust(rule, width)} {'-' * lang.display_width(peer, ambiguous=2)}"]
        lines = [line for pair in lines for line in pair.split("\n")]
        for side, text, *when in self.events:
            if side == "end":
                why = self.ended_by_grader(when[0]) if self.ended_by_grader else None
                if why:
                    lines.append(f"{NOTE} {why.format(end=messages.END_NAME[text])}")
                    continue
                side, text = "student", messages.END_NAME[text]
            if side == "student":
                if lang.display_width(text) > width - 6 or not lang.fixed_width(text):
                    lines.append(text)
                    text = ""
                lines.append(f"{text} {'-' * (width - lang.display_width(text) - 2)}>" if text
                             else f"{'-' * (width - 1)}>")
            elif side == "peer":
                lines.append(f"<{'-' * (width - 1)} {text}")
            elif side == "student-local":
                lines.append(text)
            elif side == "peer-local":
                lines.append(f"{'':<{width}} {text}")
            else:
                lines.append(f"{NOTE} {text}")
        return Drawn(lines, self.told)


class Drawn(list):
    """A timeline drawn (its lines), with the templates of the notes that tell a cause (`Timeline.told`)."""

    def __init__(self, lines: list[str], told: tuple[str, ...] = ()):
        super().__init__(lines)
        self.told = told


def _escape_length(text: str, at: int) -> int:
    """How many characters the escape starting at text[at] (a backslash) spans in a repr()."""
    kind = text[at + 1:at + 2]
    if kind == "x":
        return 4
    if kind == "u":
        return 6
    if kind == "U":
        return 10
    if kind == "N":
        end = text.find("}", at)
        return end + 1 - at if end > 0 else 2
    if kind and kind in "01234567":
        length = 2
        while length < 4 and text[at + length:at + length + 1] and text[at + length] in "01234567":
            length += 1
        return length
    return 2  # \\, \', \n, \t, \r...


def cut_repr(text: str, limit: int) -> str:
    """The longest start of a repr() of at most `limit` characters that ends between two characters as the
    repr writes them: never inside an escape (\\x41, \\u00e9, \\U0001f600, \\N{...}, \\\\, \\n).
    The same rule as fork_server.cut_repr, which imports nothing of the course (tests/test_result.py)."""
    if len(text) <= limit:
        return text
    at = 0
    while at < len(text):
        step = _escape_length(text, at) if text[at] == "\\" else 1
        if at + step > limit:
            break
        at += step
    return text[:at]


def preview(text: str, limit: int) -> str:
    """A repr() shown in at most `limit` characters and "...": cut between two of its characters."""
    cut = cut_repr(text, limit)
    return text if cut == text else cut + "..."


def show(data: bytes, limit: int = 40) -> str:
    """A short repr of bytes for messages: b'abc'... (N bytes), at most about 2*limit characters."""
    text = repr(data[: 2 * limit])  # never the repr of 16 MiB to show 80 characters of it
    if len(text) > 2 * limit:
        text = cut_repr(text, 2 * limit) + "'..."  # never an escape such as \xe6 cut in two
    return (messages.BYTE_SHOWN if len(data) == 1 else messages.BYTES_SHOWN).format(data=text, count=len(data))


def common_prefix(a: bytes, b: bytes) -> int:
    """How many leading bytes two byte strings share."""
    low, high = 0, min(len(a), len(b))
    while low < high:  # binary search on equal prefixes: fast on 16 MiB
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def repeats_from_start(want: bytes, got: bytes, at: int) -> bool:
    """Do the bytes received from `at` on begin the given data again, from its start?"""
    n = min(len(got) - at, len(want), 64)
    return at > 0 and n > 0 and got[at:at + n] == want[:n]


def _shift(want: bytes, got: bytes, at: int) -> str:
    """Where the bytes received from `at` on come from in the data: "back" (from before `at`: some sent twice),
    "ahead" (from further on: some skipped), or "" (neither, or too few to tell).

    Data made of a repeated block (lesson 3's payloads) holds a piece both before and after: then more bytes
    than the data says some went twice, fewer that some were skipped (a trial's `sent = n`, which sends again
    from an earlier byte, was told as skipping)."""
    piece = got[at:at + 64]
    if len(piece) < 16:
        return ""
    back = -1 < want.find(piece) < at
    ahead = want.find(piece, at + 1) > at
    if back and ahead:
        return "back" if len(got) > len(want) else "ahead"
    return "back" if back else "ahead" if ahead else ""


def skips_ahead(want: bytes, got: bytes, at: int) -> bool:
    """Do the bytes received from `at` on come from further on in the data (some of it skipped)?"""
    return _shift(want, got, at) == "ahead"


def sent_again(want: bytes, got: bytes, at: int) -> bool:
    """Do the bytes received from `at` on come from earlier in the data (some of it sent twice)?"""
    return _shift(want, got, at) == "back"


def received_versus(want: bytes, got: bytes) -> str:
    """What a peer received, against what it was to receive, in words: where the first difference is and
    whether the data's start came again there."""
    same = common_prefix(want, got)
    if got == want:
        return messages.RECEIVED_AS_GIVEN
    if same == len(got):
        return messages.RECEIVED_PREFIX_ONLY.format(same=same)
    if same == 0:
        return messages.RECEIVED_OTHER_FROM_START
    if repeats_from_start(want, got, same):
        return messages.RECEIVED_THEN_AGAIN.format(same=same)
    if same == len(want):
        return messages.RECEIVED_ALL_THEN_MORE.format(same=same)
    if skips_ahead(want, got, same):
        return messages.RECEIVED_THEN_SKIPPED.format(same=same)
    if sent_again(want, got, same):
        return messages.RECEIVED_THEN_REPEATED.format(same=same)
    return messages.RECEIVED_THEN_OTHER.format(same=same)
