"""The class at a glance: one self-contained HTML page from grade-class's rows and results.

Plain HTML, a little CSS and inline SVG: no script, no font, no image, no
fetch of any kind, so it opens the same from a laptop, a shared drive or an
LMS upload. Every number on the page carries a data- attribute, so a test
can read them back from a real browser's DOM and compare them to grades.csv.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from graders import course, reports, untrusted

BAR_WIDTH = 420
MOST_FAILED = 10
STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 64em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25em .6em; border-bottom: 1px solid #ddd; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.error td { background: #fff3f0; }
.msg { font-family: ui-monospace, monospace; font-size: .9em; white-space: pre-wrap; }
.muted { color: #666; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
"""


def _e(value: object) -> str:
    return untrusted.html(value)  # control characters made visible, then escaped


def _shape(message: str) -> str:
    """A message's first line with its numbers blurred: the same mistake on other ports reads the same."""
    return re.sub(r"\d+", "N", message.split("\n", 1)[0]).strip()


def _results(out: Path, row: dict) -> dict | None:
    path = out / row["id"] / "results.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    except ValueError:
        return None


def _pass_rates(rows: list[dict], lessons: list[str]) -> dict[str, tuple[int, int, int, int]]:
    """Per lesson: checks passed, checks graded, submissions complete, submissions graded."""
    rates = {}
    for lesson in lessons:
        passed = total = complete = graded = 0
        for row in rows:
            if not row.get(lesson):
                continue
            got, out_of = (int(n) for n in row[lesson].split("/"))
            passed, total, graded = passed + got, total + out_of, graded + 1
            complete += got == out_of
        rates[lesson] = (passed, total, complete, graded)
    return rates


def _bars(rates: dict[str, tuple[int, int, int, int]]) -> str:
    titles = {lesson.id: f"{lesson.number}. {lesson.title}" for lesson in course.lessons()}
    height = 26 * len(rates) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{BAR_WIDTH + 330}" height="{height}" '
             f'role="img" aria-label="Checks passed per lesson">']
    for index, (lesson, (passed, total, _, _)) in enumerate(rates.items()):
        y = 5 + 26 * index
        share = passed / total if total else 0
        parts.append(f'<text x="0" y="{y + 15}">{_e(titles.get(lesson, lesson))}</text>')
        parts.append(f'<rect x="260" y="{y}" width="{BAR_WIDTH}" height="20" fill="#eee"/>')
        parts.append(f'<rect class="rate" data-lesson="{_e(lesson)}" x="260" y="{y}" '
                     f'width="{share * BAR_WIDTH:.1f}" height="20" fill="#3a7d44"/>')
        parts.append(f'<text x="{260 + BAR_WIDTH + 8}" y="{y + 15}">{share:.0%}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _histogram(points: list[int], maximum: int) -> str:
    counts = Counter(points)
    bins = list(range(0, maximum + 1))
    tallest = max(counts.values(), default=1)
    width = max(8, min(28, 700 // max(len(bins), 1)))
    chart_h = 140
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


def render(rows: list[dict], lessons: list[str], out: Path) -> str:
    rates = _pass_rates(rows, lessons)
    failures: Counter = Counter()
    shapes: dict[tuple[str, str], Counter] = {}
    examples: dict[tuple[str, str, str], str] = {}
    titles: dict[tuple[str, str], str] = {}
    for row in rows:
        for record in (_results(out, row) or {}).get("checks", []):
            if record.get("outcome") in reports.PASSING:
                continue
            key = (record["lesson"], record["check"])
            failures[key] += 1
            titles[key] = record.get("title", record["check"])
            shape = _shape(record.get("message", ""))
            shapes.setdefault(key, Counter())[shape] += 1
            examples.setdefault((*key, shape), record.get("message", "").split("\n", 1)[0])
    maximum = max((int(row["total"] or 0) for row in rows), default=0)
    graded_points = [int(row["points"]) for row in rows if any(row.get(lesson) for lesson in lessons)]
    body = [f"<h1>Class report: {len(rows)} submission(s)</h1>",
            f'<p class="muted">Lessons: {_e(", ".join(lessons))}. Isolation: '
            f'{_e(", ".join(sorted({row["isolation"] for row in rows if row["isolation"]})) or "none graded")}. '
            f'Grader: {_e(rows[0]["grader_version"] if rows else "unknown")}.</p>',
            "<h2>Checks passed, per lesson</h2>", _bars(rates), "<table><tr><th>lesson</th>"
            '<th class="num">checks passed</th><th class="num">submissions complete</th></tr>']
    for lesson, (passed, total, complete, graded) in rates.items():
        body.append(f'<tr class="lesson" data-lesson="{_e(lesson)}" data-passed="{passed}" data-total="{total}" '
                    f'data-complete="{complete}" data-graded="{graded}"><td>{_e(lesson)}</td>'
                    f'<td class="num">{passed}/{total}</td><td class="num">{complete}/{graded}</td></tr>')
    body.append("</table>")
    body.append(f"<h2>Points ({len(graded_points)} graded submission(s), out of {maximum})</h2>")
    body.append(_histogram(graded_points, maximum))
    body.append("<h2>The checks failed most often</h2>")
    if failures:
        body.append('<table><tr><th class="num">failed by</th><th>lesson</th><th>check</th>'
                    "<th>its most common message</th></tr>")
        for (lesson, check), count in failures.most_common(MOST_FAILED):
            shape, _ = shapes[(lesson, check)].most_common(1)[0]
            body.append(f'<tr class="failed" data-lesson="{_e(lesson)}" data-check="{_e(check)}" '
                        f'data-count="{count}"><td class="num">{count}</td><td>{_e(lesson)}</td>'
                        f'<td>{_e(titles[(lesson, check)])}</td>'
                        f'<td class="msg">{_e(examples[(lesson, check, shape)])}</td></tr>')
        body.append("</table>")
    else:
        body.append("<p>No check failed.</p>")
    body.append("<h2>Submissions</h2><table><tr><th>id</th>"
                + "".join(f'<th class="num">{_e(lesson)}</th>' for lesson in lessons)
                + '<th class="num">points</th><th>isolation</th><th>error</th></tr>')
    for row in rows:
        cells = "".join(f'<td class="num" data-lesson="{_e(lesson)}">{_e(row.get(lesson, ""))}</td>'
                        for lesson in lessons)
        body.append(f'<tr class="submission{" error" if row["error"] else ""}" data-id="{_e(row["id"])}" '
                    f'data-points="{_e(row["points"])}" data-total="{_e(row["total"])}">'
                    f'<td><a href="{_e(quote(row["id"]))}/feedback.md">{_e(row["id"])}</a></td>{cells}'
                    f'<td class="num">{_e(row["points"])}/{_e(row["total"])}</td><td>{_e(row["isolation"])}</td>'
                    f'<td class="msg">{_e(row["error"])}</td></tr>')
    body.append("</table>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>Class report</title><style>{STYLE}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
