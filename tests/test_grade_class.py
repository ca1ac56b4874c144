"""grade-class on a small class, graded for real: correct, unfinished, hanging and hostile submissions.

One class is graded once (module fixture, lesson client_flow only, to stay
fast) and every test reads what that run left: grades.csv, each
submission's results.json and feedback.md, report.html (rendered in a real
headless Chromium), and the course tree, which must be unchanged.
"""

from __future__ import annotations

import csv
import hashlib
import html.parser
import io
import json
import os
import pty
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from graders import course
from graders.platforms import grade_class
from graders.text import messages
from tests.grading import LEFTOVER_GRACE, ROOT, SUBMISSIONS
from tests.once import once

LONG_NAME = "x" * 300
IDS = ["ana", "ben", "cat", "dan", "eveeve", "finn", "gil", "hana-repo"]
BOUND = 60  # seconds per submission, for the class: far above what any of them needs
SLEEPY = '''import time


def request(host, port, message):
    time.sleep(2.5)  # within each check's own limit (3 s): only a bound on the whole submission stops it
    return b""
'''


def course_state() -> dict[str, str]:
    """Every file of the course's tree that grading could touch, with a hash of its bytes (caches aside)."""
    state = {}
    for part in ("graders", "solutions", "exercises", "course.toml", "pyproject.toml", "tests/submissions"):
        path = ROOT / part
        for file in ([path] if path.is_file() else sorted(path.rglob("*"))):
            if file.is_file() and "__pycache__" not in file.parts:
                state[file.relative_to(ROOT).as_posix()] = hashlib.sha256(file.read_bytes()).hexdigest()
    return state


def run_class(*args: str, tmp: Path, stdout=subprocess.PIPE, **env_vars: str) -> subprocess.CompletedProcess:
    """`nox -s grade-class -- ARGS` without nox's own start: the same module, in a fresh process."""
    env = dict(os.environ, TMPDIR=str(tmp), **env_vars)
    return subprocess.run([sys.executable, "-m", "graders.platforms.grade_class", *args], cwd=ROOT, env=env, stdout=stdout,
                          stderr=subprocess.PIPE if stdout == subprocess.PIPE else subprocess.STDOUT,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def make_class(folder: Path) -> list[Path]:
    correct = folder / "ana" / "project" / "exercises"  # found by name, however deep
    correct.mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / "client_flow.py", correct)
    stub = folder / "ben"
    stub.mkdir()
    shutil.copy(ROOT / "graders" / "lessons" / "stubs" / "client_flow.py", stub)
    (stub / "server_flow.py").write_text("raise SystemExit('not graded: only client_flow is')\n")
    hangs = folder / "cat"
    hangs.mkdir()
    shutil.copy(SUBMISSIONS / "pathological" / "hangs_forever.py", hangs / "client_flow.py")
    hostile = folder / "dan.zip"
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("../client_flow.py", (ROOT / "solutions" / "client_flow.py").read_text())
        archive.writestr("/etc/client_flow.py", "x = 1\n")
        link = zipfile.ZipInfo("dan/link/client_flow.py")
        link.external_attr = 0o120777 << 16  # a symlink member pointing at the grader
        archive.writestr(link, "../../graders/plugin.py")
        archive.writestr("dan/src/client_flow.py", (SUBMISSIONS / "client_flow" / "returns_text.py").read_text())
        archive.writestr(LONG_NAME + "/../client_flow.py", "x = 1\n")  # a note with no place to break a line
    # An LMS's "download all", unzipped (Canvas's names): two students' files in one folder, split per student;
    # finn uploaded twice, and Canvas named the second upload client_flow-1.py.
    canvas = folder / "canvas"
    canvas.mkdir()
    shutil.copy(SUBMISSIONS / "client_flow" / "returns_text.py", canvas / "eveeve_12345_67890_client_flow.py")
    shutil.copy(ROOT / "graders" / "lessons" / "stubs" / "client_flow.py", canvas / "finn_23456_78901_client_flow.py")
    shutil.copy(ROOT / "solutions" / "client_flow.py", canvas / "finn_LATE_23456_78902_client_flow-1.py")
    shutil.copy(ROOT / "solutions" / "client_flow.py", canvas / "finn_23456_78901_test_client_flow.py")  # not it
    # A zip holding a zip holding the lesson file: opened once.
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("gil/client_flow.py", (SUBMISSIONS / "client_flow" / "returns_text.py").read_text())
    with zipfile.ZipFile(folder / "gil.zip", "w") as archive:
        archive.writestr("upload/gil-work.zip", inner.getvalue())
    # A GitHub Classroom clone: a repository of the course, its own solutions and stubs beside the student's work.
    clone = folder / "hana-repo"
    for part in ("exercises", "solutions", "graders/lessons/stubs", ".git"):
        (clone / part).mkdir(parents=True)
    (clone / ".git" / "config").write_text("[core]\n")
    shutil.copy(ROOT / "course.toml", clone)
    shutil.copy(ROOT / "solutions" / "client_flow.py", clone / "solutions")
    shutil.copy(ROOT / "graders" / "lessons" / "stubs" / "client_flow.py", clone / "graders" / "lessons" / "stubs")
    shutil.copy(SUBMISSIONS / "client_flow" / "never_closes.py", clone / "exercises" / "client_flow.py")
    return [folder / "ana", stub, hangs, hostile, canvas, folder / "gil.zip", clone]


