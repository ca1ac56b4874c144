"""Pathological: the call kills its own process (SIGKILL) instead of returning.

At the `full` level the call is PID 1 of its own PID namespace, and the kernel ignores a signal it sends
itself: it then returns. At the other levels it dies by the signal, and the grader must say so.
"""
import os
import signal


def request(host: str, port: int, message: bytes) -> bytes:
    os.kill(os.getpid(), signal.SIGKILL)
    return b""
