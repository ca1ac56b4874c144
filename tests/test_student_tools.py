"""progress, hint and reset, run as a student runs them, on a scratch copy of exercises/.

COURSE_EXERCISES and COURSE_STATE point the tools at a temporary folder and
state file, so these tests never touch a real student's work or progress.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graders import course
from graders.text import hints, messages
from tests.grading import ROOT


@pytest.fixture
def student(tmp_path: Path) -> dict:
    exercises = tmp_path / "exercises"
    shutil.copytree(course.STUBS, exercises)
    env = dict(os.environ, COURSE_EXERCISES=str(exercises), COURSE_STATE=str(tmp_path / "progress.json"),
               NO_COLOR="1", TMPDIR=str(tmp_path))
    return {"exercises": exercises, "env": env}


def tool(student: dict, *args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env={**student["env"], **(env or {})}, input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_every_check_has_a_hint_ladder() -> None:
    assert set(hints.HINTS) == set(messages.CHECK_TITLES)
    assert all(len(ladder) >= 3 for ladder in hints.HINTS.values())


def test_progress_shows_each_lesson_and_what_is_next(student: dict) -> None:
    out = tool(student, "graders.tools.progress").stdout
    assert "0/4  not started" in out and "nox -s grade -- client_flow" in out
    shutil.copy(course.SOLUTIONS / "client_flow.py", student["exercises"])
    out = tool(student, "graders.tools.progress").stdout
    assert "4/4  done" in out
    assert "Next: lesson 2" in out and "nox -s grade -- server_flow" in out


def test_progress_regrades_only_lessons_whose_file_changed(student: dict) -> None:
    every = ", ".join(lesson.id for lesson in course.lessons())
    first = tool(student, "graders.tools.progress").stdout
    assert messages.REGRADING.format(lessons=every) in first  # nothing graded yet: all of them, and it says so
    again = tool(student, "graders.tools.progress").stdout
    assert messages.REGRADING.split("{")[0] not in again  # nothing changed: nothing graded again
    shutil.copy(course.SOLUTIONS / "server_flow.py", student["exercises"])
    out = tool(student, "graders.tools.progress").stdout
    assert messages.REGRADING.format(lessons="server_flow") in out  # only the lesson whose file changed
    assert "6/6  done" in out


def test_hint_gives_one_more_rung_each_time_then_all(student: dict) -> None:
    # A client that ignores the port: the first ask gives rung 1, though the grade report already hinted.
    shutil.copy(ROOT / "tests" / "submissions" / "client_flow" / "ignores_port.py", student["exercises"] / "client_flow.py")
    ladder = hints.HINTS["test_connects_to_the_given_host_and_port"]
    for number, rung in enumerate(ladder, 1):
        out = tool(student, "graders.tools.hint", "client_flow").stdout
        assert f"Hint {number}/{len(ladder)}: {rung}" in out, out
        assert f"Hint {number + 1}/" not in out
    out = tool(student, "graders.tools.hint", "client_flow").stdout
    assert all(rung in out for rung in ladder) and "last hint" in out


def first_bug(lesson: str):
    """The first known mistake of a lesson's catalogue (tests/test_catalogue_<lesson>.py)."""
    return importlib.import_module(f"tests.test_catalogue_{lesson}").BUGS[0]


@pytest.mark.parametrize("edition", ["en", "zh"])
@pytest.mark.parametrize("lesson", [lesson.id for lesson in course.lessons()])
def test_every_ladder_starts_at_its_first_rung(student: dict, lesson: str, edition: str) -> None:
    """From an empty progress file, the first ask shows rung 1 of the first failing check, the next rung 2."""
    bug = first_bug(lesson)
    shutil.copy(ROOT / "tests" / "submissions" / lesson / f"{bug.name}.py", student["exercises"] / f"{lesson}.py")
    student["env"]["COURSE_LANG"] = edition
    texts, ladders = messages.texts(edition), hints.ladders(edition)
    assert not Path(student["env"]["COURSE_STATE"]).exists()
    first = tool(student, "graders.tools.hint", lesson).stdout
    checks = json.loads(Path(student["env"]["COURSE_STATE"]).read_text())["lessons"][lesson]["checks"]
    failing = next(c["check"] for c in checks if c["outcome"] not in ("passed", "skipped"))
    ladder = ladders[failing]
    for number, out in enumerate((first, tool(student, "graders.tools.hint", lesson).stdout), 1):
        assert texts.HINT_LINE.format(number=number, total=len(ladder), hint=ladder[number - 1]) in out, out
        said = next(line for line in out.splitlines() if line.startswith(texts.HINT_SAID.split("{")[0]))
        assert not re.search(r"\b(\w+): \1:", said), said  # "raised OSError: OSError: ..." names it once


