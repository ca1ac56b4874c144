"""`nox -s new-lesson -- ID`: every part of a new lesson, written at once, to fill in.

    nox -s new-lesson -- ID [--title TITLE] [--title-zh TITLE_ZH]

Writes a lesson that is complete and passes the course's own tests from the
first minute: a client `ask(host, port, message) -> bytes` graded by two
example checks against a reference server. Then replace the examples with
the lesson (ARCHITECTURE.md, "Adding a lesson"). What it writes, each
named by `course.parts` or found by the consistency tests:

* the entry in course.toml, both editions' title, text and hints;
* the stub `exercises/ID.py` and its shipped copy `graders/lessons/stubs/ID.py`,
  numbered TODO steps in English and Chinese; the solution `solutions/ID.py`;
* the lesson texts `lessons/NN-ID.md` and `lessons/zh/NN-ID.md`, headed
  by their titles;
* the checks `graders/lessons/test_ID.py`: one check, and beside them its reference
  server's bytes and `PEERS` in `graders/lessons/peers_ID.py` (so
  `nox -s peer -- server --lesson ID` plays it by hand);
* the check's title and a message template in `graders/text/messages.py`, its
  hint ladder in `graders/text/hints.py`, and both in every edition's catalogue
  (`graders/text/locale/<code>/LC_MESSAGES/course.po`, compiled again): translated
  where `lesson_template/` has that edition's `messages_<code>.py.in` and
  `hints_<code>.py.in`, to translate otherwise;
* the catalogue `tests/test_catalogue_ID.py` with a known-buggy submission
  per check and one correct submission in `tests/submissions/ID/`;
* a row in the lesson tables of README.md and README.zh.md, the lesson
  counts in README, README.zh and INSTRUCTORS (`counts`), and the GitHub
  Classroom workflow regenerated (graders/platforms/classroom.py).

Nothing is overwritten: an ID already in course.toml, or a file already
there, is refused before anything is written.

Over 500 lines: mostly text, the templates of every part of a new lesson.
"""

from __future__ import annotations

import argparse
import re
import string
import sys
from pathlib import Path

from graders import course
from graders.text import lang

# The texts in Chinese are written as files here (read by the house-style test where they land, in the lesson):
TEMPLATES = Path(__file__).resolve().parent / "lesson_template"
ID = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]


# ------------------------------------------------------------------------------ counts in the prose

def _count_rules(lessons: int, points: int) -> list[tuple[str, re.Pattern, str]]:
    """(file, pattern, what it must say) for every count of the lessons written in prose."""
    word = NUMBER_WORDS[lessons] if lessons < len(NUMBER_WORDS) else str(lessons)
    return [
        ("README.md", re.compile(r"Lessons 5 to (\d+) build"), str(lessons)),
        ("README.zh.md", re.compile(r"第 5 到 (\d+) 课"), str(lessons)),
        ("INSTRUCTORS.md", re.compile(r"(\d+) points in all"), str(points)),
        ("INSTRUCTORS.md", re.compile(r"for the\s+(\w+)\s+lessons today"), word),
        ("INSTRUCTORS.md", re.compile(r"whole\s+(\w+)-lesson\s+course"), word),
        ("INSTRUCTORS.md", re.compile(r"submission of the\s+(\w+)\s+lessons"), word),
    ]


def counts(root: Path = course.ROOT, points: int | None = None) -> list[tuple[Path, int, str, str]]:
    """Every count of the lessons (or of their points) written in the READMEs and INSTRUCTORS.md:
    (file, offset, as written, as the manifest says). `tests/test_consistency.py` asks that they agree."""
    from graders.platforms import classroom

    lessons = len(course.manifest())
    if points is None:
        points = sum(classroom.checks_per_lesson().values())
    found = []
    for name, pattern, want in _count_rules(lessons, points):
        text = (root / name).read_text(encoding="utf-8")
        found += [(root / name, match.start(1), match.group(1), want) for match in pattern.finditer(text)]
    return found


def update_counts(root: Path = course.ROOT) -> None:
    """Write the manifest's counts where the prose counts the lessons (`counts`)."""
    by_file: dict[Path, list[tuple[int, str, str]]] = {}
    for path, offset, written, want in counts(root):
        by_file.setdefault(path, []).append((offset, written, want))
    for path, places in by_file.items():
        text = path.read_text(encoding="utf-8")
        for offset, written, want in sorted(places, reverse=True):
            text = text[:offset] + want + text[offset + len(written):]
        path.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------ the parts