@pytest.fixture(scope="module")
def graded(request, tmp_path_factory):
    def grade_the_class(work: Path) -> dict:
        work.mkdir(parents=True, exist_ok=True)
        submissions = make_class(work / "in")
        before = course_state()
        out = work / "out"
        # The instructor's COURSE_CALL_LIMIT reaches every grading: cat's hang is stopped at 1 s, not 3 s.
        proc = run_class(*map(str, submissions), "--out", str(out), "--lesson", "client_flow", "--timeout",
                         str(BOUND), "--jobs", "2", "--allow-unisolated", tmp=work, COURSE_CALL_LIMIT="1")
        return {"returncode": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr, "out": str(out),
                "work": str(work), "submissions": list(map(str, submissions)), "before": before,
                "after": course_state()}

    graded = once(request, tmp_path_factory, "class", grade_the_class)
    out = Path(graded["out"])
    rows = {row["id"]: row for row in csv.DictReader((out / "grades.csv").open())} if graded["returncode"] == 0 else {}
    return {**graded, "out": out, "work": Path(graded["work"]), "rows": rows,
            "submissions": [Path(path) for path in graded["submissions"]]}


def test_grades_csv_has_the_expected_grade_for_each_submission(graded):
    rows = graded["rows"]
    assert graded["returncode"] == 0, graded["stdout"] + graded["stderr"]
    assert list(rows) == IDS
    header = next(csv.reader((graded["out"] / "grades.csv").open()))
    assert header == ["id", "client_flow", "points", "total", "isolation", "grader_version", "status", "error"]
    assert (rows["ana"]["client_flow"], rows["ana"]["points"], rows["ana"]["total"]) == ("4/4", "4", "4")
    assert rows["ana"]["error"] == ""
    assert (rows["ben"]["client_flow"], rows["ben"]["points"], rows["ben"]["error"]) == ("0/4", "0", "")
    assert rows["ana"]["grader_version"] not in ("",)
    statuses = {id_: row["status"] for id_, row in rows.items()}
    assert statuses == {**dict.fromkeys(IDS, "graded"), "ben": "not-started"}, statuses


def test_an_lms_download_is_split_per_student_and_read_by_its_file_names(graded):
    rows = graded["rows"]
    # Canvas's prefixes are recognised; finn's later upload (client_flow-1.py) is the one graded, and
    # finn's own test_client_flow.py is not a lesson file.
    assert (rows["eveeve"]["client_flow"], rows["eveeve"]["error"]) == ("3/4", "")
    assert (rows["finn"]["client_flow"], rows["finn"]["error"]) == ("4/4", "")


def test_a_zip_inside_a_zip_is_opened(graded):
    assert (graded["rows"]["gil"]["client_flow"], graded["rows"]["gil"]["error"]) == ("3/4", "")


def test_a_classroom_clone_is_one_submission_graded_on_its_exercises_without_a_warning(graded):
    assert (graded["rows"]["hana-repo"]["client_flow"], graded["rows"]["hana-repo"]["error"]) == ("3/4", "")
    assert "is it a folder of submissions?" not in graded["stdout"]


def test_a_hanging_submission_is_graded_within_its_checks_limits(graded):
    cat = graded["rows"]["cat"]
    assert (cat["client_flow"], cat["points"], cat["error"]) == ("0/4", "0", "")
    assert "still running after 1.0 s" in (graded["out"] / "cat" / "feedback.md").read_text()  # COURSE_CALL_LIMIT


