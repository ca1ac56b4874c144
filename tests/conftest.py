"""Tests of the graders: they grade real submissions in real processes.

They run in the English edition whatever COURSE_LANG says (set here, before
any test imports `graders.messages`, and inherited by every process they
start): the tests that match words of messages are written for it.
tests/test_editions.py grades in Chinese on purpose.
"""

import os

STUDENT_LANG = os.environ.get("COURSE_LANG", "")  # the edition the person who typed `pytest` reads
os.environ["COURSE_LANG"] = "en"


def pytest_report_header(config) -> list[str]:
    """Say what these tests are: a student who types `pytest` in the course's root lands here, and wants
    `nox -s grade` instead (graders/test_*.py cannot run without it)."""
    from graders import lang

    return [lang.texts(lang.normalize(STUDENT_LANG) or lang.DEFAULT).PYTEST_HEADER]