def _fill(name: str, lesson_id: str, number: int, title: str = "", title_zh: str = "") -> str:
    """A file of lesson_template/ with the lesson's facts ($id, $number, $nn, $title, $title_zh, $check,
    $close_check, $template)."""
    return string.Template((TEMPLATES / name).read_text(encoding="utf-8")).substitute(
        id=lesson_id, number=number, nn=f"{number:02d}", title=title, title_zh=title_zh,
        check=check_name(lesson_id), close_check=close_check_name(lesson_id), template=template_name(lesson_id))


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


HINTS = [
    "Follow the TODO steps in order: connect to (host, port), send the whole message, read the reply until "
    "the server closes, close your socket.",
    "The reply may arrive in pieces: keep calling recv() until it returns b\"\".",
]


def manifest_entry(lesson_id: str, number: int, title: str, title_zh: str = "") -> str:
    """The lesson's entry in course.toml (English; the editions translate its title and hints in their catalogues)."""
    lines = ["", "[[lesson]]", f"id = {_toml_string(lesson_id)}", f"title = {_toml_string(title)}",
             f'text = "{number:02d}-{lesson_id}.md"', "hints = ["]
    lines += [f"    {_toml_string(hint)}," for hint in HINTS] + ["]"]
    return "\n".join(lines) + "\n"


def course_texts(lesson_id: str, title: str, hints: list[str]) -> dict[str, str]:
    """The lesson's title and hints as the catalogues name them (COURSE[<id>][title], ...)."""
    return dict(lang.entries({"COURSE": {lesson_id: {"title": title, "hints": tuple(hints)}}}))


def stub(lesson_id: str, number: int, title: str, title_zh: str) -> str:
    return _fill("stub.py.in", lesson_id, number, title, title_zh)


def solution(lesson_id: str, number: int, title: str) -> str:
    return f'''"""Lesson {number}, {lesson_id}: {title} (reference solution)."""

import socket


def ask(host: str, port: int, message: bytes) -> bytes:
    """Send `message` to the TCP server at (host, port) and return its whole reply."""
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        pieces = []
        while chunk := sock.recv(4096):
            pieces.append(chunk)
    return b"".join(pieces)
'''


def lesson_text(lesson_id: str, number: int, title: str) -> str:
    return f"""# Lesson {number}: {title}

(To write: what this lesson teaches, the steps, what the grader checks, and the mistakes it catches.)

Fill in `exercises/{lesson_id}.py`, then grade it:

```
nox -s grade -- {lesson_id}
```
"""


def lesson_text_zh(lesson_id: str, number: int, title_zh: str) -> str:
    return _fill("lesson.zh.md.in", lesson_id, number, "", title_zh)


def check_name(lesson_id: str) -> str:
    return f"test_{lesson_id}_returns_the_whole_reply"


def close_check_name(lesson_id: str) -> str:
    return f"test_{lesson_id}_closes_its_socket"


def template_name(lesson_id: str) -> str:
    return f"{lesson_id.upper()}_REPLY_HINT"


def peers(lesson_id: str, number: int) -> str:
    return f'''"""Lesson {number}, {lesson_id}: its reference server, for its checks and for `nox -s peer`.

The checks (`test_{lesson_id}.py`) drive it step by step; `nox -s peer` (`graders/tools/peer.py`) plays
it by hand, with a live transcript. A tool imports this module, never the checks.
"""

from __future__ import annotations

from graders.engine.protocol import ServerProtocol

MESSAGE = b"PING \\x00\\xff caf\\xc3\\xa9\\n"
REPLY = b"PONG \\x00\\x80 na\\xc3\\xafve\\n" * 3

# The reference server, as `nox -s peer -- server --lesson {lesson_id}` runs it by hand too.
PEERS = [ServerProtocol("ask", until_fin=False, reply=lambda request: REPLY, waiting="BYHAND_WAIT_MESSAGE")]
'''


