"""Both editions are complete: every text in English has its Chinese twin, and grading in Chinese works.

The editions (graders/text/messages.py and hints.py in English, each other
edition's catalogue in graders/text/locale/) must have the same names, the same placeholders and the same
number of hint rungs; every lesson its Chinese title, text and hints; every
stub its comments in both languages. These run without sockets and name
what is missing. The last tests grade for real with COURSE_LANG=zh: the
same checks fail as in English, and the report holds no English sentence
of the catalogue.
"""

from __future__ import annotations

import ast
import re
import string
import tomllib
from pathlib import Path

import pytest

from graders import course
from graders.text import hints, lang, messages
from tests.grading import ROOT, SUBMISSIONS, grade

messages_zh = messages.texts("zh")  # the Chinese edition, read from its catalogue

CJK = re.compile(r"[\u4e00-\u9fff]")
PROSE = re.compile(r"\b[A-Za-z]{2,}[,;:]? [a-z]{2,}[,;:]? [a-z]{2,}\b")


def catalogue(module) -> dict[str, object]:
    """The student-facing texts of a catalogue module: its upper-case names."""
    return {name: value for name, value in vars(module).items() if name.isupper()}


def english() -> dict[str, object]:
    return messages.english()  # the English table, even if this process was started with COURSE_LANG=zh


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def percent_placeholders(template: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)|%[sdr]", template))


def differences(name: str, en: object, zh: object) -> list[str]:
    """How the Chinese value of `name` differs in shape from the English one (empty: none)."""
    if isinstance(en, str):
        if not isinstance(zh, str):
            return [f"{name}: a template in English, {type(zh).__name__} in Chinese"]
        if placeholders(en) != placeholders(zh):
            return [f"{name}: placeholders {sorted(placeholders(en))} in English, {sorted(placeholders(zh))} in Chinese"]
        return []
    if isinstance(en, dict):
        if not isinstance(zh, dict):
            return [f"{name}: a table in English, {type(zh).__name__} in Chinese"]
        if not en:  # a translation table keyed by English text (argparse's words): each keeps its placeholders
            return [f"{name}[{key!r}]: placeholders differ" for key, value in zh.items()
                    if percent_placeholders(key) != percent_placeholders(value)]
        found = [f"{name}: keys {sorted(set(en) ^ set(zh))} are in one edition only"] if set(en) != set(zh) else []
        return found + [problem for key in set(en) & set(zh)
                        for problem in differences(f"{name}[{key!r}]", en[key], zh[key])]
    if isinstance(en, (tuple, list)):
        if not isinstance(zh, (tuple, list)) or not all(isinstance(item, str) for item in zh):
            return [f"{name}: a list of texts in English, not in Chinese"]
        return []
    if en != zh:  # numbers (column widths) are shared by both editions
        return [f"{name}: {en!r} in English, {zh!r} in Chinese"]
    return []


def test_every_message_has_its_chinese_twin_with_the_same_placeholders() -> None:
    en, zh = english(), catalogue(messages_zh)
    problems = [f"{name}: in messages.py, missing in messages_zh.py" for name in sorted(set(en) - set(zh))]
    problems += [f"{name}: in messages_zh.py, not in messages.py" for name in sorted(set(zh) - set(en))]
    problems += [problem for name in sorted(set(en) & set(zh)) for problem in differences(name, en[name], zh[name])]
    assert problems == [], "the editions differ:\n" + "\n".join(problems)


def test_every_chinese_message_is_in_chinese() -> None:
    """A twin copied over in English is not a translation."""
    untranslated = []
    for name, value in catalogue(messages_zh).items():
        texts = [value] if isinstance(value, str) else list(value.values()) if isinstance(value, dict) else []
        if name in ("END_NAME", "ARGPARSE"):
            continue  # FIN and RST are the same words in both editions; ARGPARSE is checked above
        for text in texts:
            letters = re.sub(r"\{[^}]*\}|`[^`]*`|[^A-Za-z\u4e00-\u9fff]", "", text)
            if len(letters) > 8 and not CJK.search(text):
                untranslated.append(f"{name}: {text!r}")
    assert untranslated == []


