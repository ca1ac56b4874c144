"""Pathological: imports a module that does not exist."""

import sockets  # noqa: F401  (a typo: the module is socket)


def request(host, port, message):
    return b""
