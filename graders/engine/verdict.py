"""Verdicts: what a call of student code reported, and a check's failure.

Two kinds of values, both immutable:

* `Report`: what the student's process said about one call (its status, the
  value it returned, the exception it raised), decoded once from the result
  pipe by `decode_report` and checked for shape there. It is the student's
  process's word: the grader takes from it only what nobody else can see,
  and observes the rest itself (see `student.StudentCall`).
* `CheckFailed`: a check's verdict on the student's code, raised by the
  check: the message for the student, the outcome, the conversation's
  timeline, and the name of the message template it was written from
  (which the graders' own tests assert, in any edition). A verdict is never
  changed once made: `with_hint` and `with_prefix` make new ones, so that
  the message a check shows never depends on which checks ran before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graders.engine.untrusted import Untrusted

# What a call can report, and the states in which a function fails every check at once.
STATUSES = ("returned", "raised", "exit", "not-implemented", "missing-module", "missing-function",
            "syntax-error", "import-error")
BROKEN = ("not-implemented", "missing-module", "missing-function", "syntax-error", "import-error")
TEXT_LIMIT = 4096  # characters of any text field of a report


class CheckFailed(Exception):
    """A check's verdict on the student's code (not a bug of the grader).

    `outcome` is one of "failed", "timeout", "slow", "not-implemented"; `message`
    is for the student; `timeline` is the conversation as the peer saw it;
    `template` names the message template (messages.NAME) it starts with. `home`: this check is the one whose
    subject the failure is (a scenario that broke at the phase this check judges; lesson 4's bind() without
    SO_REUSEADDR under its SO_REUSEADDR check): the report heads the checks that failed alike with it.
    `mark`: a note for the check's line in the report's list (messages.NOT_RUN_HUNG: the function was not run
    again, an earlier check stopped it); the outcome stays as it is.
    """

    def __init__(self, message: str, outcome: str = "failed", timeline: list[str] | tuple[str, ...] = (),
                 template: str | None = None, templates: tuple[str, ...] = (), home: bool = False,
                 mark: str = ""):
        super().__init__(message)
        self._home = home
        self._mark = str(mark)
        self._message = str(message)
        self._outcome = outcome
        self._timeline = tuple(timeline or ())
        self._template = template if template is not None else getattr(message, "key", None)
        # Every template the message was filled from (its hints too), the main one first.
        found = tuple(templates or getattr(message, "keys", ())) + tuple(getattr(timeline, "told", ()))
        self._templates = tuple(dict.fromkeys(((self._template,) if self._template else ()) + found))

    @property
    def message(self) -> str:
        return self._message

    @property
    def outcome(self) -> str:
        return self._outcome

    @property
    def timeline(self) -> list[str]:
        return list(self._timeline)

    @property
    def template(self) -> str | None:
        return self._template

    @property
    def templates(self) -> tuple[str, ...]:
        return self._templates

    @property
    def home(self) -> bool:
        return self._home

    @property
    def mark(self) -> str:
        return self._mark

    def as_home(self) -> CheckFailed:
        """The same verdict, told as the subject of the check that raises it (`home`)."""
        return CheckFailed(self._message, self._outcome, self._timeline, self._template, self._templates, home=True,
                           mark=self._mark)

    def with_hint(self, extra: str) -> CheckFailed:
        """The same verdict with one more line at the end (a check's own hint)."""
        return CheckFailed(self._message + "\n  " + extra, self._outcome, self._timeline, self._template,
                           self._templates + tuple(getattr(extra, "keys", ())), home=self._home, mark=self._mark)

    def with_prefix(self, first: str, template: str | None = None) -> CheckFailed:
        """The same verdict, introduced by a line of its own (which names the template, if it has one)."""
        main = template or getattr(first, "key", None) or self._template
        return CheckFailed(first + "\n" + self._message, self._outcome, self._timeline, main,
                           tuple(getattr(first, "keys", ())) + self._templates, home=self._home, mark=self._mark)


# --------------------------------------------------------------------------- a call's report


@dataclass(frozen=True)
class Value:
    """What a function returned: its type's name and, when small, the bytes or str itself."""

    type: str
    data: bytes | str | None = None  # the value, if it is bytes or str of at most runner.BIG_VALUE
    length: int | None = None  # a big value: its length...
    sha256: str | None = None  # ... and its digest
    repr: str | None = None  # anything else: its repr(), cut

    @property
    def is_bytes(self) -> bool:
        return self.type == "bytes"


# An exception that ended a thread, as the student's process printed it ("Exception in thread ...", then Python's
# traceback, its frames those of the student's files: fork_server.py): its frames' text, its type, its message;
# and one frame of it (path, line, function, source).
PRINTED_THREAD_DIED = re.compile(r"^Exception in thread [^\n]*:\nTraceback \(most recent call last\):\n"
                                 r"((?:[ \t][^\n]*\n)*)([A-Za-z_][\w.]*)(?:: ([^\n]*))?", re.MULTILINE)
PRINTED_FRAME = re.compile(r'^  File "([^"\n]*)", line (\d+), in ([^\n]*)\n(?:    ([^\n]*)\n)?', re.MULTILINE)


@dataclass(frozen=True)
class Error:
    """An exception from the student's code: its type, its classes, its message, the student's frames."""

    type: str
    bases: tuple[str, ...] = ()
    message: str = ""
    frames: tuple[tuple[str, int, str, str], ...] = ()

    def is_a(self, name: str) -> bool:
        """True if the exception is a `name` (its class or one of its bases)."""
        return name in self.bases or name == self.type

    def is_a_bug(self) -> bool:
        """True for the exceptions of a mistake in the code itself (a typo, a wrong name or argument, a
        wrong index), which no lesson's contract asks to raise: the report is then the exception, with the
        student's own traceback, whatever the check was looking at."""
        return any(self.is_a(name) for name in CODE_BUGS)


# The exceptions of a mistake in the code, never of a peer's behaviour (Error.is_a_bug).
CODE_BUGS = ("NameError", "AttributeError", "TypeError", "LookupError", "ImportError", "ZeroDivisionError",
             "AssertionError", "RecursionError", "SyntaxError")


@dataclass(frozen=True)
class LeakedSocket:
    """A socket the student's code dropped without close(), still open (the runner holds it), as its process says.

    Only words a message: the verdict is the kernel's (is `inode` still
    open in the process?), since the student's process could say anything.
    """

    kind: str  # "tcp", "udp" or "other"
    where: tuple[tuple[str, int], ...] = ()
    inode: int = 0
    local: tuple[str, int] | None = None  # its address, where it has one (bound, or connected)
    remote: tuple[str, int] | None = None  # its peer's, where it is connected


@dataclass(frozen=True)
class OpenFile:
    """A file makefile() made that the student's code never closed, its socket still open (the runner holds it),
    as its process says.

    Only words a message: the verdict is the kernel's (is `inode` still
    open in the process?). `socket_closed`: the code had close()d the
    socket itself, and only this file held it open.
    """

    inode: int = 0
    where: tuple[tuple[str, int], ...] = ()  # the line that called makefile()
    socket_closed: bool = False


@dataclass(frozen=True)
class Report:
    """What the student's process reported about one call, checked for shape."""

    status: str
    value: Value | None = None
    error: Error | None = None
    path: str = ""  # missing-module: the file that was looked for
    code: str = ""  # exit: the SystemExit code, as repr()
    names: tuple[str, ...] = ()  # missing-function: the names the module defines
    sendall_calls: int = 0  # sendall() calls on the socket it was given (only the student's process sees them)
    makefile_calls: int = 0  # makefile() calls on it: a buffered file that reads ahead (its word; words a hint only)
    send_options_changed: bool = False  # it changed that socket's send buffer or send timeout
    given_closed: bool = False  # it closed that socket itself
    leaked_sockets: tuple[LeakedSocket, ...] = ()  # the first ones described (20)
    dropped_inodes: tuple[int, ...] = ()  # the inodes of every socket dropped unclosed: their count, seen in the kernel
    files_open: tuple[OpenFile, ...] = ()  # files makefile() made, never closed, holding an open socket
    # It created UDP sockets (SOCK_DGRAM) and no TCP socket: the student's process's own word, which only
    # words a hint (the verdict is that no TCP connection came).
    udp_only: bool = False
    # Python threads still running when the function returned (threading.active_count(), the caller included):
    # the student's process's own word, used only to let joined threads leave the kernel's list (student.py).
    threads_running: int = 1
    # Exceptions nothing caught in the function's threads (the runner's threading.excepthook): the student's
    # process's own word, named so where a check uses it (lesson 7's reset).
    thread_errors: tuple[Error, ...] = ()
    # Threads its own code started that ended without a join() of its code seeing them end: (file, line) of
    # each start(). The student's process's own word (its code could undo the record), named so where used.
    threads_unjoined: tuple[tuple[str, int], ...] = ()


def decode_report(raw: object) -> Report:
    """The plain data on the result pipe, as a `Report`; ValueError if it has any other shape.

    The data was written by the student's process, whose code could have
    written anything there: every field is checked for its type and size.
    """

    def need(ok: bool) -> None:
        if not ok:
            raise ValueError("malformed report")

    def text(value: object, default: str = "") -> str:
        if value is None:
            return default
        need(isinstance(value, str) and len(value) <= TEXT_LIMIT)
        return Untrusted(value)  # the student's process's words: every sink escapes them (untrusted.py)

    def integer(value: object, default: int | None = 0) -> int | None:
        if value is None:
            return default
        need(isinstance(value, int) and not isinstance(value, bool))
        return value

    def items(value: object, limit: int = 100) -> list:
        if value is None:
            return []
        need(isinstance(value, list) and len(value) <= limit)
        return value

    need(isinstance(raw, dict) and raw.get("status") in STATUSES)
    value = None
    if raw.get("value") is not None or raw["status"] == "returned":
        v = raw.get("value")
        need(isinstance(v, dict))
        data = v.get("value")
        need(data is None or isinstance(data, (bytes, str)))
        value = Value(text(v.get("type")), data, integer(v.get("length"), None), text(v.get("sha256"), None) or None,
                      text(v.get("repr"), None))
    def exception(e: object) -> Error:
        need(isinstance(e, dict))
        frames = []
        for frame in items(e.get("frames")):
            need(isinstance(frame, list) and len(frame) == 4)
            frames.append((text(frame[0]), integer(frame[1]), text(frame[2]), text(frame[3])))
        return Error(text(e.get("type")), tuple(text(b) for b in items(e.get("bases"))), text(e.get("message")),
                     tuple(frames))

    error = exception(raw["error"]) if raw.get("error") is not None else None
    thread_errors = tuple(exception(e) for e in items(raw.get("thread_errors"), 20))
    leaked = []
    for warning in items(raw.get("resource_warnings")):
        need(isinstance(warning, dict))
        where = []
        for place in items(warning.get("where")):
            need(isinstance(place, list) and len(place) == 2)
            where.append((text(place[0]), integer(place[1])))
        kind = warning.get("kind", "other")
        need(kind in ("tcp", "udp", "other"))
        ends = []
        for name in ("local", "remote"):
            address = warning.get(name)
            need(address is None or (isinstance(address, list) and len(address) == 2))
            ends.append((text(address[0]), integer(address[1])) if address is not None else None)
        leaked.append(LeakedSocket(kind, tuple(where), integer(warning.get("inode")), *ends))
    files_open = []
    for entry in items(raw.get("files_open")):
        need(isinstance(entry, dict) and isinstance(entry.get("socket_closed", False), bool))
        where = []
        for place in items(entry.get("where")):
            need(isinstance(place, list) and len(place) == 2)
            where.append((text(place[0]), integer(place[1])))
        files_open.append(OpenFile(integer(entry.get("inode")), tuple(where), entry.get("socket_closed", False)))
    udp_only = raw.get("udp_only", False)
    need(isinstance(udp_only, bool))
    changed = raw.get("send_options_changed", False)
    need(isinstance(changed, bool))
    given_closed = raw.get("given_closed", False)
    need(isinstance(given_closed, bool))
    unjoined = []
    for place in items(raw.get("threads_unjoined")):
        need(isinstance(place, (list, tuple)) and len(place) == 2)
        unjoined.append((text(place[0]), integer(place[1])))
    return Report(
        status=raw["status"], value=value, error=error, path=text(raw.get("path")), code=text(raw.get("code")),
        names=tuple(text(n) for n in items(raw.get("names"))), sendall_calls=integer(raw.get("sendall_calls")),
        makefile_calls=integer(raw.get("makefile_calls")),
        send_options_changed=changed, given_closed=given_closed, leaked_sockets=tuple(leaked),
        dropped_inodes=tuple(integer(inode) for inode in items(raw.get("dropped_inodes"), 4096)),
        files_open=tuple(files_open), udp_only=udp_only,
        threads_running=integer(raw.get("threads_running"), 1), thread_errors=thread_errors,
        threads_unjoined=tuple(unjoined),
    )
