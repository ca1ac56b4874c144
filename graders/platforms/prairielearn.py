"""PrairieLearn: grade one submission inside an external grader container.

    python3 -m graders.platforms.prairielearn [--root /grade] [--allow-unisolated]

PrairieLearn (docs/externalGrading.md) puts the student's files in
/grade/student and reads /grade/results/results.json, which the grader must
write itself: here it is always written, a score of 0 and a message when
no grade could be given. The lesson files are found by name anywhere in the
student's files, copied fresh, and graded with the same graders as
everywhere else; the file is the `prairielearn` report (graders/platforms/reports.py).

The image is built by prairielearn/Dockerfile and started with
prairielearn/grade.sh; prairielearn/questions/ holds an example question. A
question may grade only some lessons: `"lessons": ["client_flow"]` in its
params (data.json, written by the question's server.py); by default, every
lesson of the course.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from graders import course
from graders.platforms import grade_class, reports
from graders.text import messages

GRADING_BOUND = 480.0  # seconds; set the question's externalGradingOptions.timeout above it


def failure(reason: str) -> dict:
    """No grade: `gradable` false, so PrairieLearn does not count it as the student's attempt."""
    return {"gradable": False, "score": 0.0, "message": messages.AUTOGRADER_FAILED.format(reason=reason), "tests": []}


def lessons_asked(root: Path) -> list[str]:
    """The lessons this question grades: data.json's params.lessons if it names known ones, else all."""
    known = [lesson.id for lesson in course.lessons()]
    try:
        data = json.loads((root / "data" / "data.json").read_text(encoding="utf-8"))
        asked = data.get("params", {}).get("lessons") if isinstance(data, dict) else None
    except (OSError, ValueError, AttributeError):
        asked = None
    if isinstance(asked, list) and asked and set(asked) <= set(known):
        return [lesson for lesson in known if lesson in asked]
    return known


def run(root: Path, allow_unisolated: bool, bound: float) -> dict:
    """Grade root/student; write and return root/results/results.json."""
    try:
        lessons = lessons_asked(root)
        submission = grade_class.read_folder(root / "student", lessons)
        level = grade_class.probe()
        if level == "basic" and not allow_unisolated:
            document = failure(messages.PRAIRIELEARN_UNISOLATED)
        else:
            outcome = grade_class.Grader(sys.executable, bound).grade(submission.files, lessons)
            print(outcome.feedback)
            if outcome.error or outcome.results is None:
                document = failure(outcome.error or "the grader wrote no results")
            else:
                document = json.loads(reports.to_prairielearn(outcome.results))
                if submission.notes:
                    document["message"] += "\n" + "\n".join(submission.notes)
    except BaseException as error:  # noqa: B036  (even an interrupt must leave a results.json)
        traceback.print_exc()
        document = failure(f"{type(error).__name__}: {error}")
    reports.write_file(root / "results" / "results.json", json.dumps(document, ensure_ascii=False) + "\n")
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m graders.platforms.prairielearn", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("/grade"), help="PrairieLearn's /grade folder")
    parser.add_argument("--allow-unisolated", action="store_true",
                        help="grade even where only the 'basic' isolation level is available")
    parser.add_argument("--bound", type=float, default=GRADING_BOUND, help="seconds for the whole submission")
    args = parser.parse_args(argv)
    run(args.root, args.allow_unisolated, args.bound)
    return 0


if __name__ == "__main__":
    sys.exit(main())