def test_a_count_reads_right_for_one_and_for_many(monkeypatch) -> None:
    """No English text writes "socket(s)": a count is filled in as a counted phrase (`messages.counted`), the
    form for 1 or the form for many of a pair; the platforms' summary, filled for 1 and for 2 checks not judged."""
    texts = [*lang.entries(english()), *lang.entries({"HINTS": hints.ladders("en")}), *lang.entries(course.english())]
    bracketed = [f"{name}: {text!r}" for name, text in texts if re.search(r"[A-Za-z]\(s\)", text)]
    assert bracketed == [], "a plural in brackets; use a pair and messages.counted:\n" + "\n".join(bracketed)
    from graders.platforms import reports
    monkeypatch.setenv("COURSE_LANG", "en")
    assert messages.CHECKS[0] != messages.CHECKS[1]
    record = {"lesson": "client_flow", "check": "test_client_closes_its_socket", "title": "closes its socket",
              "outcome": "not-judged", "message": "-", "timeline": [], "duration": 0.1, "points": 1, "earned": 0}
    for count, form in ((1, 0), (2, 1)):
        results = {"passed": 0, "not_judged": count, "total": count, "points": 0, "max_points": count,
                   "checks": [dict(record, check=f"test_{i}") for i in range(count)]}
        summary = reports._summary(results)
        line = messages.NOT_JUDGED_LINE.format(checks=messages.CHECKS[form].format(count=count))
        assert line in summary, summary
        assert messages.NOT_JUDGED_LINE.format(checks=messages.CHECKS[1 - form].format(count=count)) not in summary


def test_a_summarised_count_reads_right_for_one(monkeypatch) -> None:
    """The packet listing's "... N more packets, M bytes ..." and the peer tool's "(+N more bytes)" say "1 byte"."""
    from graders.engine import packets
    from graders.tools import peer

    monkeypatch.setenv("COURSE_LANG", "en")
    segment = packets.Segment(0.0, ("127.0.0.1", 1), ("127.0.0.1", 2), 0, 0, 0x10, 100, 1)
    lines = [packets.Line("packet", segment=segment), packets.Line("more", count=2, size=1)]
    drawn = "\n".join(packets.render(lines))
    assert messages.BYTES[0].format(count=1) in drawn and messages.BYTES[1].format(count=1) not in drawn, drawn
    shown = peer.show(b"x" * (peer.SHOW_LIMIT + 1))
    assert shown.endswith(f"({messages.MORE_BYTES[0].format(count=1)})"), shown


# A placeholder right before a plural noun ("{sent} bytes") reads "1 bytes" when the number is 1. Where it can be 1
# the number is filled in as a counted phrase (messages.counted with BYTES, LINES, PACKETS, ...) and the noun is
# not in the template; the placeholders below were each reviewed as never 1, and say why.
PLURAL_AFTER_NUMBER = re.compile(r"\{([a-z_]+)(?::[^}]*)?\} (?:more )?(?:bytes|packets|lines|segments|threads|clients|"
                                 r"checks|sockets|times|calls|connections|replies|messages|frames|servers|rounds|"
                                 r"pieces)\b")
