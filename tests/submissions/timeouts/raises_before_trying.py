"""Bug: first_reply() raises at once, before any connect (a student's "not finished yet"): it passed the order and
the sockets checks, which had nothing to judge (a trial's class)."""


def first_reply(servers, request, timeout):
    raise RuntimeError("I have not finished this yet")
