"""The editions' catalogues, for maintainers: gettext `.po` files read, written and compiled to `.mo`.

Each edition but English is one catalogue, `graders/text/locale/<code>/LC_MESSAGES/course.po`
(Poedit and Weblate open it); at run time the grader reads only its compiled
`course.mo`, with the standard library's `gettext` (`lang.translations`). An
entry's `msgctxt` is the text's name (`NAME`, `NAME[key]`, `HINTS[check][rung]`),
its `msgid` the English text, its `msgstr` the edition's. A catalogue whose
English text changed since it was translated no longer matches: the edition
shows English there, and tests/test_editions.py names it.

    python -m graders.text.catalogue            compile every .po into its .mo (msgfmt need not be installed)
    python -m graders.text.catalogue update     first bring every .po in line with the English (as msgmerge):
                                           a new text added untranslated, a changed one marked fuzzy
"""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

from graders.text import lang

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
HEADER = ('Project-Id-Version: tcp-socket-course\nLanguage: {code}\nMIME-Version: 1.0\n'
          'Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n')


def english_entries(lessons: dict) -> list[tuple[str, str]]:
    """(msgctxt, msgid) of every text of the English edition: the lessons' titles and hints (`lessons`:
    `course.english()`, from course.toml; the course is above the text layer), the messages, the hint ladders."""
    from graders.text import hints, messages
    return [*lang.entries(lessons), *lang.entries(messages.english()),
            *lang.entries({"HINTS": hints.ladders(lang.DEFAULT)})]


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file, each {"msgctxt", "msgid", "msgstr", "line", "fuzzy"}; the header too (msgid "")."""
    entries: list[dict] = []
    entry: dict = {}
    field = None
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        match = re.match(r'(msgctxt|msgid|msgstr)\s+(".*")$', line)
        if "msgstr" in entry and (line.startswith("#") or match and match.group(1) != "msgstr"):
            entries.append(entry)  # the next entry begins
            entry, field = {}, None
        if line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        if not line or line.startswith("#"):
            continue
        if match:
            field = match.group(1)
            entry.setdefault("line", number)
            entry[field] = ""
            line = match.group(2)
        if not (line.startswith('"') and line.endswith('"')) or field is None:
            raise ValueError(f"{path}:{number}: not a line of a .po file: {line!r}")
        entry[field] += re.sub(r'\\(.)', lambda m: _ESCAPES.get(m.group(1), m.group(0)), line[1:-1])
    if "msgstr" in entry:
        entries.append(entry)
    for item in entries:
        item.setdefault("msgctxt", None)
        item.setdefault("fuzzy", False)
    return entries


def _quote(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = body.split("\n")
    pieces = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if len(pieces) <= 1:
        return '"' + (pieces[0] if pieces else "") + '"'
    return '""\n' + "\n".join(f'"{piece}"' for piece in pieces)


def write_po(path: Path, code: str, entries: list[tuple], comment: str = "") -> None:
    """A .po file of (msgctxt, msgid, msgstr[, fuzzy]) entries, with its header."""
    out = [f"# {line}".rstrip() for line in comment.splitlines()]
    out += ['msgid ""', "msgstr " + _quote(HEADER.format(code=code)), ""]
    for context, english, text, *fuzzy in entries:
        out += ["#, fuzzy"] * any(fuzzy)
        out += [f"msgctxt {_quote(context)}", f"msgid {_quote(english)}", f"msgstr {_quote(text)}", ""]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("\n".join(out), encoding="utf-8")


def append_po(path: Path, entries: list[tuple[str, str, str]]) -> None:
    """Entries (msgctxt, msgid, msgstr) added at the end of a .po file."""
    out = [""] + [line for context, english, text in entries
                  for line in (f"msgctxt {_quote(context)}", f"msgid {_quote(english)}", f"msgstr {_quote(text)}", "")]
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n".join(out))


def compile_mo(entries: list[dict]) -> bytes:
    """The .mo of these entries, as GNU msgfmt --no-hash writes it: fuzzy and untranslated entries left out."""
    table = {}
    for entry in entries:
        if entry["msgstr"] and not entry["fuzzy"] or entry["msgid"] == "" and entry["msgctxt"] is None:
            key = (entry["msgctxt"] + "\x04" if entry["msgctxt"] is not None else "") + entry["msgid"]
            table[key.encode("utf-8")] = entry["msgstr"].encode("utf-8")
    keys = sorted(table)
    originals_at, translations_at = 28, 28 + 8 * len(keys)
    data_at = translations_at + 8 * len(keys)
    offsets, data = [], b""
    for blob in [*keys, *(table[key] for key in keys)]:
        offsets.append((len(blob), data_at + len(data)))
        data += blob + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), originals_at, translations_at, 0, data_at)
    return head + b"".join(struct.pack("<2I", *pair) for pair in offsets) + data


def update(po: Path, english: list[tuple[str, str]]) -> list[str]:
    """Bring a catalogue in line with the English, as msgmerge does: a new text gets an empty entry (to
    translate), a text whose English changed keeps its translation marked fuzzy (to review; not compiled),
    a text gone is dropped; the English order. Returns what changed, one line each."""
    code, text = po.parent.parent.name, Path(po).read_text(encoding="utf-8")
    comment = "\n".join(line[2:] for line in text.splitlines()[:text.find("msgid")] if line.startswith("# "))
    old = {entry["msgctxt"]: entry for entry in read_po(po) if entry["msgctxt"] is not None}
    entries, said, names = [], [], dict(english)
    for context, english_text in english:
        entry = old.get(context, {"msgid": english_text, "msgstr": "", "fuzzy": False})
        changed = entry["msgid"] != english_text and bool(entry["msgstr"])
        entries.append((context, english_text, entry["msgstr"], entry["fuzzy"] or changed))
        said += [f"{code}: {context}: new, to translate"] * (context not in old)
        said += [f"{code}: {context}: its English changed, the translation marked fuzzy"] * changed
    said += [f"{code}: {context}: no longer in English, dropped" for context in old if context not in names]
    write_po(po, code, entries, comment)
    return said


def compile_all(root: Path = lang.LOCALE) -> list[Path]:
    written = []
    for po in sorted(Path(root).glob(f"*/LC_MESSAGES/{lang.DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_mo(read_po(po)))
        written.append(mo)
    return written


if __name__ == "__main__":
    if sys.argv[1:2] == ["update"]:
        import tomllib  # the manifest read as data, as course.english() does: the course is above this layer

        manifest = next(folder / "course.toml" for folder in lang.LOCALE.parents if (folder / "course.toml").is_file())
        lessons = {"COURSE": {entry["id"]: {"title": entry["title"], "hints": tuple(entry.get("hints", ()))}
                              for entry in tomllib.loads(manifest.read_text(encoding="utf-8"))["lesson"]}}
        for po in sorted(lang.LOCALE.glob(f"*/LC_MESSAGES/{lang.DOMAIN}.po")):
            print("\n".join(update(po, english_entries(lessons))) or f"{po}: up to date")
    for written in compile_all(lang.LOCALE):
        print(written)
