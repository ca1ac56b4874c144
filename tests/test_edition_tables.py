"""What a process in each edition reads is that edition's table, whole: no text of another edition leaks in.

`graders/messages.py` and `hints.py` take their English tables (`_english`)
and, in the Chinese edition, swap in the Chinese ones, at import. A text
added after that point (a lesson's messages or hint ladders appended at the
end of the file) would reach the Chinese edition in English, or be missing
from the English table the editions' tests compare: the static tests in
tests/test_editions.py see the files, not what a process in each edition
reads. Here each edition is imported in a process of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.grading import ROOT

PROBE = """
import json
from graders import hints_zh, messages_zh  # first: their own tables, as their files write them, kept apart
own_messages = {{name: value for name, value in vars(messages_zh).items() if name.isupper()}}
own_ladders = dict(hints_zh.HINTS)
from graders import hints, messages
names = {{name for name in vars(messages) if name.isupper() and not name.startswith("_")}}
table = own_messages if {zh} else messages._english
wrong = [name for name in sorted(names) if name in table and str(getattr(messages, name)) != str(table[name])]
wrong += [name for name in sorted(names) if name not in table]
ladders = own_ladders if {zh} else hints._english
wrong += ["HINTS[" + key + "]" for key in sorted(hints.HINTS) if hints.HINTS[key] != ladders.get(key)]
wrong += ["HINTS[" + key + "] missing" for key in sorted(set(ladders) - set(hints.HINTS))]
print(json.dumps(wrong))
"""


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_a_process_in_an_edition_reads_that_editions_texts_only(edition: str) -> None:
    env = {**os.environ, "COURSE_LANG": edition}
    proc = subprocess.run([sys.executable, "-c", PROBE.format(zh=edition == "zh")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    wrong = json.loads(proc.stdout)
    assert wrong == [], f"in the {edition} edition, texts not of its table: {wrong[:20]}"
