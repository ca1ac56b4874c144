"""Results in the formats instructors' platforms read: one result model, small adapters.

The model is `result.Results`, the dict `--json` writes (graders/engine/result.py):
the totals, the isolation level, and one `result.CheckResult` per check
(lesson, check, title, outcome, message, timeline, duration, points, earned,
template), read through `result.checks`. Each adapter turns it into one
platform's file; nothing here grades or re-judges anything.

    --report json:FILE          the model itself (the same as --json FILE)
    --report gradescope:FILE    Gradescope's results.json (autograder_samples docs/specs.md)
    --report prairielearn:FILE  PrairieLearn's external grader results.json (docs/externalGrading.md)
    --report junit:FILE         JUnit XML (testsuites/testsuite/testcase), for CodeGrade, GitLab, Jenkins
    --report csv:FILE           one row per check, for a spreadsheet

Every file is written whole or not at all (a temporary file, then a rename):
a platform never reads half a report.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from graders import course
from graders.engine import result, untrusted
from graders.engine.result import NOT_JUDGED, PASSING
from graders.text import messages

# NOT_JUDGED: a check this system could not observe (not Linux): no points, never "passed"; JUnit calls it skipped,
# with the reason, and every summary counts it apart with the way to the full verdict (messages.NOT_JUDGED_LINE).
PRAIRIELEARN_LIMIT = 1_000_000  # PrairieLearn rejects a results.json over 1 MB


def isolation(results: dict) -> str:
    """The isolation level the run had; results from before it was recorded had none."""
    return results.get("isolation", "basic")


def check_text(record: result.CheckResult) -> str:
    """What the student's report says about one check: the message, then the timeline."""
    lines = [record["message"]] if record["message"] else []
    if record["timeline"]:
        lines.append(messages.ON_THE_WIRE)
        lines += ["    " + line for line in record["timeline"]]
    return "\n".join(lines)


def _numbers(results: dict) -> dict[str, str]:
    """Each check's number as lesson.check (1.1, 1.2, ..., 2.1), in grading order."""
    order = {lesson.id: lesson.number for lesson in course.lessons()}
    numbers, seen = {}, {}
    for record in result.checks(results):
        lesson = record["lesson"]
        seen[lesson] = seen.get(lesson, 0) + 1
        numbers[f"{lesson}/{record['check']}"] = f"{order.get(lesson, 0)}.{seen[lesson]}"
    return numbers


def _summary(results: dict) -> str:
    summary = messages.REPORT_SUMMARY.format(
        passed=results.get("passed", 0), total=results.get("total", 0),
        points=results.get("points", 0), max_points=results.get("max_points", 0))
    unjudged = result.not_judged(result.checks(results))
    if not unjudged:
        return summary
    return summary + "\n" + messages.NOT_JUDGED_LINE.format(checks=messages.counted(messages.CHECKS, unjudged))


def to_json(results: dict) -> str:
    return json.dumps(untrusted.clean_model(results), indent=2, ensure_ascii=False) + "\n"


