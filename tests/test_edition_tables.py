"""What a process in each edition reads is that edition's table, whole: no text of another edition leaks in.

`messages.NAME` and `hints.HINTS` are looked up in the edition's catalogue
when they are read (`lang.by_edition`), never swapped in at import: a text
added anywhere in graders/text/messages.py, the end of the file included, reaches
every edition with its name (issue 16: appended texts showed in English in
the Chinese edition and verdicts named no template). Each edition is read
here in a process of its own, started with its COURSE_LANG; and a template
appended to the end of a copy of messages.py, with its translation in a copy
of the catalogue, is read in Chinese with its name.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from graders.text import catalogue, lang
from tests.grading import ROOT

PROBE = """
import json
from graders.text import hints, lang, messages
table, ladders = messages.texts({edition!r}), hints.ladders({edition!r})
names = set(messages.english())
wrong = [name for name in sorted(names) if getattr(messages, name) != getattr(table, name)]
wrong += [name for name in sorted(names) if isinstance(getattr(messages, name), str)
          and getattr(messages, name).key != name]
wrong += ["HINTS" for _ in [0] if hints.HINTS != ladders]
print(json.dumps(wrong))
"""


def probe(edition: str, root=ROOT, code: str = PROBE) -> list:
    env = {**os.environ, "COURSE_LANG": edition}
    proc = subprocess.run([sys.executable, "-c", code.format(edition=edition)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("edition", lang.EDITIONS)
def test_a_process_in_an_edition_reads_that_editions_texts_only(edition: str) -> None:
    wrong = probe(edition)
    assert wrong == [], f"in the {edition} edition, texts not of its table: {wrong[:20]}"


def test_a_template_appended_at_the_end_is_read_in_every_edition_with_its_name(tmp_path) -> None:
    """The trap of issue 16, impossible by construction: nothing in messages.py's order decides an edition."""
    copy = tmp_path / "course"
    shutil.copytree(ROOT / "graders", copy / "graders", ignore=shutil.ignore_patterns("__pycache__"))
    with open(copy / "graders" / "text" / "messages.py", "a", encoding="utf-8") as f:
        f.write('\nAPPENDED_AT_THE_END = "appended after everything, {count} of them"\n')
    po = copy / "graders" / "text" / "locale" / "zh" / "LC_MESSAGES" / "course.po"
    with open(po, "a", encoding="utf-8") as f:
        f.write('\nmsgctxt "APPENDED_AT_THE_END"\nmsgid "appended after everything, {count} of them"\n'
                'msgstr "追加在最后，共 {count} 个"\n')
    catalogue.compile_all(copy / "graders" / "text" / "locale")
    read = 'import json\nfrom graders.text import messages\nm = messages.APPENDED_AT_THE_END.format(count=2)\n' \
           'print(json.dumps([m, m.key]))'
    assert probe("zh", copy, read) == ["追加在最后，共 2 个", "APPENDED_AT_THE_END"]
    assert probe("en", copy, read) == ["appended after everything, 2 of them", "APPENDED_AT_THE_END"]
    assert probe("zh", copy) == []