def grader(lesson_id: str, number: int, title: str) -> str:
    return f'''"""Lesson {number}, {lesson_id}: ask(host, port, message) -> bytes.

The example checks of a new lesson (`nox -s new-lesson`): the reference
server reads the message, replies in two pieces and closes its side; the
student's client must return the whole reply, and close its socket.
Replace them with the lesson's own checks, one behaviour each.
"""

from __future__ import annotations

from dataclasses import dataclass

from graders.engine.checks import expect_equal, expect_sockets_closed, hint, returned_bytes
from graders.engine.harness import Peer, Run, StudentCall, Timeline
from graders.lessons.peers_{lesson_id} import MESSAGE, REPLY
from graders.text import messages as text

LESSON = "{lesson_id}"


@dataclass
class Conversation:
    call: StudentCall
    timeline: Timeline


def conversation(run: Run) -> Conversation:
    """The conversation every check of this lesson judges, held once per run."""
    return run.once((LESSON, "ask"), lambda: converse(run))


def converse(run: Run) -> Conversation:
    """One ask() against the reference server: the reply sent in two pieces, then the server's FIN."""
    timeline = Timeline(text.PEER_SERVER)
    listener = run.listen()
    host, port = listener.getsockname()
    call = run.call(LESSON, "ask", host, port, MESSAGE)
    with listener, hint(text.SERVER_IS_AT.format(host=host, port=port)):
        peer = Peer.accept(listener, call, timeline)
    with peer.sock:
        peer.read(len(MESSAGE))
        half = len(REPLY) // 2
        if peer.send(REPLY, pieces=[half, len(REPLY) - half]):
            peer.shutdown_write()
        peer.wait_end()
    call.settle()
    return Conversation(call, timeline)


def {check_name(lesson_id)}(run: Run) -> None:
    """ask() returns the server's whole reply, as bytes."""
    talk = conversation(run)
    got = returned_bytes(talk.call, talk.timeline)
    expect_equal(talk.call, got, REPLY, text.{template_name(lesson_id)}, talk.timeline)


def {close_check_name(lesson_id)}(run: Run) -> None:
    """ask() closes its socket.

    From the kernel: the sockets any process of the call still holds (only
    an explicit close() closes one). Not judged without the kernel's view.
    """
    talk = conversation(run)
    expect_sockets_closed(talk.call, talk.timeline)
'''


def messages_block(lesson_id: str, number: int) -> str:
    return f'''
# --------------------------------------------------------------------------- {lesson_id} (lesson {number})

{template_name(lesson_id)} = "Hint: the reply can come in several pieces; keep receiving until recv() returns b\\"\\"."

CHECK_TITLES.update({{
    "{check_name(lesson_id)}": "ask() returns the server's whole reply, as bytes",
    "{close_check_name(lesson_id)}": "ask() closes its socket",
}})
'''


def hints_block(lesson_id: str) -> str:
    return f'''
HINTS.update({{
    # ----------------------------------------------------------------------- {lesson_id}
    "{check_name(lesson_id)}": (
        "This check is about reading a reply that does not arrive in one piece.",
        "One recv() returns what has arrived so far; the server sends its reply in two pieces, then closes.",
        "Call recv() in a loop, keep every piece, and stop when it returns an empty bytes object.",
    ),
    "{close_check_name(lesson_id)}": (
        "This check is about the end of the conversation: the socket your function opened must be closed "
        "before it returns.",
        "Only close() closes a socket; a socket your code no longer refers to stays open.",
        "Create the connection in a with-block, or close the socket in a finally block, so that it is closed "
        "whatever happens.",
    ),
}})
'''


def catalogue(lesson_id: str) -> str:
    return f'''"""Lesson {lesson_id}: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "{lesson_id}"

REPLY = "{check_name(lesson_id)}"
CLOSE = "{close_check_name(lesson_id)}"

BUGS = [
    # One recv(): the first piece of the reply only.
    Bug(LESSON, "receives_once", REPLY, "WRONG_RETURN+{template_name(lesson_id)}"),
    # The socket never closed.
    Bug(LESSON, "never_closes", CLOSE, "SOCKET_NOT_CLOSED"),
]

STYLES: list[str] = [
    "style_makefile",
]


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)
'''


BUGGY = '''"""A known mistake: one recv() takes the first piece of the reply only."""

import socket


def ask(host: str, port: int, message: bytes) -> bytes:
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        return sock.recv(4096)
'''

NEVER_CLOSES = '''"""A known mistake: the socket is never closed."""

import socket


def ask(host: str, port: int, message: bytes) -> bytes:
    sock = socket.create_connection((host, port))
    sock.sendall(message)
    pieces = []
    while chunk := sock.recv(4096):
        pieces.append(chunk)
    return b"".join(pieces)
'''

