"""Pathological: blocks forever in a call that never returns (a wait on an event nobody sets)."""

import threading


def request(host, port, message):
    threading.Event().wait()