NEVER_ONE = {
    ("WHOLE_FRAME_THEN_EOF", "length"): "the grader's own frame: its payload is 291 bytes",
    ("HEADER_READ_TOO_MUCH_HINT", "taken"): "more than the header's 4 bytes, by its condition (test_framing.py)",
    ("TL_UNREAD_SENT_NONE", "size"): "a line of UNREAD_BODY, 64 KiB (clients.py)",
    ("SEND_GAVE_UP_ON_PAUSE", "total"): "a frame of MAX_FRAME bytes and its header (lesson 5's send_frame check)",
    ("REPLY_SENT_HALF", "total"): "a reply half of which was sent: 2 bytes or more (lesson 5's serve_lines)",
    ("SEND_GAVE_UP_QUIETLY", "total"): "a frame of MAX_FRAME bytes and its header (lesson 5's send_frame check)",
    ("BYHAND_BYTES", "n"): "peer.py picks BYHAND_BYTE for 1",
    ("COUNT_REPEATED_HINT", "times"): "a line sent more than once: 2 or more (clients.Crowd._repeated_lines)",
    ("BYTES_SHOWN", "count"): "timeline.py picks BYTE_SHOWN for 1",
    ("SILENCE_IS_NOT_EOF", "sent"): "len(MESSAGE) of lesson 3's recv_until_closed check (34), len(COUNT_FIRST + LAST_LINES) of lesson 5 (45)",
    ("SENT_OF_FRAME", "total"): "len(FRAME) of lesson 5 (295)",
    ("SEND_FRAME_PART", "total"): "MAX_FRAME + 4",
    ("BYHAND_TIMEOUTS_DOES[slow]", "pieces"): "len(SLOW_PIECES), the grader's constant (3)",
    ("BYHAND_TIMEOUTS_NO_PORT", "count"): "len(KINDS): six servers",
    ("TL_MORE_EVENTS", "count"): "a timeline is cut only when at least 2 lines would be hidden",
    ("REPORT_TOO_BIG", "size"): "only over REPORT_CAP MiB",
    ("IMPORT_CALL_HINT", "line"): "a line number, not a count ('line 12 calls')",
    ("PRINTED_CUT", "size"): "only output over the cap is cut",
    ("ONE_RECV", "total"): "len(MESSAGE)",
    ("ONE_RECV", "pieces"): "a sum of piece sizes ('2 + 9 + 41 bytes')",
    ("ONE_RECV", "got"): "said only when the result is the first piece, PIECES[0] == 2 bytes",
    ("READ_PAST_N", "sent"): "the message and the next one",
    ("RETURNED_PAST_N", "got"): "more than the n asked for",
    ("SENT_THEN_FIN", "n"): "len(MESSAGE)",
    ("EXACTLY_SIGNAL_NOT_EOF", "n"): "SIGNALLED_HEAD + SIGNALLED_REST of lesson 3 (8000)",
    ("SEND_TOO_MUCH", "total"): "the grader's data",
    ("SEND_PARTIAL", "total"): "the grader's data",
    ("SEND_RETURNED_UNSENT", "total"): "the grader's data: PARTIAL_SIZE, 1 MiB (test_recv_loop.py)",
    ("SEND_SMALL_PARTIAL", "total"): "the grader's data: SMALL_SIZE, 48 KiB (test_recv_loop.py)",
    ("SEND_TIMEOUT_AS_DEADLINE", "total"): "the grader's data: PACED_SIZE, 64 KiB (test_recv_loop.py)",
    ("SEND_TIMEOUT_AS_DEADLINE", "size"): "the paced peer's piece: PACED_PIECE, 4 KiB (test_recv_loop.py)",
    ("TL_PEER_READ_PACED", "size"): "the paced peer's piece: PACED_PIECE, 4 KiB (test_recv_loop.py)",
    ("TL_PEER_READ_LATE", "size"): "the grader's data: SMALL_SIZE, 48 KiB (test_recv_loop.py)",
    ("EOF_AFTER_ALL_TAKEN", "sent"): "len(MESSAGE) of lesson 3 (34), or with NEXT behind it (43)",
    ("SECOND_CALL_COUNTED", "first"): "the first call's lines: COUNT_FIRST_CALL, 2 (test_framing.py)",
    ("SEND_KEPT_TRYING", "total"): "the grader's data: PARTIAL_SIZE, 1 MiB (test_recv_loop.py)",
    ("SEND_RAISED_NOT_TIMEOUT", "total"): "the grader's data: PARTIAL_SIZE, 1 MiB (test_recv_loop.py)",
    ("SEND_CHANGED", "total"): "the grader's data",
    ("EXPECTED_RETURN_WRONG_ARRIVED", "total"): "the grader's data (lesson 3's send_all: 1 MiB or 16 MiB)",
    ("NO_EOFERROR_AT_ONCE", "n"): "the length of lesson 3's MESSAGE, asked of recv_exactly()",
    ("SEND_RETURNED_AFTER_RESET", "total"): "the grader's data: PARTIAL_SIZE, 1 MiB (test_recv_loop.py)",
    ("BIG_WRONG", "total"): "16 MiB or more",
    ("BIG_SHORT", "total"): "16 MiB or more",
    ("ONE_RECV_REPLY", "pieces"): "a sum of piece sizes",
    ("BIG_REPLY_CUT", "pieces"): "a sum of piece sizes",
    ("HEADER_CUT_HINT", "pieces"): "a sum of piece sizes (the header line's first two, peers_graceful_close.py)",
    ("ONE_RECV_REPLY", "got"): "said only when the result is the first piece, REPLY_PIECES[0] == 7 bytes",
    ("SEND_EXACT_MAX_WRONG", "total"): "MAX_FRAME + 4",
    ("SEND_EXACT_MAX_FRAME_WRONG", "total"): "MAX_FRAME + 4",
    ("EXACT_MAX_TOO_LONG", "got"): "more than MAX_FRAME",
    ("SEND_OVER_MAX", "size"): "MAX_FRAME + 1",
    ("FRAME_IN_PIECES", "pieces"): "a sum of piece sizes",
    ("RETURNED_PAST_FRAME", "got"): "more than the payload",
    ("READ_PAST_FRAME", "sent"): "two frames",
    ("CUT_IN_HEADER", "total"): "the frame's length",
    ("CUT_IN_PAYLOAD", "total"): "the frame's length",
    ("CUT_AFTER_HEADER", "total"): "the frame's length",
    ("EXACT_MAX_NATIVE", "got"): "the header read little-endian: 4096",
    ("SENT_HUGE", "n"): "the announced length, over MAX_FRAME",
    ("TRUSTED_LENGTH", "n"): "the announced length, over MAX_FRAME",
    ("TRUSTED_LENGTH", "sent"): "len(AFTER_HUGE)",
    ("SIGNED_LENGTH", "n"): "the length ff ff ff ff announces, 4294967295",
    ("SIGNED_LENGTH", "sent"): "len(AFTER_HUGE)",
    ("FRAME_IN_PIECES", "next"): "len(NEXT_FRAME), the grader's constant (9)",
    ("PIECES_READ_PAST", "next"): "len(NEXT_FRAME), the grader's constant (9)",
    ("PIECES_READ_PAST", "pieces"): "a sum of piece sizes",
    ("EMPTY_FRAME_WRONG", "next"): "len(NEXT_FRAME), the grader's constant (9)",
    ("READ_BEFORE_CHECK", "n"): "the announced length, over MAX_FRAME",
    ("CONNECTED_AGAIN", "count"): "said only for 2 connections or more",
    ("CROWD_LISTENER_OPEN", "count"): "lessons 7 and 8 play 4 or 6 clients",
    ("CROWD_ONE_THREAD", "count"): "lessons 7 and 8 play 4 or 6 clients",
    ("CROWD_STOPPED_LISTENING", "count"): "lessons 7 and 8 play 4 or 6 clients",
    ("CROWD_ACCEPTED_FEWER", "count"): "lessons 7 and 8 play 4 or 6 clients",
    ("LOOP_SECOND_THREAD", "count"): "lessons 7 and 8 play 4 or 6 clients",
    ("LOOP_SECOND_THREAD", "threads"): "said only for a second thread: 2 or more",
    ("TL_UNREAD_SENT", "size"): "len(UNREAD_BODY) + 1",
    ("CROWD_POLLS", "wakeups"): "at least clients.WAKE_LIMIT (20)",
    ("TL_POLLS", "wakeups"): "at least clients.WAKE_LIMIT (20)",
    ("CROWD_ALL_DONE_HUNG", "count"): "the crowd's count of clients (6)",
    ("CROWD_STOPPED_WHEN_DONE", "count"): "lesson 8's count of clients (8), Z and A to G",
    ("LOOP_FLOOD_NOT_READ_AGAIN", "want"): "the replies to F's flood of lines",
    ("LOOP_FLOOD_NOT_READ_AGAIN", "lines"): "F's flood of lines",
    ("LOOP_FLOOD_CLOSED_UNREAD", "want"): "the replies to F's flood of lines",
    ("LOOP_FLOOD_CLOSED_UNREAD", "lines"): "F's flood of lines",
    ("LOOP_FLOOD_REPLIES", "want"): "the replies to F's flood of lines",
    ("LOOP_FLOOD_REPLIES", "lines"): "F's flood of lines",
    ("REPORT_SUMMARY", "total"): "a fraction, '1/1 checks passed'",
    ("PK_HIDDEN", "count"): "a connection's packets: a handshake alone is 3",
}