def test_hint_on_an_untouched_lesson_points_at_the_text_and_spends_nothing(student: dict) -> None:
    for _ in range(2):
        out = tool(student, "graders.tools.hint", "client_flow").stdout
        assert "lessons/01-client_flow.md" in out and "Hint 1/" not in out, out
    assert json.loads(Path(student["env"]["COURSE_STATE"]).read_text())["hints"] == {}


def test_hint_quotes_the_graders_message_whole_not_cut_at_a_colon(student: dict) -> None:
    shutil.copy(ROOT / "tests" / "submissions" / "client_flow" / "ignores_port.py", student["exercises"] / "client_flow.py")
    out = tool(student, "graders.tools.hint", "client_flow").stdout
    said = next(line for line in out.splitlines() if line.startswith(messages.HINT_SAID.split("{")[0]))
    assert not said.rstrip().endswith(":") and "ConnectionRefusedError" in said, out
    assert messages.HINT_REPORTED.split("{")[0] in out, out


def test_hint_quotes_the_graders_message_in_its_own_edition(student: dict) -> None:
    """A lesson last graded in Chinese, a hint asked in English (or the other way round): the grader's message
    is quoted in the edition of the hint, never the other one's words kept from the last grading."""
    shutil.copy(ROOT / "tests" / "submissions" / "client_flow" / "ignores_port.py", student["exercises"] / "client_flow.py")
    zh = messages.texts("zh")
    out = tool(student, "graders.tools.hint", "client_flow", env={"COURSE_LANG": "zh"}).stdout
    assert zh.HINT_SAID.split("{")[0] in out, out
    out = tool(student, "graders.tools.hint", "client_flow", env={"COURSE_LANG": "en"}).stdout
    said = next(line for line in out.splitlines() if line.startswith(messages.HINT_SAID.split("{")[0]))
    assert not re.search("[\u4e00-\u9fff]", said), out


def test_hint_names_the_first_failing_check_and_nothing_when_all_pass(student: dict) -> None:
    # A server_flow without SO_REUSEADDR fails its return check (a second call in one process: its bind() refused)
    # and its last (the restart during TIME_WAIT): the first of them is named, not the last.
    source = (course.SOLUTIONS / "server_flow.py").read_text()
    (student["exercises"] / "server_flow.py").write_text(source.replace("server.setsockopt(", "# server.setsockopt("))
    out = tool(student, "graders.tools.hint", "server_flow").stdout
    title = messages.CHECK_TITLES["test_returns_the_clients_message"]
    assert messages.HINT_FOR.format(lesson="server_flow", title=title) in out, out
    last = messages.CHECK_TITLES["test_restarts_on_the_same_port_during_time_wait"]
    assert messages.HINT_FOR.format(lesson="server_flow", title=last) not in out, out
    shutil.copy(course.SOLUTIONS / "client_flow.py", student["exercises"])
    assert "no hint needed" in tool(student, "graders.tools.hint", "client_flow").stdout
    out = tool(student, "graders.tools.hint", "nosuch").stdout
    assert "There is no lesson 'nosuch'" in out


