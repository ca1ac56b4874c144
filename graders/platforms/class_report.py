"""The class at a glance: one self-contained HTML page from grade-class's rows and results.

Plain HTML, CSS and one inline SVG: no script, no font, no image, no fetch
of any kind, so it opens the same from a laptop, a shared drive or an LMS
upload. What an instructor asks of it, in the order of the page:

- how the class stands: graded, median, full marks, not started, stopped;
- each lesson: how many attempted it, finished it, did not start it, hung in it;
- the commonest mistakes among the submissions that attempted the lesson
  ("not implemented yet" and missing files are not mistakes: they are
  counted as "not started"), each with the students who made it;
- who failed which check: one table per lesson, a row per student, a cell
  per check (with the message's first line as its tooltip), and under it
  each check with the students who failed it (folded per lesson: no script);
- the points, and every submission, best first, with its status and notes.

It fits a 1280-pixel-wide screen: long messages and notes wrap or fold.
Every number on the page carries a data- attribute, so a test can read them
back from a real browser's DOM and compare them to grades.csv.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from graders import course
from graders.engine import result, untrusted

MISTAKES_SHOWN = 12  # the rest of the mistakes are folded under "more"
EXAMPLE_LIMIT = 300  # characters of a message shown as a mistake's example
NOTE_LIMIT = 160  # a longer note (error column) is folded
STYLE = """
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 1240px; padding: 0 16px; color: #222; }
h1 { font-size: 1.5em; margin: 0 0 .2em; } h2 { font-size: 1.2em; margin: 1.8em 0 .5em; }
p { margin: .4em 0; } a { color: #1d4f91; }
table { border-collapse: collapse; width: 100%; table-layout: auto; }
th, td { text-align: left; padding: .3em .5em; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
th { font-weight: 600; background: #f6f6f6; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: #666; } .small { font-size: .9em; }
.msg { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .88em; white-space: pre-wrap;
       overflow-wrap: anywhere; word-break: break-word; }
table.mistakes .msg + .msg { border-top: 1px dashed #ddd; margin-top: .25em; padding-top: .25em; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 1em 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: .5em .9em; min-width: 120px; }
.card b { display: block; font-size: 1.5em; font-variant-numeric: tabular-nums; }
.bar { background: #eee; height: 14px; width: 160px; display: inline-block; vertical-align: middle; }
.bar span { background: #3a7d44; height: 14px; display: block; }
.names a, td.who a { white-space: nowrap; } .names { overflow-wrap: anywhere; }
summary.msg { font-weight: normal; }
details { margin: .4em 0; } summary { cursor: pointer; font-weight: 600; padding: .2em 0; }
table.matrix { width: auto; }
table.matrix td.cell, table.matrix th.cell { text-align: center; width: 2.2em; padding: .2em; font-weight: 600; }
.pass { background: #dff0e0; color: #24622c; } .fail { background: #f9d9d4; color: #8a1c0e; }
.hung { background: #ffe2b3; color: #7a4a00; } .slow { background: #fff0c2; color: #6b5500; }
.todo { background: #f2f2f2; color: #999; } .grader-error { background: #e6dcf5; color: #4a2a7a; }
.unjudged { background: #eef1f4; color: #555; }
tr.noted td { background: #fff8f6; }
.none { color: #bbb; }
.status { white-space: nowrap; padding: 0 .4em; border-radius: 3px; font-size: .9em; }
.status.graded { background: #e8f1fb; } .status.not-started { background: #f2f2f2; color: #666; }
.status.stopped, .status.failed, .status.unreadable { background: #f9d9d4; color: #8a1c0e; }
td.lesson-cell.complete { color: #24622c; } td.lesson-cell.hung { color: #7a4a00; font-weight: 600; }
td.lesson-cell.not-started { color: #aaa; }
ul.checks { margin: .5em 0 1em; padding: 0; list-style: none; } ul.checks li { margin: .2em 0; }
.legend span { display: inline-block; padding: 0 .4em; margin-right: .5em; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
"""
CELL = {  # a check's outcome in the who-failed-what table: its class, its mark, what the mark means
    "pass": ("pass", "✓", "passed"),
    "fail": ("fail", "✗", "failed"),
    "hung": ("hung", "H", "hung: still running at its limit, so stopped"),
    "slow": ("slow", "S", "too slow"),
    "todo": ("todo", "·", "not started (not implemented yet, or no file)"),
    "error": ("grader-error", "!", "the grader failed on it (not the student's mistake)"),
    "unjudged": ("unjudged", "?", "not judged on this system (it needs Linux's kernel view)"),
}
FAILED = ("fail", "hung", "slow")  # the student's failures (not a grader error, not a check not judged here)
STATUS_TEXT = {
    "graded": "graded",
    "not-started": "not started",
    "stopped": "stopped (hung)",
    "unreadable": "unreadable",
    "failed": "grader failed",
}


def _e(value: object) -> str:
    return untrusted.html(value)  # control characters made visible, then escaped


def _shape(message: str) -> str:
    """A message's first line with its numbers blurred: the same mistake on other ports reads the same."""
    return re.sub(r"\d+", "N", message.split("\n", 1)[0]).strip()


def _results(out: Path, row: dict) -> dict | None:
    path = out / row["id"] / "results.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (OSError, ValueError):
        return None


def kind(record: result.CheckResult) -> str:
    """What one check's outcome was, in the report's terms (CELL's keys)."""
    outcome = record["outcome"]
    if outcome in result.PASSING:
        return "pass"
    if outcome == "not-implemented" or record["template"] == "MISSING_MODULE":
        return "todo"
    if outcome == result.NOT_JUDGED:
        return "unjudged"
    return {"timeout": "hung", "slow": "slow", "error": "error"}.get(outcome, "fail")


def lesson_state(records: list[dict]) -> str:
    """complete, hung (some check hung), not-started (nothing attempted), or partial."""
    kinds = {kind(record) for record in records}
    if kinds <= {"pass"}:
        return "complete"
    if kinds <= {"todo"}:
        return "not-started"
    return "hung" if "hung" in kinds else "partial"


@dataclass
class Student:
    row: dict
    by_lesson: dict[str, list[dict]] = field(default_factory=dict)  # lesson -> its check records

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def status(self) -> str:
        if self.row.get("status"):
            return self.row["status"]
        return "graded" if self.by_lesson else "failed"

    def attempted(self, lesson: str) -> bool:
        return lesson_state(self.by_lesson.get(lesson, [])) != "not-started" if lesson in self.by_lesson else False


@dataclass
class Mistake:
    lesson: str
    keys: list[str]  # the message templates (or the messages' shapes when they have none)
    students: set[str] = field(default_factory=set)
    checks: Counter = field(default_factory=Counter)  # check title -> students
    examples: list[Counter] = field(default_factory=list)  # per key: first line -> times seen


def _students(rows: list[dict], out: Path) -> list[Student]:
    students = []
    for row in rows:
        student = Student(row)
        for record in result.checks(_results(out, row)):
            student.by_lesson.setdefault(record["lesson"], []).append(record)
        students.append(student)
    # Best first: points, then the id, so a tie reads in a stable order.
    students.sort(key=lambda s: (-_int(s.row.get("points")), s.id))
    return students


def _int(value: object) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def _mistakes(students: list[Student]) -> list[Mistake]:
    """The mistakes, most students first. Messages that the very same students got in the same lesson are one
    row: one bug that fails several checks (recv() called once fails four of lesson 3's) reads as one mistake."""
    found: dict[tuple[str, str], Mistake] = {}
    for student in students:
        for lesson, records in student.by_lesson.items():
            if not student.attempted(lesson):
                continue
            for record in records:
                if kind(record) not in FAILED:  # passed, not started, the grader's error, not judged here
                    continue
                message = str(record["message"])
                key = str(record["template"] or _shape(message))
                mistake = found.setdefault((lesson, key), Mistake(lesson, [key], examples=[Counter()]))
                mistake.students.add(student.id)
                mistake.checks[str(record["title"])] += 1
                mistake.examples[0][message.split("\n", 1)[0]] += 1
    merged: dict[tuple[str, frozenset], Mistake] = {}
    for mistake in sorted(found.values(), key=lambda m: (-sum(m.checks.values()), m.keys)):
        same = merged.setdefault((mistake.lesson, frozenset(mistake.students)), mistake)
        if same is not mistake:
            same.keys += mistake.keys
            same.examples += mistake.examples
            same.checks.update(mistake.checks)
    return sorted(merged.values(), key=lambda m: (-len(m.students), m.lesson, m.keys))


def _link(student_id: str) -> str:
    return f'<a href="{_e(quote(student_id))}/feedback.md">{_e(student_id)}</a>'


def _histogram(points: list[int], maximum: int) -> str:
    counts = Counter(points)
    bins = list(range(0, maximum + 1))
    tallest = max(counts.values(), default=1)
    width = max(8, min(28, 1100 // max(len(bins), 1)))
    chart_h = 120
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * len(bins) + 40}" height="{chart_h + 40}" '
             f'role="img" aria-label="Submissions per number of points">']
    for index, value in enumerate(bins):
        count = counts.get(value, 0)
        h = chart_h * count / tallest
        x = 30 + index * width
        parts.append(f'<rect class="bin" data-points="{value}" data-count="{count}" x="{x}" '
                     f'y="{10 + chart_h - h:.1f}" width="{width - 2}" height="{h:.1f}" fill="#4a6fa5">'
                     f'<title>{count} submission(s) with {value} point(s)</title></rect>')
        if len(bins) <= 20 or value % 5 == 0 or value == maximum:
            parts.append(f'<text x="{x}" y="{chart_h + 26}">{value}</text>')
    parts.append(f'<text x="0" y="20">{tallest}</text><text x="0" y="{chart_h + 10}">0</text></svg>')
    return "".join(parts)


def _cards(students: list[Student], maximum: int) -> str:
    statuses = Counter(student.status for student in students)
    graded = [_int(s.row.get("points")) for s in students if s.status in ("graded", "not-started")]
    median = sorted(graded)[len(graded) // 2] if graded else 0
    full = sum(1 for s in students if s.status == "graded" and _int(s.row.get("points")) == maximum > 0)
    cards = [("graded", statuses["graded"] + statuses["not-started"], "graded"),
             ("median", f"{median}/{maximum}", "median points"),
             ("full", full, "full marks"),
             ("not-started", statuses["not-started"], "started nothing"),
             ("stopped", statuses["stopped"], "stopped at --timeout (hung)"),
             ("problems", statuses["unreadable"] + statuses["failed"], "unreadable or not graded")]
    return '<div class="cards">' + "".join(
        f'<div class="card" data-card="{name}" data-value="{_e(value)}"><b>{_e(value)}</b>{_e(label)}</div>'
        for name, value, label in cards) + "</div>"


def _lessons_table(students: list[Student], lessons: list[str], titles: dict[str, str]) -> str:
    body = ['<table class="lessons"><tr><th>lesson</th><th class="num">attempted</th><th class="num">complete</th>'
            '<th class="num">not started</th><th class="num">hung in it</th>'
            '<th class="num">checks passed</th><th>by those who attempted it</th></tr>']
    for lesson in lessons:
        graded = [s for s in students if lesson in s.by_lesson]
        attempted = [s for s in graded if s.attempted(lesson)]
        states = Counter(lesson_state(s.by_lesson[lesson]) for s in graded)
        passed = sum(kind(r) == "pass" for s in graded for r in s.by_lesson[lesson])
        total = sum(len(s.by_lesson[lesson]) for s in graded)
        tried_passed = sum(kind(r) == "pass" for s in attempted for r in s.by_lesson[lesson])
        tried_total = sum(len(s.by_lesson[lesson]) for s in attempted)
        share = tried_passed / tried_total if tried_total else 0
        body.append(
            f'<tr class="lesson" data-lesson="{_e(lesson)}" data-passed="{passed}" data-total="{total}" '
            f'data-complete="{states["complete"]}" data-graded="{len(graded)}" data-attempted="{len(attempted)}" '
            f'data-not-started="{states["not-started"]}" data-hung="{states["hung"]}">'
            f'<td>{_e(titles.get(lesson, lesson))} <span class="muted small">{_e(lesson)}</span></td>'
            f'<td class="num">{len(attempted)}/{len(graded)}</td><td class="num">{states["complete"]}</td>'
            f'<td class="num">{states["not-started"]}</td><td class="num">{states["hung"]}</td>'
            f'<td class="num">{passed}/{total}</td>'
            f'<td><span class="bar" title="{share:.0%}"><span style="width:{share * 100:.1f}%"></span></span> '
            f'{tried_passed}/{tried_total}, {share:.0%}</td></tr>')  # its own fraction: the share is of these
    body.append("</table>")
    return "".join(body)


def _mistakes_section(mistakes: list[Mistake], titles: dict[str, str]) -> str:
    if not mistakes:
        return "<p>No mistakes: every submission that attempted a lesson passed every check of it.</p>"

    def row(mistake: Mistake) -> str:
        lines = [counter.most_common(1)[0][0] for counter in mistake.examples]
        shown = "".join('<div class="msg">' + _e(line[:EXAMPLE_LIMIT] + ("…" if len(line) > EXAMPLE_LIMIT else ""))
                        + "</div>" for line in lines[:3])
        if len(lines) > 3:
            shown += f'<div class="muted small">and {len(lines) - 3} more message(s)</div>'
        checks = ", ".join(f"{_e(title)}" + (f" ({count})" if len(mistake.checks) > 1 else "")
                           for title, count in mistake.checks.most_common())
        names = ", ".join(_link(student) for student in sorted(mistake.students))
        return (f'<tr class="mistake" data-lesson="{_e(mistake.lesson)}" data-keys="{_e(" ".join(mistake.keys))}" '
                f'data-count="{len(mistake.students)}" data-students="{_e(" ".join(sorted(mistake.students)))}">'
                f'<td class="num">{len(mistake.students)}</td>'
                f'<td>{_e(titles.get(mistake.lesson, mistake.lesson))}</td>'
                f'<td>{shown}<div class="muted small">failed: {checks}</div></td>'
                f'<td class="names small">{names}</td></tr>')

    head = ('<table class="mistakes"><colgroup><col style="width:4em"><col style="width:13em"><col>'
            '<col style="width:22%"></colgroup><tr><th class="num">students</th><th>lesson</th>'
            "<th>the mistake (its messages' first lines) and the checks it failed</th><th>who</th></tr>")
    parts = [head, *map(row, mistakes[:MISTAKES_SHOWN]), "</table>"]
    if len(mistakes) > MISTAKES_SHOWN:
        parts += [f"<details><summary>{len(mistakes) - MISTAKES_SHOWN} more</summary>", head,
                  *map(row, mistakes[MISTAKES_SHOWN:]), "</table></details>"]
    return "".join(parts)


def _matrix_section(students: list[Student], lessons: list[str], titles: dict[str, str]) -> str:
    numbers = {lesson.id: lesson.number for lesson in course.lessons()}
    legend = ('<p class="legend small">' + "".join(f'<span class="key {cls}">{mark}</span>{_e(meaning)} &nbsp; '
                                                   for cls, mark, meaning in CELL.values()) + "</p>")
    parts = [legend]
    for lesson in lessons:
        graded = [s for s in students if lesson in s.by_lesson]
        attempted = [s for s in graded if s.attempted(lesson)]
        checks: list[tuple[str, str]] = []  # (check, title) in grading order
        for student in graded:
            for record in student.by_lesson[lesson]:
                if (record.get("check"), record.get("title")) not in checks:
                    checks.append((record.get("check"), record.get("title", record.get("check"))))
        failing = {check: [s.id for s in attempted if any(
            r.get("check") == check and kind(r) in FAILED for r in s.by_lesson[lesson])]
            for check, _ in checks}
        failed_any = sum(1 for s in attempted if any(kind(r) in FAILED for r in s.by_lesson[lesson]))
        number = numbers.get(lesson, 0)
        complete = [s for s in attempted if lesson_state(s.by_lesson[lesson]) == "complete"]
        summary = (f"{_e(titles.get(lesson, lesson))}: {len(attempted)} of {len(graded)} attempted it, "
                   f"{len(complete)} passed every check, {failed_any} failed a check")
        parts.append(f'<details class="lesson-matrix" data-lesson="{_e(lesson)}"{" open" if failed_any else ""}>'
                     f"<summary>{summary}</summary>")
        if not attempted:
            parts.append("<p class=\"muted\">Nobody attempted this lesson.</p></details>")
            continue
        unfinished = [s for s in attempted if s not in complete]  # who passed everything is not listed
        head = "".join(f'<th class="cell" title="{_e(title)}">{number}.{index}</th>'
                       for index, (_, title) in enumerate(checks, 1))
        if complete:
            parts.append(f'<p class="small muted">Passed every check ({len(complete)}, not listed below): '
                         + ", ".join(_link(s.id) for s in complete) + "</p>")
        if not unfinished:
            parts.append("</details>")
            continue
        parts.append(f'<table class="matrix"><tr><th>student</th>{head}<th class="num">passed</th></tr>')
        for student in unfinished:
            by_check = {r.get("check"): r for r in student.by_lesson[lesson]}
            cells = []
            for check, title in checks:
                record = by_check.get(check)
                if record is None:
                    cells.append('<td class="cell none">–</td>')
                    continue
                cls, mark, meaning = CELL[kind(record)]
                tip = f"{title}: {meaning}"
                first = str(record.get("message", "")).split("\n", 1)[0]
                if cls != "pass" and first:
                    tip += f" — {first[:EXAMPLE_LIMIT]}"
                cells.append(f'<td class="cell {cls}" data-id="{_e(student.id)}" data-check="{_e(check)}" '
                             f'data-kind="{cls}" title="{_e(tip)}">{mark}</td>')
            passed = sum(kind(r) == "pass" for r in student.by_lesson[lesson])
            parts.append(f"<tr><td class=\"who\">{_link(student.id)}</td>{''.join(cells)}"
                         f'<td class="num">{passed}/{len(student.by_lesson[lesson])}</td></tr>')
        parts.append("</table><ul class=\"checks\">")
        for index, (check, title) in enumerate(checks, 1):
            names = failing[check]
            who = (f"failed by {len(names)}: " + ", ".join(_link(name) for name in names)) if names else "nobody failed it"
            parts.append(f'<li class="check" data-lesson="{_e(lesson)}" data-check="{_e(check)}" '
                         f'data-failed="{_e(" ".join(names))}"><b>{number}.{index}</b> {_e(title)} — '
                         f'<span class="names small">{who}</span></li>')
        parts.append("</ul></details>")
    return "".join(parts)


def _submissions_table(students: list[Student], lessons: list[str], isolation_varies: bool) -> str:
    numbers = {lesson.id: lesson.number for lesson in course.lessons()}
    head = "".join(f'<th class="num" title="{_e(lesson)}">L{numbers.get(lesson, "?")}</th>' for lesson in lessons)
    parts = ['<table class="submissions"><tr><th>id</th><th>status</th>', head,
             '<th class="num">points</th>', "<th>isolation</th>" if isolation_varies else "",
             "<th>notes (the error column of grades.csv)</th></tr>"]
    for student in students:
        row = student.row
        cells = []
        for lesson in lessons:
            records = student.by_lesson.get(lesson)
            text = row.get(lesson, "")
            state = lesson_state(records) if records else "none"
            label = {"not-started": "–", "hung": f"{text} H"}.get(state, text)
            cells.append(f'<td class="num lesson-cell {state}" data-lesson="{_e(lesson)}" data-state="{state}" '
                         f'title="{_e(lesson)}: {_e(text)} {state}">{_e(label)}</td>')
        note = str(row.get("error", ""))
        if len(note) > NOTE_LIMIT:
            note_html = (f'<details><summary class="msg">{_e(note[:NOTE_LIMIT])}…</summary>'
                         f'<div class="msg">{_e(note)}</div></details>')
        else:
            note_html = f'<div class="msg">{_e(note)}</div>'
        status = student.status
        parts.append(
            f'<tr class="submission{" noted" if row.get("error") else ""}" data-id="{_e(student.id)}" '
            f'data-points="{_e(row.get("points", ""))}" data-total="{_e(row.get("total", ""))}" '
            f'data-status="{_e(status)}"><td class="who">{_link(student.id)}</td>'
            f'<td><span class="status {_e(status)}">{_e(STATUS_TEXT.get(status, status))}</span></td>'
            f'{"".join(cells)}<td class="num">{_e(row.get("points", ""))}/{_e(row.get("total", ""))}</td>'
            + (f'<td>{_e(row.get("isolation", ""))}</td>' if isolation_varies else "")
            + f"<td>{note_html}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


def render(rows: list[dict], lessons: list[str], out: Path, identical: list[tuple[str, list[str]]] = ()) -> str:
    titles = {lesson.id: f"{lesson.number}. {lesson.title}" for lesson in course.lessons()}
    students = _students(rows, out)
    maximum = max((_int(row.get("total")) for row in rows), default=0)
    isolations = sorted({row["isolation"] for row in rows if row.get("isolation")})
    graded_points = [_int(s.row.get("points")) for s in students if s.by_lesson]
    body = [f"<h1>Class report: {len(rows)} submission(s)</h1>",
            f'<p class="muted">Lessons: {_e(", ".join(lessons))}. Isolation: {_e(", ".join(isolations) or "none graded")}. '
            f'Grader: {_e(rows[0].get("grader_version", "unknown") if rows else "unknown")}. Each id links to the '
            "feedback the student would see (feedback.md).</p>",
            _cards(students, maximum),
            "<h2>Lessons</h2>",
            '<p class="muted small">"Attempted": at least one check got past "not implemented yet" (or a missing '
            'file). "Hung in it": a check was still running at its limit and was stopped.</p>',
            _lessons_table(students, lessons, titles),
            "<h2>The commonest mistakes</h2>",
            '<p class="muted small">Among the submissions that attempted the lesson, counted once per student. The '
            "messages that the very same students got in a lesson make one row: one bug that fails several checks. "
            "Unstarted lessons are not mistakes: see \"not started\" above.</p>",
            _mistakes_section(_mistakes(students), titles),
            "<h2>Who failed which check</h2>",
            '<p class="muted small">One table per lesson, for the students who attempted it, best first; hover a '
            "cell for the check and its message. Under each table, every check with the students who failed it."
            "</p>",
            _matrix_section(students, lessons, titles),
            f"<h2>Points ({len(graded_points)} graded submission(s), out of {maximum})</h2>",
            _histogram(graded_points, maximum),
            "<h2>Submissions, best first</h2>",
            '<p class="muted small">' + "; ".join(f"L{titles[lesson].split('.')[0]} = {_e(titles[lesson])}"
                                                   for lesson in lessons if lesson in titles)
            + '. – not started; H: a check hung in that lesson (see who failed which check).</p>',
            _submissions_table(students, lessons, len(isolations) > 1)]
    if identical:  # the same bytes in several submissions: for the instructor to look at, not a verdict
        body += ["<h2>Identical lesson files</h2>",
                 '<p class="muted small">The same file, byte for byte, in several submissions of this run (the '
                 "lesson's stub aside). Not proof of copying: look at them.</p>",
                 "<ul>" + "".join(f"<li>{_e(lesson)}.py: {_e(', '.join(ids))}</li>" for lesson, ids in identical)
                 + "</ul>"]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>Class report</title><style>{STYLE}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