def test_a_number_before_a_plural_noun_is_never_1() -> None:
    """No English text writes "1 bytes": a placeholder right before a plural noun is either on the reviewed list
    NEVER_ONE, or its number is filled in as a counted phrase and the template drops the noun."""
    en = english()
    pairs = {name for name, value in en.items() if isinstance(value, tuple) and len(value) == 2
             and all("{count}" in form for form in value)}  # the counted phrases themselves
    texts = [*lang.entries(en), *lang.entries({"HINTS": hints.ladders("en")})]
    found = {(name, match.group(1)) for name, text in texts if name.split("[")[0] not in pairs
             for match in PLURAL_AFTER_NUMBER.finditer(text)}
    unreviewed = sorted(found - set(NEVER_ONE))
    assert unreviewed == [], ("a number before a plural noun that may be 1: fill it with messages.counted and a pair "
                              "(or, if it is never 1, add it to NEVER_ONE with the reason):\n"
                              + "\n".join(f"{name}: {{{field}}}" for name, field in unreviewed))
    assert sorted(set(NEVER_ONE) - found) == [], "NEVER_ONE lists placeholders no template has any more"


def test_a_counted_phrase_for_one_reads_in_the_singular(monkeypatch) -> None:
    """The pairs BYTES, LINES and PACKETS give the singular for 1 in English; Chinese writes both forms alike."""
    monkeypatch.setenv("COURSE_LANG", "en")
    for name in ("BYTES", "LINES", "PACKETS"):
        pair = getattr(messages, name)
        assert messages.counted(pair, 1) == pair[0].format(count=1) != pair[1].format(count=1)
        assert messages.counted(pair, 2) == pair[1].format(count=2)
        assert getattr(messages_zh, name)[0] == getattr(messages_zh, name)[1], name