def test_reset_asks_keeps_a_backup_and_restores_the_stub(student: dict) -> None:
    mine = student["exercises"] / "client_flow.py"
    shutil.copy(course.SOLUTIONS / "client_flow.py", mine)
    refused = tool(student, "graders.tools.reset", "client_flow", stdin="n\n")
    # Answering no is no failure (nox would say "Session reset failed"): exit 0, and it says nothing changed.
    assert refused.returncode == 0, refused.stdout + refused.stderr
    assert messages.RESET_CANCELLED in refused.stdout
    assert mine.read_bytes() == (course.SOLUTIONS / "client_flow.py").read_bytes()
    done = tool(student, "graders.tools.reset", "client_flow", stdin="y\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert mine.read_bytes() == (course.STUBS / "client_flow.py").read_bytes()
    backups = list((student["exercises"] / ".backup").glob("client_flow-*.py"))
    assert len(backups) == 1 and backups[0].read_bytes() == (course.SOLUTIONS / "client_flow.py").read_bytes()
    already = tool(student, "graders.tools.reset", "client_flow").stdout
    assert "already the untouched stub" in already
    for out in (refused.stdout, done.stdout, already):  # each ends with what to do next
        assert out.rstrip().endswith("    nox -s grade -- client_flow"), out
    unknown = tool(student, "graders.tools.reset", "nosuch")
    assert unknown.returncode == 2 and unknown.stdout.rstrip().endswith("    nox -s reset -- client_flow")


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_progress_and_hint_always_end_with_the_next_command(student: dict, edition: str) -> None:
    """Whatever the state, the last line of progress and of hint holds the command to run next.

    (The state where the whole course passes: the next test.)
    """
    student["env"]["COURSE_LANG"] = edition
    texts = messages.texts(edition)
    suffix = " --lang zh" if edition == "zh" else ""

    def last_line(*args: str) -> str:
        result = tool(student, *args)
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        assert lines, result.stdout + result.stderr
        assert re.search(r"nox -s \w+", lines[-1]), f"no command on the last line:\n{result.stdout}"
        return lines[-1]

    assert "nox -s" in last_line("graders.tools.progress")  # untouched
    assert last_line("graders.tools.hint", "client_flow") == f"    nox -s grade -- client_flow{suffix}"  # read, write, grade
    assert last_line("graders.tools.hint", "nosuch") == f"    nox -s hint -- client_flow{suffix}"  # which lesson
    # One function still the stub: its TODO steps, then grade.
    stubbed = (course.SOLUTIONS / "recv_loop.py").read_text() + "\n\ndef send_all(sock, data):\n    raise NotImplementedError\n"
    (student["exercises"] / "recv_loop.py").write_text(stubbed)
    assert last_line("graders.tools.hint", "recv_loop") == f"    nox -s grade -- recv_loop{suffix}"
    # A mistake: a rung of the ladder, then grade again or ask again.
    shutil.copy(ROOT / "tests" / "submissions" / "client_flow" / "ignores_port.py", student["exercises"] / "client_flow.py")
    assert last_line("graders.tools.hint", "client_flow") == f"    nox -s hint -- client_flow{suffix}"
    shutil.copy(course.SOLUTIONS / "client_flow.py", student["exercises"])
    out = tool(student, "graders.tools.hint", "client_flow").stdout  # it passes: no hint, the next lesson instead
    assert texts.HINT_ALL_PASS.format(lesson="client_flow") in out
    assert out.rstrip().endswith(f"    nox -s grade -- server_flow{suffix}"), out


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_progress_and_hint_end_by_saying_the_course_is_done(student: dict, edition: str) -> None:
    """Once every lesson passes, progress and hint both end with the course done, and what next."""
    student["env"]["COURSE_LANG"] = edition
    texts = messages.texts(edition)
    for lesson in course.lessons():
        shutil.copy(course.SOLUTIONS / f"{lesson.id}.py", student["exercises"])
    for args in (("graders.tools.progress",), ("graders.tools.hint",)):  # the whole course passes
        out = tool(student, *args).stdout
        state = Path(student["env"]["COURSE_STATE"])
        failing = [f"{c['check']}: {c['message']}" for lesson in json.loads(state.read_text())["lessons"].values()
                   for c in lesson["checks"] if c["outcome"] != "passed"] if state.exists() else []
        assert out.rstrip().endswith(texts.COURSE_DONE + "\n" + texts.COURSE_DONE_NEXT), out + "\n".join(failing)


def test_hint_on_an_untouched_lesson_shows_the_lessons_own_reminders_without_spending_a_rung(student: dict) -> None:
    """course.toml's `hints` of a lesson are what `nox -s hint` shows before anything of it is written."""
    lesson = course.lesson("server_flow")
    out = tool(student, "graders.tools.hint", "server_flow").stdout
    assert messages.LESSON_CHECKLIST.format(title=lesson.title) in out, out
    for item in lesson.hints:
        assert messages.CHECKLIST_ITEM.format(item=item) in out, out
    assert messages.HINT_NOT_STARTED.format(text=lesson.text, lesson=lesson.id) in out
    assert "Hint 1/" not in tool(student, "graders.tools.hint", "server_flow").stdout  # no rung was spent either time


@pytest.mark.parametrize("edition", ["en", "zh"])
def test_the_hints_summary_names_the_exception_once(edition: str) -> None:
    """`nox -s hint` in Chinese read "serve_once() 抛出了 OSError：OSError: [Errno 98] ...": the exception's name
    after the full-width colon of RAISED was not taken out as after the English one."""
    from graders.tools import hint as hint_tool

    texts = messages.texts(edition)
    message = "\n".join([texts.RAISED.format(name="serve_once()", type="OSError"),
                         "    " + texts.FRAME_LINE.format(file="server_flow.py", lineno=7, func="serve_once",
                                                          source="server.bind((host, port))"),
                         "    OSError: [Errno 98] Address already in use"])
    said = hint_tool.summary(message)
    assert said.count("OSError") == 1 and said.endswith("[Errno 98] Address already in use"), said