def test_a_submission_past_its_bound_gets_an_error_row_and_leaves_nothing_running(tmp_path):
    sleepy = tmp_path / "sleepy"
    sleepy.mkdir()
    (sleepy / "client_flow.py").write_text(SLEEPY)
    out = tmp_path / "out"
    proc = run_class(str(sleepy), "--out", str(out), "--lesson", "client_flow", "--timeout", "1",
                     "--allow-unisolated", tmp=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    row = next(csv.DictReader((out / "grades.csv").open()))
    assert (row["client_flow"], row["points"], row["total"], row["status"]) == ("", "0", "4", "stopped")
    assert messages.SUBMISSION_STOPPED.format(limit=1) in row["error"]
    # The report tells it from a submission that was never started.
    dom = _Dom()
    dom.feed((out / "report.html").read_text())
    assert dom.having("submission")[0]["data-status"] == "stopped"
    assert next(a for a in dom.having("card") if a["data-card"] == "stopped")["data-value"] == "1"
    assert not (out / "sleepy" / "results.json").exists()
    assert "stopped after 1 s" in (out / "sleepy" / "feedback.md").read_text()
    assert survivors(tmp_path) == []
    # Not a final grade: a re-run grades it again (an instructor who raises --timeout gets a grade).
    again = run_class(str(sleepy), "--out", str(out), "--lesson", "client_flow", "--timeout", "1",
                      "--allow-unisolated", tmp=tmp_path)
    assert "1 graded" in again.stdout and "0 unchanged" in again.stdout, again.stdout + again.stderr


def grading_processes(marker_path: Path) -> list[str]:
    """The pytest processes grading a copy under this folder."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"-m\0pytest\0" in cmdline and str(marker_path).encode() in cmdline:
            found.append(pid)
    return found


def survivors(marker_path: Path) -> list[str]:
    """Processes that still carry this folder in their environment (TMPDIR) or command line.

    Those of the class's last moments get LEFTOVER_GRACE to be gone (killed, then reaped, as a busy machine
    allows); a zombie is already gone. Any found after that is described: its command line.
    """
    marker = str(marker_path).encode()
    deadline = time.monotonic() + LEFTOVER_GRACE
    while True:
        alive = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                if marker not in Path(f"/proc/{pid}/environ").read_bytes() + cmdline:
                    continue
                if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                    command = cmdline.replace(b"\0", b" ").decode(errors="replace")[:200]
                    alive.append(f"{pid}: {command}")
            except OSError:
                pass
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def test_no_process_of_the_class_outlives_it(graded):
    assert survivors(graded["work"]) == []
    assert [p.name for p in Path(graded["work"]).iterdir() if p.name.startswith("grade-class-")] == []


def test_a_hostile_zip_is_read_without_leaving_the_archive(graded):
    dan = graded["rows"]["dan"]
    # Only the safe member was taken: the buggy one in dan/src, not the correct one through '..'.
    assert (dan["client_flow"], dan["points"], dan["status"]) == ("3/4", "3", "graded"), dan
    assert "ignored zip member '../client_flow.py': a path through '..' that leaves the archive" in dan["error"]
    assert "ignored zip member '/etc/client_flow.py': an absolute path" in dan["error"]
    assert "ignored zip member 'dan/link/client_flow.py': a symbolic link" in dan["error"]
    assert not (graded["work"] / "client_flow.py").exists() and not (graded["out"].parent / "client_flow.py").exists()


def test_grading_leaves_the_course_tree_as_it_was(graded):
    assert graded["after"] == graded["before"]


def test_each_submission_gets_its_results_and_its_feedback(graded):
    out = graded["out"]
    for id_ in ("ana", "ben", "dan"):
        results = json.loads((out / id_ / "results.json").read_text())
        assert results["points"] == int(graded["rows"][id_]["points"])
        feedback = (out / id_ / "feedback.md").read_text()
        assert "\x1b[" not in feedback, "no colour codes in feedback.md"
        assert f"{results['points']}/4 points" in feedback and "Lesson 1: A TCP client" in feedback
        # the next step is the student's own command: no scratch folder that is gone (a trial's class saw it)
        assert "grade-class-" not in feedback and "--target" not in feedback, feedback
    assert messages.NOT_STARTED.split(":")[0] in (out / "ben" / "feedback.md").read_text()  # an untouched lesson
    message = json.loads((out / "dan" / "results.json").read_text())["checks"][2]["message"]
    assert "grade-class-" not in message, "messages do not name the scratch folder that is gone"


def test_a_rerun_skips_unchanged_submissions_and_regrades_a_changed_one(graded, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(graded["out"], out)
    ben = graded["submissions"][1]
    changed = tmp_path / "ben"
    shutil.copytree(ben, changed)
    shutil.copy(ROOT / "solutions" / "client_flow.py", changed / "client_flow.py")
    others = [str(path) for path in graded["submissions"] if path != ben]
    # On a terminal, a live progress line; then the summary.
    leader, follower = pty.openpty()
    proc = run_class(*others, str(changed), "--out", str(out), "--lesson", "client_flow", "--timeout", str(BOUND),
                     "--allow-unisolated", tmp=tmp_path, stdout=follower)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    text = output.decode(errors="replace")
    assert proc.returncode == 0, text
    assert "1 graded" in text and "7 unchanged since the last run (skipped)" in text, text
    assert "\r\x1b[K  " in text and "8/8 done" in text, "a progress line on a terminal"
    rows = {row["id"]: row for row in csv.DictReader((out / "grades.csv").open())}
    assert rows["ben"]["points"] == "4" and rows["cat"]["error"] == graded["rows"]["cat"]["error"]


def test_no_progress_line_when_output_is_not_a_terminal(graded):
    assert "\r" not in graded["stdout"]
    assert "Done in" in graded["stdout"] and "8 graded" in graded["stdout"]


def test_bad_input_is_refused_with_a_clear_message(tmp_path):
    (tmp_path / "a" / "x").mkdir(parents=True)
    (tmp_path / "b" / "x").mkdir(parents=True)
    proc = run_class(str(tmp_path / "a" / "x"), str(tmp_path / "b" / "x"), "--out", str(tmp_path / "out"),
                     "--allow-unisolated", tmp=tmp_path)
    assert proc.returncode == 2 and "Two submissions would both be called 'x'" in proc.stderr, proc.stderr
    proc = run_class(str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"), tmp=tmp_path)
    assert proc.returncode == 2 and "no such file or folder" in proc.stderr
    assert not (tmp_path / "out").exists()
    # --out a file, or a folder inside a submission (its feedback would be graded next time): refused, no traceback
    (tmp_path / "afile").write_text("")
    proc = run_class(str(tmp_path / "a"), "--out", str(tmp_path / "afile"), "--allow-unisolated", tmp=tmp_path)
    assert proc.returncode == 2 and "that is a file" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    proc = run_class(str(tmp_path / "a"), "--out", str(tmp_path / "a" / "graded"), "--allow-unisolated", tmp=tmp_path)
    assert proc.returncode == 2 and "inside the submission" in proc.stderr, proc.stderr
    assert not (tmp_path / "a" / "graded").exists()


def test_a_submission_given_twice_is_graded_once(tmp_path):
    student = tmp_path / "ada"
    student.mkdir()
    shutil.copy(ROOT / "solutions" / "client_flow.py", student)
    proc = run_class(str(student), str(student), "--out", str(tmp_path / "out"), "--lesson", "client_flow",
                     "--allow-unisolated", tmp=tmp_path)
    assert proc.returncode == 0 and "given more than once: graded once" in proc.stdout, proc.stdout + proc.stderr
    assert [row["id"] for row in csv.DictReader((tmp_path / "out" / "grades.csv").open())] == ["ada"]


def test_a_rerun_of_part_of_the_class_keeps_the_rest_of_the_gradebook(graded, tmp_path):
    """An instructor's trial re-ran two students into the same --out: grades.csv then held those two rows only."""
    out = tmp_path / "out"
    shutil.copytree(graded["out"], out)
    some = [str(path) for path in graded["submissions"][:2]]
    proc = run_class(*some, "--out", str(out), "--lesson", "client_flow", "--timeout", str(BOUND),
                     "--allow-unisolated", tmp=tmp_path)
    assert proc.returncode == 0 and "Kept 6 row(s) of an earlier run" in proc.stdout, proc.stdout + proc.stderr
    # The summary counts what this run did: the kept rows are not "graded" (a trial read "38 graded" for one)
    assert "0 graded now" in proc.stdout and "2 unchanged" in proc.stdout and "6 kept from an earlier run" in proc.stdout, (
        proc.stdout)
    rows = {row["id"]: row for row in csv.DictReader((out / "grades.csv").open())}
    assert set(rows) == set(graded["rows"]), rows
    assert all(rows[key]["points"] == graded["rows"][key]["points"] for key in rows)


