"""Attack (stop the grader): hang in code named after a sibling lesson file that is a symlink to a FIFO.

The submission's `timeouts.py` is a symlink to a named pipe nobody writes
to (the test makes one). A grader that opens the file a stack dump names,
to show its source line, blocks on that open forever.
"""

import os
import time


def request(host, port, message):
    sibling = os.path.join(os.path.dirname(__file__), "timeouts.py")
    exec(compile("time.sleep(3600)\n", sibling, "exec"), {"time": time})
    return b""
