"""A pytest plugin for a grading run (`-p tests.late_accept`): lesson 6's reference servers of one kind
take their connections late, as a thread kept from running on a busy machine does.

The thread sleeps right after accept() returns, before it records anything: every time that thread takes
(the accept, the request's end) is late by COURSE_TEST_LATE_ACCEPT seconds, by construction, while the
kernel, the wire and the student's code go on. Which kind: COURSE_TEST_LATE_KIND (default "silent").
"""

from __future__ import annotations

import os
import time

from graders.engine import servers

DELAY = float(os.environ.get("COURSE_TEST_LATE_ACCEPT", "0.5"))
KIND = os.environ.get("COURSE_TEST_LATE_KIND", "silent")

_accept = servers.Server._accept


def _late_accept(self):
    taken = _accept(self)
    if self.kind == KIND:
        time.sleep(DELAY)
    return taken


servers.Server._accept = _late_accept
