"""Attack (break the grader): die of a realtime signal, whose number the `signal` module has no name for."""

import os
import signal


def request(host, port, message):
    os.kill(os.getpid(), signal.SIGRTMIN + 5)
    return b""