def to_gradescope(results: dict) -> str:
    """Gradescope: one test per check, scored by its points; the sum is the score."""
    results = untrusted.clean_model(results)
    numbers = _numbers(results)
    tests = []
    for record in result.checks(results):
        tests.append({
            "name": f"{record['lesson']}: {record['title']}",
            "number": numbers[f"{record['lesson']}/{record['check']}"],
            "score": record["earned"],
            "max_score": record["points"],
            "status": "passed" if record["outcome"] in PASSING else "failed",
            "output": check_text(record),
            "output_format": "text",
            "visibility": "visible",
            "tags": [record["lesson"]],
        })
    document = {
        "score": results.get("points", 0),
        "execution_time": round(sum(r["duration"] for r in result.checks(results))),
        "output": _summary(results),
        "output_format": "text",
        "test_output_format": "text",
        "stdout_visibility": "hidden",
        "visibility": "visible",
        "tests": tests,
        "extra_data": {"isolation": isolation(results)},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_prairielearn(results: dict) -> str:
    """PrairieLearn: score from 0 to 1, one test per check; cut to fit its 1 MB limit."""
    results = untrusted.clean_model(results)
    max_points = results.get("max_points", 0)
    tests = [{
        "name": f"{record['lesson']}: {record['title']}",
        "description": record["check"],
        "points": record["earned"],
        "max_points": record["points"],
        "message": record["message"].split("\n", 1)[0],
        "output": check_text(record),
    } for record in result.checks(results)]
    document = {
        "gradable": True,
        "score": (results.get("points", 0) / max_points) if max_points else 0.0,
        "message": _summary(results),
        "output": messages.ISOLATION_LINE.format(level=isolation(results),
                                                 what=messages.ISOLATION_WHAT.get(isolation(results), "")),
        "tests": tests,
    }
    text = json.dumps(document, ensure_ascii=False)
    room = PRAIRIELEARN_LIMIT - len(json.dumps({**document, "tests": []}, ensure_ascii=False).encode())
    share = room // (2 * len(tests) or 1)  # each text of each test gets an equal share of what is left
    while len(text.encode()) > PRAIRIELEARN_LIMIT and share > 100:
        share //= 2  # JSON escapes make the text longer than its share: halve until it fits
        for test in tests:
            for key in ("output", "message"):
                if len(test[key].encode()) > share:
                    test[key] = test[key].encode()[:share].decode(errors="ignore") + "\n" + messages.REPORT_CUT
        text = json.dumps(document, ensure_ascii=False)
    return text + "\n"


def to_junit(results: dict) -> str:
    """JUnit XML: a testsuite per lesson, a testcase per check, named as the student reads it.

    No character that XML 1.0 forbids is written (`untrusted.clean` escapes them): one NUL printed by a
    student makes the whole file unreadable to GitLab.
    """
    results = untrusted.clean_model(results)
    suites: dict[str, list[result.CheckResult]] = {}
    for record in result.checks(results):
        suites.setdefault(record["lesson"], []).append(record)
    root = ET.Element("testsuites", name="tcp-socket-course")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "time": 0.0}
    for lesson, records in suites.items():
        counts = {
            "tests": len(records),
            "failures": sum(r["outcome"] not in (*PASSING, "error", NOT_JUDGED) for r in records),
            "errors": sum(r["outcome"] == "error" for r in records),
            "skipped": sum(r["outcome"] in ("skipped", NOT_JUDGED) for r in records),
            "time": sum(r["duration"] for r in records),
        }
        for key, value in counts.items():
            totals[key] += value
        # The attributes Ant's JUnit schema requires (id, package, hostname, a timestamp without zone).
        suite = ET.SubElement(root, "testsuite", name=lesson, id=str(len(root.findall("testsuite"))), package="tcp-socket-course",
                              hostname=results.get("host") or "localhost",
                              timestamp=results.get("finished", "")[:19] or "1970-01-01T00:00:00",
                              **{key: f"{value:.3f}" if key == "time" else str(value) for key, value in counts.items()})
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="isolation", value=isolation(results))
        for record in records:
            case = ET.SubElement(suite, "testcase", classname=lesson, name=record["title"],
                                 time=f"{record['duration']:.3f}")
            first_line = record["message"].split("\n", 1)[0]
            if record["outcome"] in ("skipped", NOT_JUDGED):
                ET.SubElement(case, "skipped", message=first_line)
            elif record["outcome"] == "error":
                ET.SubElement(case, "error", message=first_line, type="error").text = check_text(record)
            elif record["outcome"] not in PASSING:
                ET.SubElement(case, "failure", message=first_line, type=record["outcome"]).text = check_text(record)
        ET.SubElement(suite, "system-out")
        ET.SubElement(suite, "system-err")
    for key, value in totals.items():
        root.set(key, f"{value:.3f}" if key == "time" else str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


CSV_FIELDS = ["lesson", "check", "title", "outcome", "earned", "points", "duration", "isolation", "message"]


def to_csv(results: dict) -> str:
    """One row per check; the message whole (the csv module quotes its newlines)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in result.checks(results):
        row = {**{key: record.get(key, "") for key in CSV_FIELDS}, "isolation": isolation(results)}
        writer.writerow({key: untrusted.csv_cell(value) for key, value in row.items()})
    return out.getvalue()


ADAPTERS: dict[str, Callable[[dict], str]] = {
    "json": to_json,
    "gradescope": to_gradescope,
    "prairielearn": to_prairielearn,
    "junit": to_junit,
    "csv": to_csv,
}


def parse_spec(spec: str) -> tuple[str, str]:
    """`FORMAT:FILE` -> (format, file); a clear message for anything else (argparse shows it)."""
    fmt, sep, path = spec.partition(":")
    if not sep or fmt not in ADAPTERS or not path:
        raise argparse.ArgumentTypeError(
            f"--report {spec!r}: expected FORMAT:FILE with FORMAT one of {', '.join(ADAPTERS)} "
            f"(for example --report junit:results.xml)")
    return fmt, path


def write_file(path: Path, text: str) -> None:
    """Write whole or not at all: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a report is for other people and tools to read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(results: dict, specs: list[tuple[str, str]] | None) -> None:
    """Write every requested report (the plugin calls this once, at the end of a run)."""
    for fmt, path in specs or []:
        write_file(Path(path), ADAPTERS[fmt](results))
