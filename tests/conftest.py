"""Tests of the graders: they grade real submissions in real processes.

They run in the English edition whatever COURSE_LANG says (set here, before
any test imports `graders.messages`, and inherited by every process they
start): the tests that match words of messages are written for it.
tests/test_editions.py grades in Chinese on purpose.
"""

import os

os.environ["COURSE_LANG"] = "en"