def test_reading_submissions_caps_sizes_and_never_follows_links(tmp_path):
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("client_flow.py", "#" * (grade_class.LESSON_FILE_LIMIT + 1))  # 1 MiB that zips to 1 KiB
    read = grade_class.read_zip(big, ["client_flow"])
    assert read.files == {} and "larger than 1 MiB" in read.notes[0]
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / "client_flow.py").symlink_to(ROOT / "solutions" / "client_flow.py")
    read = grade_class.read_folder(folder, ["client_flow"])
    assert read.files == {} and "not a regular file" in read.notes[0]
    (tmp_path / "junk.zip").write_bytes(b"PK\x03\x04 not really a zip")
    read = grade_class.read_submission(tmp_path / "junk.zip", ["client_flow"])
    assert read.error and read.files == {}


def test_isolation_basic_is_refused_unless_allowed(tmp_path):
    folder = tmp_path / "sub"
    folder.mkdir()
    proc = run_class(str(folder), "--out", str(tmp_path / "out"), tmp=tmp_path, COURSE_ISOLATION="basic")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "only the 'basic' isolation level" in proc.stderr and "--allow-unisolated" in proc.stderr
    assert not (tmp_path / "out").exists(), "refused before anything was graded"


def test_rows_say_the_isolation_level_the_machine_gives(graded):
    assert {row["isolation"] for row in graded["rows"].values() if row["client_flow"]} == {grade_class.probe()}


# ---------------------------------------------------------------- report.html in a real browser


