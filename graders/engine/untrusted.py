"""Text from the student's side, and how every sink the grader writes to makes it safe.

Everything that comes from a submission is untrusted: what its code printed,
its exceptions' messages, its return values' reprs, its stack frames' names
and lines, the names of its files and folders. Such text can carry terminal
control sequences (OSC 52 writes the instructor's clipboard, OSC 0 a window
title, CSI clears the screen or a line), NUL and other characters XML 1.0
forbids (one makes a JUnit report invalid, and GitLab then drops all of it),
bidi controls that make a line read differently from what it holds, lone
surrogates that no UTF-8 writer accepts, a leading `=` that a spreadsheet runs
as a formula, backticks that close a Markdown fence, and HTML.

`Untrusted` marks such text where it enters the grader. Every sink then makes
whatever it writes safe, marked or not (the grader's own text passes
through unchanged):

* `clean` (the terminal, and the base of every other sink): C0 controls but
  newline and tab, DEL, C1 controls, bidi controls, lone surrogates and the
  noncharacters U+FFFE/U+FFFF are written as visible escapes (`\\x1b`,
  `\\u202e`); nothing that a terminal, a JSON reader or an XML parser acts on
  or refuses is left;
* `clean_model`: every string of a result model (the JSON, and every platform
  format built from it: Gradescope, PrairieLearn, JUnit XML, CSV);
* `csv_cell`: a cell never starts with `=`, `+`, `-`, `@`, tab or CR;
* `markdown_code`: student text only inside a fence longer than any run of
  backticks it holds;
* `html`: escaped (the page itself carries a Content-Security-Policy).

tests/test_adversarial.py feeds every byte and long runs of tricky characters
through every sink and parses the result back with json, xml.etree, csv and
html.parser.
"""

from __future__ import annotations

import html as _html

BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Untrusted(str):
    """Text from the student's side (output, messages, reprs, names): a str that every sink escapes."""

    __slots__ = ()


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _table() -> dict[int, str]:
    codes = [*range(0x00, 0x20), *range(0x7F, 0xA0), *BIDI, *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
    table = {code: _escape(code) for code in codes}
    del table[0x09], table[0x0A]  # tab and newline stay
    return table


_TABLE = _table()


def clean(text: object) -> str:
    """The text with nothing a terminal acts on, and nothing JSON, XML or UTF-8 refuses: visible escapes instead."""
    text = text if isinstance(text, str) else str(text)
    return str.__str__(text).replace("\r\n", "\n").translate(_TABLE)


def clean_model(value):
    """Every string in a result model (dicts, lists, strings; keys too) made `clean`."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(key) if isinstance(key, str) else key: clean_model(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_model(item) for item in value]
    return value


def csv_cell(value: object) -> object:
    """A spreadsheet cell: `clean`, and never a formula (a leading = + - @ tab or CR gets a quote first)."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def markdown_code(text: object, info: str = "text") -> str:
    """A fenced code block holding the text: the fence is longer than any run of backticks in it."""
    body = clean(text)
    longest = run = 0
    for char in body:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body}\n{fence}"


def html(text: object) -> str:
    """Text for an HTML page: `clean`, then escaped (quotes too: safe in an attribute)."""
    return _html.escape(clean(text), quote=True)