def test_every_hint_ladder_has_its_chinese_twin_with_as_many_rungs() -> None:
    en, zh = hints.ladders("en"), hints.ladders("zh")
    problems = [f"{key}: no Chinese ladder" for key in en if key not in zh]
    problems += [f"{key}: a Chinese ladder for no check" for key in zh if key not in en]
    problems += [f"{key}: {len(en[key])} rungs in English, {len(zh[key])} in Chinese"
                 for key in en if key in zh and len(en[key]) != len(zh[key])]
    problems += [f"{key}: rung {n} is not in Chinese" for key in zh for n, rung in enumerate(zh[key], 1)
                 if not CJK.search(rung)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("lesson", course.lessons("zh"), ids=lambda lesson: lesson.id)
def test_every_lesson_has_its_chinese_title_text_and_hints(lesson: course.Lesson) -> None:
    entry = next(e for e in course.manifest() if e["id"] == lesson.id)
    assert CJK.search(lesson.title), f"the zh catalogue: the title of {lesson.id} is not in Chinese"
    assert len(lesson.hints) == len(entry["hints"]) and all(CJK.search(hint) for hint in lesson.hints), \
        f"the zh catalogue: {lesson.id}'s hints are not all in Chinese"
    text = ROOT / "lessons" / lesson.text
    assert text.is_file(), f"lesson {entry['id']}: no Chinese text {text.relative_to(ROOT)}"
    assert CJK.search(text.read_text()), f"{text.relative_to(ROOT)} is not in Chinese"


def test_no_stray_chinese_lesson_texts() -> None:
    known = {lesson.text for lesson in course.lessons("zh")}
    found = {f"zh/{path.name}" for path in (ROOT / "lessons" / "zh").glob("*.md")}
    assert found == known


@pytest.mark.parametrize("lesson", course.lessons("en"), ids=lambda lesson: lesson.id)
def test_every_stub_comment_has_its_chinese_side(lesson: course.Lesson) -> None:
    """Each `# TODO N.` step in English is followed by its Chinese line; docstrings hold both languages."""
    path = course.STUBS / f"{lesson.id}.py"
    source = path.read_text()
    lines = source.splitlines()
    missing = []
    for number, line in enumerate(lines):
        if line.strip().startswith("# TODO"):
            following = lines[number + 1].strip() if number + 1 < len(lines) else ""
            if not (following.startswith("#") and CJK.search(following)):
                missing.append(f"line {number + 1}: {line.strip()}")
    tree = ast.parse(source)
    for node in [tree, *(n for n in tree.body if isinstance(n, ast.FunctionDef))]:
        doc = ast.get_docstring(node) or ""
        if not CJK.search(doc):
            missing.append(f"the docstring of {getattr(node, 'name', 'the module')} has no Chinese")
    assert missing == [], f"graders/lessons/stubs/{lesson.id}.py, without its Chinese side:\n" + "\n".join(missing)


def test_display_width_counts_double_width_characters() -> None:
    assert lang.display_width("TCP 客户端") == 10
    assert lang.ljust("第 1 课", 10) == "第 1 课" + " " * 3
    assert lang.display_width("é") == 1


# --------------------------------------------------------------------------- grading in Chinese, for real


def english_fragments() -> set[str]:
    """The fixed parts of every English template (between placeholders), 12 characters or more."""
    zh_values = set()
    for value in catalogue(messages_zh).values():
        zh_values |= set(value.values()) if isinstance(value, dict) else {value} if isinstance(value, str) else set()
    fragments = set()

    def add(template: str) -> None:
        if template in zh_values:  # the same text in both editions (FIN, RST): not English prose
            return
        for literal, *_ in string.Formatter().parse(template):
            for line in literal.splitlines():
                # English prose: three words in a row (not a command such as "nox -s grade --", nor code)
                if len(line.strip()) >= 12 and PROSE.search(line):
                    fragments.add(line.strip())

    for value in english().values():
        for text in (value.values() if isinstance(value, dict) else [value]):
            if isinstance(text, str):
                add(text)
    return fragments


@pytest.fixture(scope="module")
def buggy(tmp_path_factory) -> Path:
    """A submission with a mistake in three lessons and a syntax error in the fourth."""
    target = tmp_path_factory.mktemp("buggy")
    for lesson, bug in (("client_flow", "client_flow/returns_text.py"), ("server_flow", "server_flow/no_reuseaddr.py"),
                        ("recv_loop", "pathological/syntax_error.py"),
                        ("graceful_close", "graceful_close/reject_close_without_drain.py")):
        (target / f"{lesson}.py").write_bytes((SUBMISSIONS / bug).read_bytes())
    return target


def failing(graded) -> dict[str, str]:
    return {record["check"]: record["outcome"] for record in graded.results["checks"] if record["outcome"] != "passed"}


@pytest.mark.parametrize("which", ["stubs", "buggy"])
def test_grading_in_chinese_fails_the_same_checks_in_chinese_words(which: str, buggy: Path) -> None:
    target = course.STUBS if which == "stubs" else buggy
    in_english = grade(target)
    in_chinese = grade(target, lang="zh")
    assert failing(in_english), in_english.output[-3000:]
    assert failing(in_chinese) == failing(in_english), in_chinese.output[-3000:]
    assert in_chinese.returncode == in_english.returncode != 0
    report = in_chinese.output
    assert messages_zh.PROGRESS_HEADER in report and messages.PROGRESS_HEADER not in report
    assert messages_zh.STATE_TODO in report or messages_zh.STATE_STARTED in report
    todo = sum(1 for outcome in failing(in_chinese).values() if outcome == "not-implemented")
    if which == "stubs":  # the last line counts the stubs' checks apart: not implemented yet, not failed
        assert todo and messages_zh.SUMMARY_OUTCOME["not-implemented"].format(count=todo) in report, report[-500:]
        assert messages_zh.SUMMARY_COUNT["failed"].split("{count}")[1] not in report.splitlines()[-1], report[-500:]
    if which == "buggy":
        assert messages_zh.WHAT_WENT_WRONG in report and messages_zh.ON_THE_WIRE in report
        assert messages_zh.TL_YOUR_CODE in report and messages_zh.PEER_SERVER in report
        assert "必须返回 bytes" in report  # RETURN_TYPE, in Chinese
    english_left = sorted(fragment for fragment in english_fragments() if fragment in report)
    assert english_left == [], f"English text in the Chinese report: {english_left}\n{report[-3000:]}"


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_the_wire_diagram_is_aligned_whether_ambiguous_characters_are_narrow_or_wide(edition: str, buggy: Path) -> None:
    """A CJK terminal may draw East Asian "ambiguous" characters (─ ▶ “ ”) two columns wide: the peer's
    title, its rule, the end of every arrow of the student's and the start of every peer's line are at
    one column either way."""
    graded = grade(buggy, lang=edition)
    timelines = [record["timeline"] for record in graded.results["checks"] if record["timeline"]]
    assert timelines, graded.output[-3000:]
    every = [line for timeline in timelines for line in timeline]
    assert any(line.endswith("->") for line in every) and any(line.startswith("<-") for line in every), every
    for ambiguous in (1, 2):
        for timeline in timelines:
            drawn = "\n".join(timeline)
            header, rule, *rest = timeline
            columns = set()
            title = header.rsplit("  ", 1)[-1].lstrip()
            columns.add(lang.display_width(header[: header.rindex(title)], ambiguous))  # the peer's title
            columns.add(lang.display_width(rule[: rule.rindex(" ") + 1], ambiguous))  # its rule
            arrows = [line for line in rest if line.endswith("->")]
            peers = [line for line in rest if line.startswith("<-")]
            columns |= {lang.display_width(line, ambiguous) + 1 for line in arrows}
            columns |= {lang.display_width(line[: line.index("- ") + 2], ambiguous) for line in peers}
            assert len(columns) == 1, (ambiguous, columns, drawn)


# Sessions whose output is the course's own text (tests, lint, gradescope and classroom are not).
REPORTING_SESSIONS = ("grade", "solutions", "progress", "hint", "watch", "peer", "reset", "bench", "grade-class")


def chinese_commands() -> list[tuple[str, str]]:
    """(file, command) of every nox command in the Chinese texts: in code blocks and in `code spans`."""
    found = []
    for path in [ROOT / "README.zh.md", *sorted((ROOT / "lessons" / "zh").glob("*.md"))]:
        fenced, exported = False, False
        for line in path.read_text().splitlines():
            if line.startswith("```"):
                fenced, exported = not fenced, False
                continue
            if fenced:
                exported = exported or "COURSE_LANG=zh" in line
                if line.startswith("nox ") and not exported:
                    found.append((path.name, line.split("#", 1)[0].strip()))
            else:
                found += [(path.name, span) for span in re.findall(r"`(nox [^`]*)`", line)]
    return found


def test_every_command_in_a_chinese_text_gives_a_chinese_report() -> None:
    commands = chinese_commands()
    assert len(commands) > 20, commands
    wrong = []
    for name, command in commands:
        session = re.match(r"nox -s ([\w-]+)", command)
        if session and session.group(1) in REPORTING_SESSIONS:
            _, dashes, after = command.partition(" -- ")
            if not dashes or "--lang zh" not in after:
                wrong.append(f"{name}: {command}")
    assert wrong == [], "Chinese texts give these commands without `-- ... --lang zh` (an English report):\n" + \
        "\n".join(wrong)


@pytest.mark.parametrize("lesson", course.lessons(), ids=lambda lesson: lesson.id)
def test_each_lesson_text_is_headed_by_its_title(lesson: course.Lesson) -> None:
    """The title the report and the README give a lesson is the one its text starts with, in both editions."""
    entry = next(e for e in tomllib.loads((ROOT / "course.toml").read_text())["lesson"] if e["id"] == lesson.id)
    english = (ROOT / "lessons" / entry["text"]).read_text().splitlines()[0]
    chinese_lesson = course.lessons("zh")[lesson.number - 1]
    chinese = (ROOT / "lessons" / chinese_lesson.text).read_text().splitlines()[0]
    assert english == f"# Lesson {lesson.number}: {entry['title']}", english
    assert re.fullmatch(rf"# 第 {lesson.number} 课[:：]{re.escape(chinese_lesson.title)}", chinese), chinese


@pytest.mark.parametrize("readme", ["README.md", "README.zh.md"])
def test_each_readme_lists_every_lesson_with_its_text(readme: str) -> None:
    text = (ROOT / readme).read_text()
    folder = "lessons/zh/" if readme == "README.zh.md" else "lessons/"
    for lesson in course.lessons():
        row = re.search(rf"^\| {lesson.number} \| `{lesson.id}` \|.*\]\({re.escape(folder)}\d\d-{lesson.id}\.md\)", text,
                        re.MULTILINE)
        assert row, f"{readme}: no row for lesson {lesson.number} ({lesson.id}) pointing at its text in {folder}"


@pytest.mark.parametrize("name", ["TL_SERVER_STATE", "SERVER_NO_TIME_WAIT", "REJECT_NO_TIME_WAIT"])
def test_a_tcp_state_is_filled_as_a_phrase_of_its_edition(name: str) -> None:
    """"服务端这一端的连接状态：已不存在" (ZH-STYLE's trial): a state is filled into a sentence as a phrase of the
    edition, checks.state_phrase: STATE_NAMED for a state the kernel shows, STATE_GONE for none."""
    from graders.engine import checks

    assert checks.state_phrase(None).key == "STATE_GONE"
    assert checks.state_phrase("FIN_WAIT2").key == "STATE_NAMED"
    for texts in (messages, messages_zh):
        template = getattr(texts, name)
        for phrase in (texts.STATE_NAMED.format(state="FIN_WAIT2"), texts.STATE_GONE):
            assert phrase in template.format(state=phrase)
        assert "：{state}" not in template, template  # the phrase is part of the sentence, not a field's value


def test_no_grader_writes_a_students_text_outside_the_catalogue() -> None:
    """A timeline's line, note or end written from a string literal in a grader has no Chinese twin: a Chinese
    report would show it in English (a trial's: "RST (close with SO_LINGER 0)" in lesson 5's wire). Every such
    text comes from graders/text/messages.py."""
    found = []
    for path in sorted((ROOT / "graders").rglob("*.py")):
        if "text" in path.relative_to(ROOT / "graders").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("peer", "student", "note") and node.args
                    and isinstance(node.args[0], (ast.Constant, ast.JoinedStr))
                    and (not isinstance(node.args[0], ast.Constant) or isinstance(node.args[0].value, str))):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, f"a student's text written from a literal, not from the catalogue: {found}"
