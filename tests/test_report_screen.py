"""A report for one mistake fits on one screen, in every lesson and both editions (issue 17, item 3).

The first catalogue entry of each (lesson, message template), its representative, is graded as a
student runs it (the whole lesson, the real grader) by the catalogue's own test, which then holds its
report to one screen: `tests.catalogue.assert_fits_on_one_screen`. One grading serves both (it was two:
this file graded them again). Here: that the representatives cover every lesson and both editions.
"""

from __future__ import annotations

from graders import course
from graders.plugin import SCREEN
from tests.catalogue import representatives


def test_every_lesson_has_representatives_in_both_editions() -> None:
    chosen = representatives()
    assert {bug.lesson for bug in chosen} == {lesson.id for lesson in course.lessons()}, chosen
    for lesson in course.lessons():
        editions = {edition for bug, edition in chosen.items() if bug.lesson == lesson.id}
        assert editions == {"en", "zh"} or sum(bug.lesson == lesson.id for bug in chosen) == 1, (lesson.id, editions)
    assert SCREEN == 40
