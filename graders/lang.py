"""Which edition of the course's texts to show: English (default) or Chinese.

`COURSE_LANG=zh` (or `--lang zh` on any nox session, which sets it) selects
the Chinese edition. `messages` and `hints` read `current()` once, when they
are imported, and take their Chinese tables from `messages_zh` / `hints_zh`.

Text aligned in columns (the progress table, the wire diagram, the
per-check lines) is measured with `display_width`, not `len`: a Chinese
character takes two columns of a terminal.
"""

from __future__ import annotations

import os
import unicodedata

EDITIONS = ("en", "zh")
DEFAULT = "en"


def normalize(value: str | None) -> str | None:
    """'zh', 'zh_CN.UTF-8', 'ZH' -> 'zh'; '' or None -> the default; anything else -> None."""
    if not value:
        return DEFAULT
    short = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return short if short in EDITIONS else None


def current() -> str:
    """The edition chosen by COURSE_LANG; an unknown value falls back to English."""
    return normalize(os.environ.get("COURSE_LANG")) or DEFAULT


class Message(str):
    """A filled template: text that remembers the names of the templates it was filled from.

    `key` is the template's own name; `keys` adds the names of the templates
    filled into it (a hint passed as a placeholder's value, say), in order.
    """

    key: str | None = None
    keys: tuple[str, ...] = ()

    def __new__(cls, text: str, key: str | None, keys: tuple[str, ...] = ()) -> Message:
        message = super().__new__(cls, text)
        message.key = key
        message.keys = keys or ((key,) if key else ())
        return message

    def __add__(self, other: str) -> Message:  # a message with more text after it is still that message
        return Message(str(self) + other, self.key, self.keys + tuple(getattr(other, "keys", ())))


class Template(str):
    """A template of the text layer (messages.NAME): `format` fills it into a `Message` named NAME."""

    key: str | None = None

    def __new__(cls, text: str, key: str) -> Template:
        template = super().__new__(cls, text)
        template.key = key
        return template

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,) if self.key else ()

    def format(self, *args, **kwargs) -> Message:
        nested = tuple(key for value in (*args, *kwargs.values()) for key in getattr(value, "keys", ()))
        return Message(str.format(self, *args, **kwargs), self.key, self.keys + nested)


def display_width(text: str, ambiguous: int = 1) -> int:
    """How many terminal columns `text` takes (wide and full-width characters take two).

    East Asian "ambiguous" characters (─ ▶ · “ ” ...) take one column in most terminals and two in
    many CJK ones: `ambiguous=2` measures as those do.
    """
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else ambiguous
               if unicodedata.east_asian_width(ch) == "A" else 1
               for ch in text if not unicodedata.combining(ch))


def fixed_width(text: str) -> bool:
    """Whether `text` takes as many columns in every terminal (no ambiguous-width character in it)."""
    return display_width(text) == display_width(text, ambiguous=2)


def ljust(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def rjust(text: str, width: int) -> str:
    return " " * max(0, width - display_width(text)) + text



def translate_argparse(table: dict[str, str]) -> None:
    """argparse's own words ("usage:", "options", its errors) from `table`, where it has them.

    argparse looks its texts up through its module's `_` (gettext) each time it
    uses one, so replacing that function translates them; a text missing from
    `table` stays as argparse wrote it.
    """
    import argparse

    argparse._ = lambda text: table.get(text, text)
