"""The Chinese twins of lessons 7 and 8 (graders/zh_pending_crowd.py) stay in step with the English texts.

Until the Chinese edition reaches main, lessons 7 and 8 keep their Chinese
texts aside; this proves they are complete: every name of the crowd lessons
in messages.py and hints.py has its twin, with the same placeholders and as
many rungs, and every twin is in Chinese.
"""

from __future__ import annotations

import re
import string

from graders import hints, messages, zh_pending_crowd

CJK = re.compile(r"[\u4e00-\u9fff]")
PREFIXES = ("CROWD_", "LOOP_", "TL_")
EXTRA = ("EXPECTED_CROWD", "EXPECTED_FLOOD_READ")


def crowd_names() -> set[str]:
    return {name for name, value in vars(messages).items()
            if isinstance(value, str) and (name.startswith(PREFIXES) or name in EXTRA)}


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def crowd_checks() -> set[str]:
    return {name for name in messages.CHECK_TITLES if name.startswith(("test_threads_", "test_loop_"))}


def test_every_crowd_message_has_its_chinese_twin_with_the_same_placeholders() -> None:
    zh = zh_pending_crowd.MESSAGES
    assert set(zh) == crowd_names()
    for name, template in zh.items():
        assert placeholders(template) == placeholders(getattr(messages, name)), name
        assert CJK.search(template), name


def test_every_crowd_check_has_a_chinese_title_and_ladder() -> None:
    assert set(zh_pending_crowd.CHECK_TITLES) == crowd_checks() == set(zh_pending_crowd.HINTS)
    for check, rungs in zh_pending_crowd.HINTS.items():
        assert len(rungs) == len(hints.HINTS[check]), check
        assert all(CJK.search(rung) for rung in rungs), check