class _Dom(html.parser.HTMLParser):
    """The elements that carry data- attributes, with their attributes, and the text inside each."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if any(key.startswith("data-") for key in attributes) or tag in ("svg", "a", "script", "link", "img"):
            self.elements.append((tag, attributes))

    def having(self, cls: str) -> list[dict]:
        return [a for _, a in self.elements if cls in (a.get("class") or "").split()]


def chromium(*args: str) -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium); CI installs it")
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--disable-background-networking", "--disable-component-update", "--disable-sync",
                               "--hide-scrollbars", f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=90, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def report_dom(out: Path) -> _Dom:
    """report.html as a real browser built it (its DOM after parsing)."""
    text = chromium("--dump-dom", (out / "report.html").as_uri())
    assert "</html>" in text
    dom = _Dom()
    dom.feed(text)
    return dom


# Injected into a copy of the report (the report itself has no script, and its CSP would refuse one): what
# sticks out of a 1280-pixel-wide window, written into the DOM for --dump-dom to show.
MEASURE = """<script>
addEventListener("load", () => {
  const width = document.documentElement.clientWidth, out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && el.closest("details:not([open])") === null) out.push(el.tagName + "." + el.className);
  }
  document.body.setAttribute("data-viewport", width);
  document.body.setAttribute("data-scroll-width", document.documentElement.scrollWidth);
  document.body.setAttribute("data-overflowing", out.slice(0, 20).join(" "));
});
</script>"""


def test_report_html_renders_in_chromium_and_agrees_with_grades_csv(graded):
    dom = report_dom(graded["out"])
    tags = [tag for tag, _ in dom.elements]
    assert tags.count("svg") == 1, "the points histogram, inline"
    assert not {"script", "link", "img"} & set(tags), "self-contained: nothing to fetch"
    rows = graded["rows"]
    shown = {a["data-id"]: a for a in dom.having("submission")}
    assert set(shown) == set(rows)
    for id_, row in rows.items():
        assert (shown[id_]["data-points"], shown[id_]["data-total"], shown[id_]["data-status"]) == (
            row["points"], row["total"], row["status"])
    # Best first: the submissions table is sorted by points, then id.
    order = [a["data-id"] for a in dom.having("submission")]
    assert order == sorted(rows, key=lambda id_: (-int(rows[id_]["points"]), id_))
    links = {a["href"] for tag, a in dom.elements if tag == "a"}
    assert links == {f"{id_}/feedback.md" for id_ in rows}
    assert all((graded["out"] / link).is_file() for link in links)
    lesson = dom.having("lesson")[0]
    passed = sum(int(r["client_flow"].split("/")[0]) for r in rows.values() if r["client_flow"])
    total = sum(int(r["client_flow"].split("/")[1]) for r in rows.values() if r["client_flow"])
    assert (lesson["data-passed"], lesson["data-total"]) == (str(passed), str(total))
    assert (lesson["data-not-started"], lesson["data-hung"]) == ("1", "1"), "ben did not start; cat hung"
    bins = {int(a["data-points"]): int(a["data-count"]) for a in dom.having("bin")}
    graded_points = [int(r["points"]) for r in rows.values() if r["client_flow"]]
    assert bins == {value: graded_points.count(value) for value in range(0, 5)}


def test_the_report_ranks_the_real_mistakes_of_those_who_attempted_the_lesson(graded):
    dom = report_dom(graded["out"])
    mistakes = dom.having("mistake")
    assert mistakes, "dan, eveeve and gil return text; cat hangs; hana never closes"
    counts = [int(a["data-count"]) for a in mistakes]
    assert counts == sorted(counts, reverse=True)
    by_key = {key: set(a["data-students"].split()) for a in mistakes for key in a["data-keys"].split()}
    # "Not implemented yet" and missing files are not mistakes: ben (the stub) is in none.
    assert not {"NOT_IMPLEMENTED", "MISSING_MODULE"} & set(by_key)
    assert all("ben" not in students for students in by_key.values())
    returns_text = [students for students in by_key.values() if {"dan", "eveeve", "gil"} <= students]
    assert returns_text and int(mistakes[0]["data-count"]) >= 3, "the commonest mistake, with its three students"
    assert any(students == {"cat"} for key, students in by_key.items() if key == "HUNG"), by_key
    assert any("hana-repo" in students for students in by_key.values())


def test_the_report_shows_who_failed_which_check(graded):
    dom = report_dom(graded["out"])
    results = {id_: json.loads((graded["out"] / id_ / "results.json").read_text())
               for id_ in graded["rows"] if (graded["out"] / id_ / "results.json").is_file()}
    failing = {}
    for id_, result in results.items():
        for record in result["checks"]:
            if record["outcome"] not in ("passed", "skipped", "not-implemented", "error", "not-judged"):
                failing.setdefault(record["check"], set()).add(id_)
    listed = {a["data-check"]: set(a["data-failed"].split()) for a in dom.having("check")}
    assert listed == {check: failing.get(check, set()) for check in listed} and failing, (listed, failing)
    cells = {(a["data-id"], a["data-check"]): a["data-kind"] for a in dom.having("cell") if "data-id" in a}
    assert {kind for (id_, _), kind in cells.items() if id_ == "cat"} == {"hung"}, "cat's every call hung"
    assert not [key for key in cells if key[0] in ("ben", "ana", "finn")], "not started, or passed everything"
    assert "fail" in {kind for (id_, _), kind in cells.items() if id_ == "dan"}
    states = {a["data-id"]: a for a in dom.having("submission")}
    cat_cell = [a for a in dom.having("lesson-cell") if a.get("data-state") == "hung"]
    ben_cell = [a for a in dom.having("lesson-cell") if a.get("data-state") == "not-started"]
    assert len(cat_cell) == 1 and len(ben_cell) == 1 and states["ben"]["data-status"] == "not-started"


def test_the_report_fits_a_1280_pixel_screen(graded, tmp_path):
    report = graded["out"] / "report.html"
    copy = tmp_path / "measured.html"
    text = report.read_text()
    text = text.replace("<meta http-equiv=\"Content-Security-Policy\"", "<meta name=\"csp-removed\"")
    copy.write_text(text.replace("</body>", MEASURE + "</body>"))
    for name in graded["rows"]:  # the links resolve beside the copy too
        (tmp_path / name).mkdir(exist_ok=True)
    measured = chromium("--window-size=1280,900", "--virtual-time-budget=3000", "--dump-dom", copy.as_uri())
    body = next(a for tag, a in _parsed(measured) if tag == "body")
    assert body["data-viewport"] == "1280", body
    assert body["data-overflowing"] == "" and int(body["data-scroll-width"]) <= 1280, body
    # And a picture of it, as an instructor's laptop shows it (kept beside the report for a person to look at).
    shot = graded["out"].parent / "report-1280.png"
    chromium("--window-size=1280,2400", f"--screenshot={shot}", report.as_uri())
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == 1280


def _parsed(text: str) -> list[tuple[str, dict]]:
    class All(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[tuple[str, dict]] = []

        def handle_starttag(self, tag, attrs):
            self.seen.append((tag, dict(attrs)))

    parser = All()
    parser.feed(text)
    return parser.seen


def test_an_interrupted_class_stops_every_grading_process_and_writes_nothing_half_done(tmp_path):
    folders = []
    for name in ("p", "q"):
        shutil.copytree(ROOT / "solutions", tmp_path / name)
        folders.append(str(tmp_path / name))
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "graders.platforms.grade_class", *folders, "--out", str(out),
                             "--allow-unisolated"], cwd=ROOT, env=dict(os.environ, TMPDIR=str(tmp_path)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    assert proc.stdout.readline().startswith("Grading 2 submission(s)")
    deadline = time.monotonic() + 30
    while len(grading_processes(tmp_path)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(grading_processes(tmp_path)) >= 2, "both submissions are being graded"
    proc.terminate()  # SIGTERM, as a scheduler would; Ctrl-C takes the same path
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "interrupted; every grading process was stopped" in err, err
    assert not (out / "grades.csv").exists()
    for folder in out.glob("*"):  # a submission whose grading ended before the signal is kept, whole
        saved = json.loads((folder / "row.json").read_text())
        assert saved["final"] and not saved["row"]["error"] and (folder / "results.json").is_file(), saved
    assert survivors(tmp_path) == []


def test_a_clone_of_the_course_is_graded_on_its_exercises_never_on_its_solutions(tmp_path):
    clone = tmp_path / "alice-repo"  # as `gh classroom clone student-repos` leaves it
    clone.mkdir()
    for part in ("course.toml", "graders", "solutions", "exercises"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, clone / part)
    (clone / "exercises" / "client_flow.py").unlink()  # deleted by the student
    (clone / "exercises" / "server_flow.py").write_text("# mine\n")
    lessons = ["client_flow", "server_flow"]
    archive = shutil.make_archive(str(tmp_path / "alice"), "zip", tmp_path, "alice-repo")
    for read in (grade_class.read_folder(clone, lessons), grade_class.read_zip(Path(archive), lessons)):
        assert read.files == {"server_flow": b"# mine\n"}, read


def test_feedback_is_in_the_edition_asked_for(tmp_path):
    messages_zh = messages.texts("zh")

    stub = tmp_path / "li"
    stub.mkdir()
    shutil.copy(ROOT / "graders" / "lessons" / "stubs" / "client_flow.py", stub)
    proc = run_class(str(stub), "--out", str(tmp_path / "out"), "--lesson", "client_flow", "--allow-unisolated",
                     tmp=tmp_path, COURSE_LANG="zh")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    feedback = (tmp_path / "out" / "li" / "feedback.md").read_text()
    assert feedback.startswith(messages_zh.FEEDBACK_TITLE.format(id="li"))
    assert messages_zh.LESSON_HEADING.format(number=1, title="TCP 客户端", lesson="client_flow") in feedback, feedback
    # The same submission, the same --out, the other edition: graded again, not "unchanged" (a trial's)
    proc = run_class(str(stub), "--out", str(tmp_path / "out"), "--lesson", "client_flow", "--allow-unisolated",
                     tmp=tmp_path, COURSE_LANG="en")
    assert proc.returncode == 0 and "1 graded" in proc.stdout, proc.stdout + proc.stderr
    feedback = (tmp_path / "out" / "li" / "feedback.md").read_text()
    assert feedback.startswith(messages.texts("en").FEEDBACK_TITLE.format(id="li")), feedback


def test_a_whole_class_passed_as_one_submission_gets_a_note(tmp_path):
    klass = tmp_path / "submissions"
    for name in ("a", "b", "c"):
        (klass / name).mkdir(parents=True)
        shutil.copy(ROOT / "graders" / "lessons" / "stubs" / "client_flow.py", klass / name)
    proc = run_class(str(klass), "--out", str(tmp_path / "out"), "--lesson", "client_flow", "--allow-unisolated",
                     tmp=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"is it a folder of submissions? Then pass each one: nox -s grade-class -- {klass}/*" in proc.stdout


def _nest(base: Path, depth: int, lesson_file: str) -> None:
    """`depth` folders one inside the other under base, the lesson file at the bottom (made through
    descriptors: the whole path is longer than any path the kernel accepts)."""
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = inner
        with os.fdopen(os.open(lesson_file, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as f:
            f.write((ROOT / "solutions" / lesson_file).read_text())
    finally:
        os.close(fd)


def test_a_submission_nested_thousands_of_folders_deep_gets_a_row_and_the_class_is_graded(tmp_path):
    """One folder 3000 levels deep (os.walk's recursion dies at 1000) costs its own row, nobody else's."""
    deep = tmp_path / "deep"
    deep.mkdir()
    _nest(deep, 3000, "client_flow.py")
    shallow = tmp_path / "shallow"
    shallow.mkdir()
    _nest(shallow, 3, "client_flow.py")  # within the bound: found and graded
    fine = tmp_path / "fine"
    fine.mkdir()
    shutil.copy(ROOT / "solutions" / "client_flow.py", fine)
    try:
        proc = run_class(str(deep), str(shallow), str(fine), "--out", str(tmp_path / "out"), "--lesson", "client_flow",
                         "--allow-unisolated", tmp=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        with open(tmp_path / "out" / "grades.csv", newline="") as f:
            rows = {row["id"]: row for row in csv.DictReader(f)}
        assert set(rows) == {"deep", "shallow", "fine"}
        assert rows["fine"]["client_flow"] == "4/4" and rows["shallow"]["client_flow"] == "4/4", rows
        limit = grade_class.FOLDER_DEPTH_LIMIT
        assert messages.SUBMISSION_TOO_DEEP.format(limit=limit) in rows["deep"]["error"], rows["deep"]
        assert rows["deep"]["points"] == "0"
    finally:
        subprocess.run(["rm", "-rf", str(deep)], check=False)  # shutil.rmtree recurses, as os.walk does


def test_control_sequences_and_html_in_file_names_reach_no_report_raw(tmp_path):
    """Names in a submission are the student's text: escaped in the terminal, grades.csv, feedback.md, report.html."""
    import re as _re

    nasty = "<img src=x onerror=alert(1)>\x1b]52;c;cHduZWQ=\x07\x1b]0;t\x07\x1b[2J\u202e=cmd"
    student = tmp_path / "eve"
    (student / nasty).mkdir(parents=True)
    (student / nasty / "client_flow.py").symlink_to(ROOT / "solutions" / "client_flow.py")  # refused: a note
    shutil.copy(ROOT / "graders" / "lessons" / "stubs" / "client_flow.py", student)
    proc = run_class(str(student), "--out", str(tmp_path / "out"), "--lesson", "client_flow", "--allow-unisolated",
                     tmp=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    raw = _re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    out = tmp_path / "out"
    texts = {"stdout": proc.stdout, "grades.csv": (out / "grades.csv").read_text(),
             "feedback.md": (out / "eve" / "feedback.md").read_text(), "report.html": (out / "report.html").read_text()}
    for sink, text in texts.items():
        assert not raw.search(text), f"{sink}: {raw.findall(text)}"
    assert "<img" not in texts["report.html"] and "&lt;img src=x" in texts["report.html"]
    with open(out / "grades.csv", newline="") as f:
        row = next(csv.DictReader(f))
    assert "\\x1b]52;c;" in row["error"] and "<img src=x" in row["error"]  # visible, for the instructor
    outside = []
    fence = ""
    for line in texts["feedback.md"].split("\n"):  # the note is inside a code fence, never loose Markdown/HTML
        if line.startswith("```"):
            fence = "" if fence else line
        elif not fence:
            outside.append(line)
    assert not any("<img" in line for line in outside), outside


def test_lms_file_names_are_read_by_the_lesson_name_at_their_end(tmp_path):
    """Canvas, Moodle and Blackboard prefixes; the student's own files that merely contain the name are not taken;
    a class download in one zip, or its files given one by one, is split per student (read only, no grading)."""
    lessons = ["client_flow", "server_flow"]
    names = {
        "smith_john_12345_6789_client_flow.py": ("smith_john", "client_flow"),
        "Jane Doe_4242_assignsubmission_file_server_flow.py": ("Jane Doe", "server_flow"),  # Moodle
        "Lab 1_kwong_attempt_2026-03-01-10-22-33_client_flow.py": ("kwong", "client_flow"),  # Blackboard
    }
    folder = tmp_path / "download"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(f"# {name}\n")
    (folder / "smith_john_12345_6789_my_client_flow.py").write_text("# not a lesson file\n")
    (folder / "smith_john_12345_6789_test_client_flow.py").write_text("# not a lesson file\n")
    archive = tmp_path / "submissions.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name in sorted(p.name for p in folder.iterdir()):
            zipped.write(folder / name, name)
    (folder / "extra").mkdir()  # no prefix: not a student of the download, and the instructor is told
    said: list[str] = []
    for arguments in ([folder], [archive], sorted(p for p in folder.iterdir() if p.name != "extra")):
        read = {s.id: s for s in grade_class.read_submissions(arguments, lessons, said.append)}
        assert set(read) == {"smith_john", "Jane_Doe", "kwong"}, (arguments, read)
        for name, (student, lesson) in names.items():
            assert read[grade_class.safe_id(student)].files == {lesson: f"# {name}\n".encode()}
    assert len(said) == 1 and "Not graded, having no such prefix: extra." in said[0], said
    # Moodle's folder per student; a folder whose name only looks like Canvas's is one submission of its own.
    moodle = tmp_path / "moodle"
    for student in ("Ann Lee_11_assignsubmission_file_", "Bo Wu_12_assignsubmission_file_"):
        (moodle / student).mkdir(parents=True)
        (moodle / student / "client_flow.py").write_text(f"# {student}\n")
    read = {s.id: s.files for s in grade_class.read_submissions([moodle], lessons)}
    assert read == {"Ann_Lee": {"client_flow": b"# Ann Lee_11_assignsubmission_file_\n"},
                    "Bo_Wu": {"client_flow": b"# Bo Wu_12_assignsubmission_file_\n"}}
    (tmp_path / "lab_2026_1_final").mkdir()
    assert [s.id for s in grade_class.read_submissions([tmp_path / "lab_2026_1_final"], lessons)] == [
        "lab_2026_1_final"]
    for name in ("lab1_2026_03_alice.zip", "lab1_2026_03_bob.zip"):
        with zipfile.ZipFile(tmp_path / name, "w") as zipped:
            zipped.writestr("client_flow.py", f"# {name}\n")
    read = grade_class.read_submissions([tmp_path / "lab1_2026_03_alice.zip", tmp_path / "lab1_2026_03_bob.zip"],
                                        lessons)
    assert [(s.id, s.files) for s in read] == [
        ("lab1_2026_03_alice", {"client_flow": b"# lab1_2026_03_alice.zip\n"}),
        ("lab1_2026_03_bob", {"client_flow": b"# lab1_2026_03_bob.zip\n"})], "two students, never merged"
    # An ordinary folder is not split, and a loose file without a prefix says what to do instead.
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "client_flow.py").write_text("# mine\n")
    assert [s.id for s in grade_class.read_submissions([tmp_path / "plain"], lessons)] == ["plain"]
    loose = grade_class.read_submissions([tmp_path / "plain" / "client_flow.py"], lessons)
    assert loose[0].error == messages.SUBMISSION_LOOSE_FILE


def test_zips_inside_a_submission_are_opened_once_and_bounded(tmp_path):
    lessons = ["client_flow", "server_flow"]

    def zipped(members: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        return buffer.getvalue()

    deeper = zipped({"server_flow.py": b"# two levels down\n"})
    outer = tmp_path / "outer.zip"
    outer.write_bytes(zipped({"a/inner.zip": zipped({"client_flow.py": b"# one level down\n", "deeper.zip": deeper})}))
    read = grade_class.read_zip(outer, lessons)
    assert read.files == {"client_flow": b"# one level down\n"}, "a zip in a nested zip is not opened"
    # A folder holding a zip, and a file beside it that wins over the zip's copy.
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "work.zip").write_bytes(zipped({"client_flow.py": b"# zipped\n", "server_flow.py": b"# zipped\n"}))
    (folder / "client_flow.py").write_text("# loose\n")
    read = grade_class.read_folder(folder, lessons)
    assert read.files == {"client_flow": b"# loose\n", "server_flow": b"# zipped\n"}
    # More zips than NESTED_LIMIT: the first ones are opened, and the note says so; a broken one is named.
    many = {f"z{index:02}.zip": zipped({"readme.txt": b""}) for index in range(grade_class.NESTED_LIMIT + 2)}
    many["z00.zip"] = b"PK\x03\x04 broken"
    crowded = tmp_path / "crowded.zip"
    crowded.write_bytes(zipped(many))
    read = grade_class.read_zip(crowded, lessons)
    too_many = messages.SUBMISSION_NESTED_TOO_MANY.format(count=len(many), limit=grade_class.NESTED_LIMIT)
    assert read.files == {} and too_many in read.notes, read.notes
    broken = messages.SUBMISSION_NESTED_BROKEN.split("{reason}")[0].format(name="z00.zip")
    assert any(note.startswith(broken) for note in read.notes), read.notes


def test_the_report_counts_only_the_students_own_failures_as_mistakes(tmp_path):
    """A check the grader failed on, or could not judge on this system, is shown as such and is nobody's mistake
    (results written by hand: no grading needed to render a report)."""
    from graders.platforms import class_report

    def record(check: str, outcome: str, template: str | None = None) -> dict:
        return {"lesson": "client_flow", "check": check, "title": check, "outcome": outcome, "template": template,
                "message": f"{outcome} message", "points": 1, "earned": int(outcome == "passed")}

    checks = [record("a", "failed", "RETURN_TYPE"), record("b", "error"), record("c", "not-judged"),
              record("d", "passed")]
    (tmp_path / "zoe").mkdir()
    (tmp_path / "zoe" / "results.json").write_text(json.dumps({"checks": checks, "points": 1, "max_points": 4}))
    row = {"id": "zoe", "client_flow": "1/4", "points": "1", "total": "4", "isolation": "basic",
           "grader_version": "x", "status": "graded", "error": ""}
    dom = _Dom()
    dom.feed(class_report.render([row], ["client_flow"], tmp_path))
    assert [a["data-keys"] for a in dom.having("mistake")] == ["RETURN_TYPE"]
    assert {a["data-check"]: a["data-failed"] for a in dom.having("check")} == {"a": "zoe", "b": "", "c": "", "d": ""}
    kinds = {a["data-check"]: a["data-kind"] for a in dom.having("cell") if "data-check" in a}
    assert kinds == {"a": "fail", "b": "grader-error", "c": "unjudged", "d": "pass"}


def test_several_copies_of_a_lesson_file_are_named_with_the_one_graded(tmp_path):
    """Two client_flow.py in one submission: the note names where each was and which one was graded (a trial's
    instructor could not tell whether the top-level file or old/'s had won)."""
    from graders.platforms import grade_class

    (tmp_path / "trent" / "old").mkdir(parents=True)
    (tmp_path / "trent" / "client_flow.py").write_text("x = 1\n")
    (tmp_path / "trent" / "old" / "client_flow.py").write_text("x = 2\n")
    submission = grade_class.read_folder(tmp_path / "trent", ["client_flow"])
    note = next(n for n in submission.notes if "client_flow.py" in n)
    assert "old/client_flow.py" in note and note.endswith("graded client_flow.py"), note


def test_a_misnamed_lesson_file_is_named_in_a_note(tmp_path):
    """An instructor's trial: Client_Flow.py, server-flow.py, "recv_loop (1).py", graceful_close.py.txt and
    my_framing.py were graded as missing with no word in the gradebook. Each is named in a note now."""
    student = tmp_path / "peggy"
    student.mkdir()
    for name in ("Client_Flow.py", "server-flow.py", "recv_loop (1).py", "graceful_close.py.txt", "my_framing.py",
                 "timeouts.py", "notes.txt"):
        (student / name).write_text("# work\n")
    lessons = [lesson.id for lesson in course.lessons()]
    submission = grade_class.read_folder(student, lessons)
    assert set(submission.files) == {"timeouts"}, submission.files
    said = [note for note in submission.notes if note.startswith("not graded: ")]
    for name, lesson in (("Client_Flow.py", "client_flow"), ("server-flow.py", "server_flow"),
                         ("recv_loop (1).py", "recv_loop"), ("graceful_close.py.txt", "graceful_close"),
                         ("my_framing.py", "framing")):
        assert messages.SUBMISSION_NEAR_MISS.format(path=name, lesson=lesson) in said, said
    assert len(said) == 5, said  # not timeouts.py (graded), not notes.txt


def test_a_file_named_zip_that_is_not_one_is_told_as_a_broken_zip(tmp_path):
    """An instructor's trial: random bytes in xavier.zip were told "neither a folder nor a zip file"."""
    upload = tmp_path / "xavier.zip"
    upload.write_bytes(os.urandom(512))
    read = grade_class.read_submission(upload, ["client_flow"])
    assert read.error == messages.SUBMISSION_ZIP_BROKEN.format(reason=messages.ZIP_NOT_AN_ARCHIVE), read.error
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert grade_class.read_submission(other, ["client_flow"]).error == messages.SUBMISSION_NEITHER


def test_identical_lesson_files_are_listed_for_the_instructor(tmp_path):
    """Two submissions with the same lesson file, byte for byte, are named together in the summary and the report;
    copies of the stub, which everyone starts from, are not (an instructor's trial: a copier went unnoticed)."""
    for name, source in (("ada", ROOT / "solutions" / "client_flow.py"), ("bob", ROOT / "solutions" / "client_flow.py"),
                         ("cy", ROOT / "exercises" / "client_flow.py"), ("di", ROOT / "exercises" / "client_flow.py")):
        (tmp_path / name).mkdir()
        shutil.copy(source, tmp_path / name / "client_flow.py")
    out = tmp_path / "out"
    proc = run_class(*(str(tmp_path / name) for name in ("ada", "bob", "cy", "di")), "--out", str(out),
                     "--lesson", "client_flow", "--allow-unisolated", tmp=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Identical lesson files" in proc.stdout and "client_flow.py: ada, bob" in proc.stdout, proc.stdout
    assert "cy, di" not in proc.stdout, proc.stdout
    report = (out / "report.html").read_text()
    assert "Identical lesson files" in report and "client_flow.py: ada, bob" in report
