#!/bin/sh
# PrairieLearn's external grader entry (the question's externalGradingOptions.entrypoint).
# PrairieLearn puts the student's files in /grade/student and reads /grade/results/results.json,
# which is always written: a grade, or `gradable: false` and why.
# GRADE_ROOT stands for /grade and PYTHON for python3: tests/test_prairielearn.py runs this very
# script in a folder laid out like /grade, as the image runs it.
GRADE_ROOT="${GRADE_ROOT:-/grade}"
COURSE="$(cd "$(dirname "$0")/.." && pwd)"
cd "$COURSE" && "${PYTHON:-python3}" -m graders.platforms.prairielearn --root "$GRADE_ROOT" ${ALLOW_UNISOLATED:+--allow-unisolated} "$@"
status=$?
if [ ! -s "$GRADE_ROOT/results/results.json" ]; then
    # Python could not even start: still a results.json PrairieLearn can read, not counted against the student.
    mkdir -p "$GRADE_ROOT/results"
    printf '{"gradable": false, "score": 0.0, "message": "The grader could not start (exit status %s). This is not a verdict on your code: tell your instructor.", "tests": []}\n' "$status" > "$GRADE_ROOT/results/results.json"
fi
exit 0