STYLE = '''"""Correct, another way: a file over the socket, read to its end."""

import socket


def ask(host: str, port: int, message: bytes) -> bytes:
    with socket.create_connection((host, port)) as sock:
        sock.sendall(message)
        with sock.makefile("rb") as reply:
            return reply.read()
'''


def readme_row(lesson_id: str, number: int, title: str, folder: str, colon: str = ": ") -> str:
    return (f"| {number} | `{lesson_id}` | `ask(host, port, message)`{colon}{title} | "
            f"[{folder}{number:02d}-{lesson_id}.md]({folder}{number:02d}-{lesson_id}.md) |")


def _insert_row(path: Path, row: str, number: int) -> None:
    """After the table's row of the lesson before (`| N-1 | ...`)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines) if line.startswith(f"| {number - 1} | `")), default=None)
    if last is None:
        raise SystemExit(f"{path.name}: no row of lesson {number - 1} to add lesson {number} after")
    lines.insert(last + 1, row + "\n")
    path.write_text("".join(lines), encoding="utf-8")


def _insert_before(path: Path, anchor: str, block: str) -> None:
    """The block before the line that starts with `anchor` ."""
    text = path.read_text(encoding="utf-8")
    at = re.search(rf"^{re.escape(anchor)}", text, re.MULTILINE)
    if at is None:
        raise SystemExit(f"{path.name}: no line starting {anchor!r} to add the lesson's texts before")
    path.write_text(text[:at.start()].rstrip("\n") + "\n" + block + "\n\n" + text[at.start():], encoding="utf-8")


def _append(path: Path, block: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + block, encoding="utf-8")


def files(lesson_id: str, number: int, title: str, title_zh: str, root: Path) -> dict[Path, str]:
    """The new files of the lesson, by path (none of them may exist yet)."""
    return {
        root / "exercises" / f"{lesson_id}.py": stub(lesson_id, number, title, title_zh),
        root / "graders" / "lessons" / "stubs" / f"{lesson_id}.py": stub(lesson_id, number, title, title_zh),
        root / "solutions" / f"{lesson_id}.py": solution(lesson_id, number, title),
        root / "lessons" / f"{number:02d}-{lesson_id}.md": lesson_text(lesson_id, number, title),
        root / "lessons" / "zh" / f"{number:02d}-{lesson_id}.md": lesson_text_zh(lesson_id, number, title_zh),
        root / "graders" / "lessons" / f"test_{lesson_id}.py": grader(lesson_id, number, title),
        root / "graders" / "lessons" / f"peers_{lesson_id}.py": peers(lesson_id, number),
        root / "tests" / f"test_catalogue_{lesson_id}.py": catalogue(lesson_id),
        root / "tests" / "submissions" / lesson_id / "receives_once.py": BUGGY,
        root / "tests" / "submissions" / lesson_id / "never_closes.py": NEVER_CLOSES,
        root / "tests" / "submissions" / lesson_id / "style_makefile.py": STYLE,
    }


def scaffold(lesson_id: str, title: str, title_zh: str, root: Path = course.ROOT) -> list[Path]:
    """Write every part of lesson `lesson_id` in the course at `root`; the paths written or changed."""
    if not ID.match(lesson_id):
        raise SystemExit(f"{lesson_id!r}: a lesson id is lower-case letters, digits and _ (a Python module name)")
    manifest = root / "course.toml"
    import tomllib

    entries = tomllib.loads(manifest.read_text(encoding="utf-8"))["lesson"]
    if any(entry["id"] == lesson_id for entry in entries):
        raise SystemExit(f"{lesson_id}: already a lesson in course.toml")
    number = len(entries) + 1
    new = files(lesson_id, number, title, title_zh, root)
    there = [str(path.relative_to(root)) for path in new if path.exists()]
    if there:
        raise SystemExit(f"{lesson_id}: refused, these files exist already: {', '.join(there)}")
    _append(manifest, manifest_entry(lesson_id, number, title, title_zh))
    for path, content in new.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    text = root / "graders" / "text"
    _insert_before(text / "messages.py", MESSAGES_ANCHOR, messages_block(lesson_id, number))
    _insert_before(text / "hints.py", HINTS_ANCHOR, hints_block(lesson_id))
    def edition_texts(code: str) -> dict[str, str]:
        hints = TEMPLATES / f"hints_{code}.txt"
        title_file = TEMPLATES / f"title_{code}.txt"
        edition_title = title_zh if code == "zh" else (  # the one edition with its own --title option
            title_file.read_text(encoding="utf-8").strip().replace("$number", str(number)) if title_file.is_file() else "")
        found = course_texts(lesson_id, edition_title,
                             hints.read_text(encoding="utf-8").splitlines() if hints.is_file() else ["", ""])
        return {**{name: text for name, text in found.items() if text},
                **_block_texts(_edition_blocks(code, lesson_id, number))}

    catalogues = add_to_catalogues(
        root, {**course_texts(lesson_id, title, HINTS),
               **_block_texts(messages_block(lesson_id, number) + hints_block(lesson_id))}, edition_texts)
    _insert_row(root / "README.md", readme_row(lesson_id, number, title, "lessons/"), number)
    _insert_row(root / "README.zh.md", readme_row(lesson_id, number, title_zh, "lessons/zh/", "\N{FULLWIDTH COLON}"), number)
    return [manifest, *new, text / "messages.py", text / "hints.py", *catalogues,
            root / "README.md", root / "README.zh.md"]


# The English blocks go before these lines of messages.py and hints.py (anywhere would do: nothing there
# depends on the order; this keeps a lesson's texts beside the others').
MESSAGES_ANCHOR = "# --------------------------------------------------------------------------- the edition"
HINTS_ANCHOR = "# HINTS above is the English edition."


def _edition_blocks(code: str, lesson_id: str, number: int) -> str:
    """An edition's texts for the new lesson, where lesson_template/ has them (messages_<code>.py.in, ...)."""
    return "".join(_fill(f"{kind}_{code}.py.in", lesson_id, number) for kind in ("messages", "hints")
                   if (TEMPLATES / f"{kind}_{code}.py.in").is_file())


