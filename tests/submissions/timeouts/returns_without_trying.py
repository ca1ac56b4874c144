"""Bug: the stub's work never done: first_reply() returns (0, b"") without trying a server (a trial's class:
it passed the sockets check, nothing to judge)."""


def first_reply(servers, request, timeout):
    return 0, b""
