"""Tests of the graders: they grade real submissions in real processes.

They run in the English edition whatever COURSE_LANG says (set here, before
any test imports `graders.text.messages`, and inherited by every process they
start): the tests that match words of messages are written for it.
tests/test_editions.py grades in Chinese on purpose.
"""

import os

STUDENT_LANG = os.environ.get("COURSE_LANG", "")  # the edition the person who typed `pytest` reads
os.environ["COURSE_LANG"] = "en"


def pytest_report_header(config) -> list[str]:
    """Say what these tests are: a student who types `pytest` in the course's root lands here, and wants
    `nox -s grade` instead (graders/lessons/test_*.py cannot run without it)."""
    from graders.text import lang, messages

    return [messages.texts(lang.normalize(STUDENT_LANG) or lang.DEFAULT).PYTEST_HEADER]


# The files whose tests take seconds each (whole-course gradings, the student's tools run for real, a class
# graded), run first: the workers then end together on the short ones instead of waiting on one long test.
LONG_FIRST = ("test_scaffold.py", "test_setup.py", "test_student_tools.py", "test_grade_class.py", "test_course.py", "test_pathological_crowd.py",
              "test_report.py", "test_editions.py", "test_gradescope.py", "test_adversarial.py")


def pytest_collection_modifyitems(session, config, items) -> None:
    def rank(item) -> int:
        name = item.path.name
        return LONG_FIRST.index(name) if name in LONG_FIRST else len(LONG_FIRST)

    items.sort(key=rank)  # stable: each file keeps its own order
