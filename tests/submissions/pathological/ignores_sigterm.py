"""Pathological: ignores SIGTERM (and SIGINT) and then hangs."""

import signal
import threading


def request(host, port, message):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Event().wait()
