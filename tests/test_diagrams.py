"""Every wire diagram stays aligned whether East Asian "ambiguous" characters are drawn narrow or wide.

A CJK terminal may draw ─ ▶ ◀ “ ” … — · (unicodedata.east_asian_width "A") two columns wide, most
others one: a diagram with one of them in a line is aligned in one kind of terminal only. So no line of
a diagram holds one: the fenced diagrams of every text (lessons/*.md, lessons/zh/*.md, README*.md) and
every template the grader draws into a timeline or a packet listing, in both editions (issue 17).
"""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

from graders.engine.timeline import Timeline
from graders.text import messages

messages_zh = messages.texts("zh")  # the Chinese edition, read from its catalogue

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*ROOT.glob("README*.md"), *(ROOT / "lessons").glob("*.md"), *(ROOT / "lessons" / "zh").glob("*.md")])

# A fenced block is a diagram when it draws: an arrow (--> <-- ->), a rule of dashes, box drawing.
DRAWING = re.compile(r"-->|<--|---|[\u2500-\u257f\u25b6\u25c0]")
# A line of a diagram that is laid out: it draws, or pads text into columns (two spaces after text). A line
# of a report's sample that only quotes a message (a student's str with a U+FFFD in it) is not drawn.
LAID_OUT = re.compile(r"-->|<--|---|-\+|\+-|\S {2,}\S|[\u2500-\u257f]")


def ambiguous(text: str) -> str:
    return "".join(sorted({ch for ch in text if unicodedata.east_asian_width(ch) == "A"}))


def diagram_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of every laid-out line inside a fenced block that draws a diagram."""
    found, block, start = [], None, 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("```"):
            if block is None:
                block, start = [], number
            else:
                if any(DRAWING.search(row) for row in block):
                    found += [(start + 1 + index, row) for index, row in enumerate(block) if LAID_OUT.search(row)]
                block = None
            continue
        if block is not None:
            block.append(line)
    return found


def test_the_texts_and_their_diagrams_are_found() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in TEXTS}
    assert {"README.md", "README.zh.md", "lessons/01-client_flow.md", "lessons/zh/01-client_flow.md"} <= names
    with_diagrams = [path for path in TEXTS if diagram_lines(path.read_text(encoding="utf-8"))]
    assert len(with_diagrams) >= 10, with_diagrams  # every lesson draws its wire, in both editions


def test_the_check_catches_an_ambiguous_character_in_a_diagram() -> None:
    bad = "```\n  SYN_SENT  ---- SYN ---->  SYN_RECEIVED  ┐\n  recv() ……   共 count 次\n```\n"
    good = "```\n  SYN_SENT  ---- SYN ---->  SYN_RECEIVED  +\n```\nprose … “quoted”\n"
    assert [ambiguous(line) for _, line in diagram_lines(bad)] == ["┐", "…"]
    assert not [line for _, line in diagram_lines(good) if ambiguous(line)]


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_ambiguous_width_character_in_a_diagram(path: Path) -> None:
    wrong = [f"{path.name}:{number}: {ambiguous(line)!r} in {line.strip()}"
             for number, line in diagram_lines(path.read_text(encoding="utf-8")) if ambiguous(line)]
    assert not wrong, "\n".join(wrong)


def timeline_templates() -> set[str]:
    """The names of every template the graders draw into a timeline (or a packet listing under it)."""
    names = set()
    for path in (ROOT / "graders").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # timeline.note(text.NAME...), .student(...), .peer(...), events.append((at, side, text.NAME...))
            if isinstance(node, ast.Attribute) and node.attr.isupper() and isinstance(node.value, ast.Name) \
                    and node.value.id in ("text", "messages"):
                if node.attr.startswith(("TL_", "TIMELINE_", "PK_", "END_NAME", "PEER_")):
                    names.add(node.attr)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("note", "student", "peer") and node.args:
                for inner in ast.walk(node.args[0]):
                    if isinstance(inner, ast.Attribute) and inner.attr.isupper():
                        names.add(inner.attr)
    return names


@pytest.mark.parametrize("texts", [messages.texts("en"), messages_zh], ids=["en", "zh"])
def test_no_ambiguous_width_character_in_a_timeline_template(texts) -> None:
    names = timeline_templates()
    assert {"TL_SEND", "TL_MORE_EVENTS", "TIMELINE_STOPPED", "PK_MORE", "END_NAME", "TL_CONNECT"} <= names, names
    wrong = []
    for name in sorted(names):
        value = getattr(texts, name, getattr(messages, name, None))
        for text in (value.values() if isinstance(value, dict) else [value]):
            if isinstance(text, str) and ambiguous(text):
                wrong.append(f"{name}: {ambiguous(text)!r} in {text!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("texts", [messages.texts("en"), messages_zh], ids=["en", "zh"])
def test_a_drawn_timeline_is_aligned_in_every_terminal(texts, monkeypatch) -> None:
    """The diagram's own lines (heading, rules, arrows) take as many columns narrow or wide."""
    for name in ("TL_YOUR_CODE", "PEER_SERVER", "END_NAME"):
        monkeypatch.setattr(messages, name, getattr(texts, name))
    timeline = Timeline(texts.PEER_SERVER)
    timeline.peer(texts.TL_SEND.format(data="b'abc' (3 bytes)"))
    timeline.student(texts.TL_SEND.format(data="b'cba' (3 bytes)"))
    timeline.end("FIN")
    timeline.note(texts.TL_MORE_EVENTS.format(count=7))
    lines = timeline.render()
    assert len(lines) >= 6, lines
    assert not [line for line in lines if ambiguous(line)], lines


def test_a_cut_timeline_keeps_each_long_line_with_its_arrow() -> None:
    """A line of the code's own too long for the left column is drawn as its text, then its arrow: a long
    timeline's cut (the middle counted in one line) never falls between the two (a trial saw a bare arrow right
    after "... 40 more lines ...")."""
    from graders import plugin

    timeline = Timeline()
    for number in range(40):
        timeline.student(f"send b'{'x' * 40}' number {number} (a line too long for the left column)")
        timeline.peer(f"reply {number}")
    drawn = timeline.render()
    cut = plugin._cut_timeline(drawn, full=False)
    assert len(cut) < len(drawn)
    marker = next(i for i, line in enumerate(cut) if line.startswith("..."))
    assert not plugin._bare_arrow(cut[marker + 1]), cut
    assert not cut[marker - 1].startswith("send"), cut  # its arrow is not cut off either
    assert sum(plugin._bare_arrow(line) for line in cut) == sum(line.startswith("send") for line in cut), cut
