"""Attack (forge): rewrite the grading run's --json results file, now and from a daemon after the run.

__RESULTS__ is replaced before grading by the results file's real path.
"""

import os
import time

RESULTS = "__RESULTS__"
FORGED = '{"forged": true, "passed": 99, "total": 99, "checks": []}\n'


def forge() -> None:
    try:
        with open(RESULTS, "w") as f:
            f.write(FORGED)
    except OSError:
        pass


def request(host, port, message):
    forge()
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            for _ in range(600):
                time.sleep(0.05)
                forge()
            os._exit(0)
        os._exit(0)
    time.sleep(0.2)
    return b"forged"
