"""Pathological: ends the whole program with sys.exit() instead of returning."""

import sys


def request(host, port, message):
    sys.exit(3)
