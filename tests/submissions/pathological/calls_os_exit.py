"""Pathological: ends the process at once with os._exit(), no cleanup, no report."""

import os


def request(host, port, message):
    os._exit(7)
