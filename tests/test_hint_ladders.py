"""The hint ladders (graders/text/hints.py, every edition's catalogue) and how `nox -s hint` quotes the grader.

A ladder gives a little more each time, never the answer: no last rung is
the solution's code line (nor any code line at all: the last rung says the
exact call, argument or condition in words).
"""

from __future__ import annotations

import re
import types

import pytest

from graders import course
from graders.text import hints, lang
from graders.tools.hint import report_hint, summary

CODE_SPAN = re.compile(r"`([^`]+)`")


def _normal(code: str) -> str:
    return re.sub(r"\s+", "", code)


def solution_lines() -> set[str]:
    lines = set()
    for path in course.SOLUTIONS.glob("*.py"):
        for line in path.read_text().splitlines():
            code = line.split("#", 1)[0].strip()
            # Lines short enough to be words too ("return None") are left to the code-span rule.
            if len(_normal(code)) >= 12 and not code.startswith(('"""', "def ", "import ", "from ")):
                lines.add(_normal(code))
    return lines


@pytest.mark.parametrize("edition", [types.SimpleNamespace(HINTS=hints.ladders(code)) for code in lang.EDITIONS],
                         ids=lang.EDITIONS)
def test_no_last_rung_is_a_code_line(edition) -> None:
    answers = solution_lines()
    for check, ladder in edition.HINTS.items():
        last = ladder[-1]
        assert not CODE_SPAN.search(last), f"{check}: the last rung holds code: {last}"
        for answer in answers:
            assert answer not in _normal(last), f"{check}: the last rung is the solution's line {answer!r}"


def test_the_graders_message_is_quoted_to_the_end_of_its_sentence() -> None:
    message = ("recv_exactly() raised OSError:\n"
               "    recv_loop.py, line 9, in recv_exactly: print(chunk)\n"
               "    OSError: [Errno 27] File too large\n"
               "  Hint: take the print() out of the loop.")
    said = summary(message)
    assert not said.endswith(":") and "File too large" in said and "Hint" not in said, said
    assert report_hint(message) == "take the print() out of the loop."
    two_lines = "request() returned b'x' (1 bytes)\n  but the expected value was b'y'.\n  Hint: return it."
    assert summary(two_lines) == "request() returned b'x' (1 bytes) but the expected value was b'y'."


def test_the_graders_message_is_quoted_without_its_frames_in_chinese_too() -> None:
    """The Chinese report's traceback lines (messages.FRAME_LINE in that edition) are skipped as the English
    ones are, and lines are joined without a space after full-width punctuation."""
    from graders.text import messages

    zh = messages.texts("zh")
    frame = zh.FRAME_LINE.format(file="threaded_server.py", lineno=15, func="_serve_lines", source="answerd.append(0)")
    message = "\n".join([zh.CROWD_THREAD_DIED.format(client="B", type="NameError"), frame,
                         "    NameError: name 'answerd' is not defined", "  " + zh.THREAD_DIED_HINT])
    said = summary(message)
    assert "answerd.append(0)" not in said and "第 15 行" not in said, said
    assert "：NameError: name 'answerd' is not defined" in said, said
