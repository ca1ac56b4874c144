"""Each edition's catalogue (graders/text/locale/<code>/LC_MESSAGES/course.po) is whole, and compiled.

Every text of the English edition (its name: msgctxt; its English: msgid)
has its translation in every catalogue, with the same placeholders; the
committed .mo is the .po compiled (`python -m graders.text.catalogue`); and an
edition is data: a third one, added in a copy of the course as a catalogue,
lesson texts and a README, grades a lesson with no code edited.
"""

from __future__ import annotations

import re
import shutil
import string

import pytest

from graders import course
from graders.text import catalogue, lang
from tests.grading import ROOT, grade

CATALOGUES = sorted(lang.LOCALE.glob(f"*/LC_MESSAGES/{lang.DOMAIN}.po"))


def placeholders(text: str) -> set[str]:
    try:
        braces = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        braces = {"<unbalanced braces>"}
    return braces | set(re.findall(r"%\(\w+\)[sdr]|%[sdr]", text))


def test_every_edition_has_a_catalogue() -> None:
    assert [po.parent.parent.name for po in CATALOGUES] == list(lang.EDITIONS[1:]) and "zh" in lang.EDITIONS


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parent.parent.name)
def test_the_compiled_catalogue_is_the_po(po) -> None:
    """After editing a .po: python -m graders.text.catalogue (the .mo is what the grader reads)."""
    assert po.with_suffix(".mo").read_bytes() == catalogue.compile_mo(catalogue.read_po(po)), \
        f"{po.relative_to(ROOT)} changed since compiled: run python -m graders.text.catalogue"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parent.parent.name)
def test_every_text_is_translated_with_its_placeholders(po) -> None:
    entries = {entry["msgctxt"]: entry for entry in catalogue.read_po(po) if entry["msgctxt"] is not None}
    english = catalogue.english_entries(course.english())
    assert len(english) > 500
    problems = []
    for name, text in english:
        entry = entries.get(name)
        if entry is None or not entry["msgstr"] or entry["fuzzy"]:
            problems.append(f"{name}: not translated")
        elif entry["msgid"] != text:
            problems.append(f"{name}: translated from another English text (msgid {entry['msgid'][:60]!r})")
        elif placeholders(entry["msgstr"]) != placeholders(text):
            problems.append(f"{name}: placeholders {sorted(placeholders(text))} in English, "
                            f"{sorted(placeholders(entry['msgstr']))} here")
    problems += [f"{name}: no such text in English" for name in sorted(set(entries) - {n for n, _ in english})]
    assert problems == [], f"{po.relative_to(ROOT)}:\n" + "\n".join(problems[:40])


def pseudo(text: str) -> str:
    """A pseudo-translation: every letter outside placeholders capitalised."""
    parts = re.split(r"(\{[^{}]*\}|%\(\w+\)[sdr]|%[sdr]|\n)", text)
    return "".join(part if i % 2 else part.upper() for i, part in enumerate(parts))


def test_a_third_edition_is_data_only(tmp_path) -> None:
    """A pseudo-translated edition 'xx' in a copy: a catalogue, lesson texts, a README; no code edited."""
    copy = tmp_path / "course"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".nox", "__pycache__", "*.pyc"))
    entries = [(name, text, pseudo(text) or "-") for name, text in catalogue.english_entries(course.english())]
    catalogue.write_po(copy / "graders" / "text" / "locale" / "xx" / "LC_MESSAGES" / "course.po", "xx", entries)
    catalogue.compile_all(copy / "graders" / "text" / "locale")
    shutil.copytree(ROOT / "lessons" / "zh", copy / "lessons" / "xx")
    shutil.copy(ROOT / "README.md", copy / "README.xx.md")
    graded = grade(copy / "graders" / "lessons" / "stubs", ["client_flow"], root=copy, lang="xx")
    english = grade(copy / "graders" / "lessons" / "stubs", ["client_flow"], root=copy)
    assert pseudo("What went wrong") in graded.output or pseudo("Progress") in graded.output, graded.output[-2000:]
    assert "Progress" not in graded.output and "Progress" in english.output, graded.output[-2000:]
    assert graded.returncode == english.returncode != 0


def test_update_brings_a_catalogue_in_line_with_the_english(tmp_path) -> None:
    """`python -m graders.text.catalogue update`: a new text to translate, a changed one fuzzy (not compiled), one gone."""
    po = tmp_path / "xx" / "LC_MESSAGES" / "course.po"
    english = catalogue.english_entries(course.english())
    (new, _), (changed, changed_text), (kept, kept_text) = english[0], english[1], english[2]
    catalogue.write_po(po, "xx", [(changed, "an older English", "X"), (kept, kept_text, "K"), ("GONE", "g", "G")])
    said = catalogue.update(po, english)
    entries = {entry["msgctxt"]: entry for entry in catalogue.read_po(po) if entry["msgctxt"]}
    assert entries[new]["msgstr"] == "" and not entries[new]["fuzzy"]
    assert entries[changed]["msgid"] == changed_text and entries[changed]["msgstr"] == "X" and entries[changed]["fuzzy"]
    assert entries[kept]["msgstr"] == "K" and not entries[kept]["fuzzy"] and "GONE" not in entries
    assert f"xx: {changed}: its English changed, the translation marked fuzzy" in said and len(said) == len(english)  # new ones, the changed one, GONE
    compiled = catalogue.compile_mo(catalogue.read_po(po))
    assert b"K\0" in compiled and b"X\0" not in compiled
