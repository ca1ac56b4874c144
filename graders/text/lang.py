"""Which edition of the course's texts to show, and where each edition's texts are.

English is the default and the source: its texts are written in
`graders/text/messages.py`, `graders/text/hints.py` and course.toml. Every other
edition is a gettext catalogue, `graders/text/locale/<code>/LC_MESSAGES/course.mo`
(compiled from the `.po` beside it by `python -m graders.text.catalogue`), with
its lesson texts in `lessons/<code>/` and a `README.<code>.md`: the editions
are the catalogues found there, no list in the code. `COURSE_LANG=zh` (or
`--lang zh` on any nox session, which sets it) selects one. A text is looked
up by its name (the `msgctxt`) and its English text (the `msgid`) when it is
read, never swapped into a module at import (`messages`, `hints`).

Text aligned in columns (the progress table, the wire diagram, the
per-check lines) is measured with `display_width`, not `len`: a Chinese
character takes two columns of a terminal.
"""

from __future__ import annotations

import functools
import gettext
import os
import re
import string
import types
import unicodedata
from pathlib import Path

DEFAULT = "en"
DOMAIN = "course"
LOCALE = Path(__file__).resolve().parent / "locale"  # the catalogues, beside this module
# The editions: English, then every catalogue compiled under graders/text/locale/.
EDITIONS = (DEFAULT, *sorted(path.parent.parent.name for path in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")))


def normalize(value: str | None) -> str | None:
    """'zh', 'zh_CN.UTF-8', 'ZH' -> 'zh'; '' or None -> the default; anything else -> None."""
    if not value:
        return DEFAULT
    short = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return short if short in EDITIONS else None


def current() -> str:
    """The edition chosen by COURSE_LANG; an unknown value falls back to English."""
    return normalize(os.environ.get("COURSE_LANG")) or DEFAULT


@functools.cache
def translations(edition: str) -> gettext.NullTranslations:
    """The edition's catalogue as the standard library's gettext reads it (English: none, every text as written)."""
    path = LOCALE / edition / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if edition == DEFAULT or not path.is_file():
        return gettext.NullTranslations()
    with open(path, "rb") as f:
        return gettext.GNUTranslations(f)


def entries(table: dict, prefix: str = "") -> list[tuple[str, str]]:
    """(name, English text) of every text of a table: `NAME` for a text, `NAME[key]` in a dict or a tuple."""
    found = []
    for key, value in table.items() if isinstance(table, dict) else enumerate(table):
        name = f"{prefix}[{key}]" if prefix else key
        if isinstance(value, str):
            found.append((name, value))
        elif isinstance(value, (dict, tuple)):
            found += entries(value, name)
    return found


def translated(value, edition: str, name: str):
    """`value` (a text, or a dict or tuple of texts, as the English edition writes it) in `edition`."""
    if isinstance(value, str):
        return translations(edition).pgettext(name, value)
    if isinstance(value, dict):
        return {key: translated(item, edition, f"{name}[{key}]") for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(translated(item, edition, f"{name}[{index}]") for index, item in enumerate(value))
    return value  # a number (a column width) is the same in every edition


def by_edition(module_name: str, table) -> None:
    """Make every upper-case name of a module of the text layer read `table(current())`, when it is read.

    The module's own globals stay the English edition, written as plain
    assignments anywhere in the file; nothing is swapped at import, so no
    order matters: a name added at the end is found like any other.
    """
    import sys

    class ByEdition(types.ModuleType):
        def __getattribute__(self, name: str):
            if name.isupper():
                found = table(current())
                if name in found:
                    return found[name]
                raise AttributeError(f"module {module_name!r} has no text {name!r}")
            return super().__getattribute__(name)

    sys.modules[module_name].__class__ = ByEdition


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
        text = str(self)
        if kwargs.get("message") == "":
            # An exception without a message ("raise ValueError"): its empty placeholder goes with what frames it,
            # so "raised {type} ({message})" reads "raised ValueError", not "raised ValueError ()".
            text = _EMPTY_MESSAGE.sub("", text)
        if not _WIDE.search(text):  # English: Python's own format
            return Message(str.format(text, *args, **kwargs), self.key, self.keys + nested)
        return Message(_SPACED.vformat(text, args, kwargs), self.key, self.keys + nested)


# Chinese characters and full-width punctuation: the Chinese edition's text (ZH-STYLE.md: one space between a
# Chinese character and a Latin letter or digit, none between two Chinese characters).
_WIDE = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


class _Spaced(string.Formatter):
    """str.format, with the space the template puts between a Chinese character and a field kept only where the
    value is Latin. So “它等到的是 {end}” reads “它等到的是 RST” and “它等到的是什么也没有”. The template
    cannot know which a field gets (a name, a number, or another Chinese template); the value can."""

    def vformat(self, format_string, args, kwargs):
        pieces: list[tuple[str, bool]] = []  # (text, whether it is a field's value)
        auto = iter(range(len(args)))
        for literal, field, spec, conversion in self.parse(format_string):
            pieces.append((literal, False))
            if field is not None:
                value, _ = self.get_field(field or str(next(auto, len(args))), args, kwargs)
                spec = self.vformat(spec, args, kwargs) if spec else ""
                pieces.append((self.format_field(self.convert_field(value, conversion), spec), True))
        texts = [text for text, _ in pieces]
        for i, (value, is_value) in enumerate(pieces):
            if not is_value or not value:
                continue
            before, after = texts[i - 1], texts[i + 1] if i + 1 < len(texts) else ""
            if _WIDE.match(value) and before.endswith(" ") and _WIDE.match(before[-2:-1]):
                texts[i - 1] = before[:-1]
            if _WIDE.match(value[-1]) and after.startswith(" ") and _WIDE.match(after[1:2]):
                texts[i + 1] = after[1:]
        return "".join(texts)


_SPACED = _Spaced()


# "{message}" in brackets (either edition's), or after a colon: what an empty message leaves out with it.
_EMPTY_MESSAGE = re.compile(r" ?\(\{message\}\)|（\{message\}）|[:：] ?\{message\}")


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



def translate_argparse(table) -> None:
    """argparse's own words ("usage:", "options", its errors) from `table()`, where it has them.

    argparse looks its texts up through its module's `_` (gettext) each time it
    uses one, so replacing that function translates them; a text missing from
    `table()` stays as argparse wrote it.
    """
    import argparse

    argparse._ = lambda text: table().get(text, text)