def _block_texts(block: str) -> dict[str, str]:
    """(name, text) of every text a block of the text layer writes (NAME = ..., TABLE.update({...}))."""
    from graders.text import messages

    namespace: dict = {name: {} for name, value in messages.english().items() if isinstance(value, dict)}
    namespace["HINTS"] = {}
    exec(compile(block, "<lesson block>", "exec"), namespace)
    return dict(lang.entries({name: value for name, value in namespace.items() if name.isupper() and value}))


def add_to_catalogues(root: Path, english: dict[str, str], edition_texts) -> list[Path]:
    """The new texts, in every edition's catalogue: translated where lesson_template/ has the edition's
    texts, untranslated (msgstr "", shown in English, named by tests/test_editions_catalogue.py) elsewhere."""
    from graders.text import catalogue

    written = []
    for po in sorted((root / "graders" / "text" / "locale").glob(f"*/LC_MESSAGES/{lang.DOMAIN}.po")):
        translated = edition_texts(po.parent.parent.name)
        catalogue.append_po(po, [(name, text, translated.get(name, "")) for name, text in english.items()])
        written += [po, po.with_suffix(".mo")]
    catalogue.compile_all(root / "graders" / "text" / "locale")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s new-lesson --", description=__doc__.splitlines()[0])
    parser.add_argument("id", help="the lesson's id: its module's name (lower case, digits, _)")
    parser.add_argument("--title", help="its title in English (default: from the id)")
    parser.add_argument("--title-zh", help="its title in Chinese (default: to be translated)")
    args = parser.parse_args(argv)
    title = args.title or args.id.replace("_", " ").capitalize()
    title_zh = args.title_zh or (TEMPLATES / "title_zh.txt").read_text(encoding="utf-8").strip().replace(
        "$id", args.id)
    written = scaffold(args.id, title, title_zh)
    # The counts and the Classroom workflow follow the manifest: made again, in a process that reads the new
    # lesson's grader and texts as they now are.
    import os
    import subprocess

    english = {key: value for key, value in os.environ.items() if key != "COURSE_LANG"}  # the workflow's edition
    subprocess.run([sys.executable, "-c", "from graders.tools import scaffold; scaffold.update_counts()"],
                   cwd=course.ROOT, check=True, env=english)
    subprocess.run([sys.executable, "-m", "graders.platforms.classroom"], cwd=course.ROOT, check=True,
                   stdout=subprocess.DEVNULL, env=english)
    for path in written:
        print(f"  {path.relative_to(course.ROOT)}")
    print(f"Lesson {args.id} is in the course, with two example checks. Now fill it in (ARCHITECTURE.md, "
          f"\"Adding a lesson\"), and run: nox -s tests -- tests/test_consistency.py tests/test_editions.py "
          f"tests/test_catalogue_{args.id}.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
