"""Judgements shared by the lessons' checks: return values, closed sockets."""

from __future__ import annotations

from graders import kernel, messages
from graders.harness import CheckFailed, StudentCall, Timeline, show


def fail(message: str, timeline: Timeline | None = None, outcome: str = "failed") -> None:
    """End the check with a message for the student (and the conversation, if any)."""
    __tracebackhide__ = True
    raise CheckFailed(message, outcome, timeline.render() if timeline else [])


def returned_bytes(call: StudentCall, timeline: Timeline | None = None) -> bytes:
    """The bytes the student's function returned; any other outcome fails the check."""
    __tracebackhide__ = True
    result = call.returned(timeline)
    value = result["value"]
    if value["type"] != "bytes":
        shown = repr(value["value"])[:80] if "value" in value else value.get("repr", "")
        fail(messages.RETURN_TYPE.format(name=f"{call.function}()", type=value["type"], value=shown), timeline)
    if timeline is not None:
        timeline.note(f"{call.function}() returned {show(value['value'])}")
    return value["value"]


def expect_equal(call: StudentCall, got: bytes, want: bytes, hint: str, timeline: Timeline | None = None) -> None:
    __tracebackhide__ = True
    if got != want:
        fail(messages.WRONG_RETURN.format(name=f"{call.function}()", got=show(got, 60), want=show(want, 60), hint=hint),
             timeline)


def expect_sockets_closed(call: StudentCall, timeline: Timeline | None = None) -> None:
    """Every socket the student's function created was closed before it returned.

    Two observations: sockets still held open afterwards (from the kernel,
    with their TCP state), and sockets Python had to close in the garbage
    collector (ResourceWarning: the student's code dropped them unclosed).
    """
    __tracebackhide__ = True
    result = call.returned(timeline)
    name = f"{call.function}()"
    rows = call.open_sockets()
    if rows is None:
        left = result.get("open_sockets") or []
        if left:
            fail(messages.SOCKET_NOT_CLOSED.format(name=name, what=f"{len(left)} socket(s) still open"), timeline)
    elif rows:
        for row in rows:
            if row.state == "CLOSE_WAIT":
                fail(messages.CLOSE_WAIT_LEFT.format(
                    name=name, local=_addr(row.local), remote=_addr(row.remote)), timeline)
        row = rows[0]
        fail(messages.SOCKET_NOT_CLOSED.format(name=name, what=messages.SOCKET_LEFT_OPEN.format(
            state=row.state, local=_addr(row.local), remote=_addr(row.remote))), timeline)
    warnings = result.get("resource_warnings") or []
    if warnings:
        first = warnings[0]
        where = "".join(f", created at line {line} of {path.rsplit('/', 1)[-1]}" for path, line in first["where"][:1])
        fail(messages.SOCKET_NOT_CLOSED.format(
            name=name, what=messages.SOCKET_GC.format(message=first["message"], where=where)), timeline)


def _addr(address: tuple) -> str:
    return f"{address[0]}:{address[1]}"


__all__ = ["expect_equal", "expect_sockets_closed", "fail", "kernel", "returned_bytes"]
