"""The course is consistent, like rustlings' `dev check`: every lesson complete, nothing stray.

Every lesson in course.toml has a stub, a solution, a lesson text and a
grader; stubs and solutions define the same functions with the same
signatures; each stub is a stub (numbered TODO steps, NotImplementedError);
every check has a title; every hint exists. These run without sockets.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from graders import course
from graders.text import lang, messages

LESSONS = course.lessons()


def functions(path: Path) -> dict[str, str]:
    """Public top-level functions of a module, with their signatures as text."""
    tree = ast.parse(path.read_text())
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            found[node.name] = ast.unparse(node.args) + " -> " + (ast.unparse(node.returns) if node.returns else "")
    return found


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_lesson_has_every_part(lesson: course.Lesson) -> None:
    """Everything a lesson is made of exists; the failure names every missing part at once."""
    missing = [f"{what}: {path.relative_to(course.ROOT)}" for what, path in course.parts(lesson.id).items()
               if not path.exists()]
    entry = next(e for e in course.manifest() if e["id"] == lesson.id)
    missing += [f"course.toml: {field}" for field in ("title", "text", "hints")
                if not entry.get(field)]
    assert missing == [], f"lesson {lesson.id} is missing:\n  " + "\n  ".join(missing)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_stub_and_solution_define_the_same_functions(lesson: course.Lesson) -> None:
    stub = functions(course.STUBS / f"{lesson.id}.py")
    solution = functions(course.SOLUTIONS / f"{lesson.id}.py")
    assert stub == solution


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_stub_is_a_stub(lesson: course.Lesson) -> None:
    source = (course.STUBS / f"{lesson.id}.py").read_text()
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            body = ast.get_source_segment(source, node)
            assert "# TODO 1." in body, f"{node.name} has no numbered TODO steps"
            assert isinstance(node.body[-1], ast.Raise) and "NotImplementedError" in ast.unparse(node.body[-1])
            assert ast.get_docstring(node), f"{node.name} has no docstring"


def test_nothing_stray_in_exercises_solutions_lessons_or_graders() -> None:
    ids = {lesson.id for lesson in LESSONS}
    assert {p.stem for p in course.STUBS.glob("*.py")} == ids
    assert {p.stem for p in course.SOLUTIONS.glob("*.py")} == ids
    assert {p.name for p in (course.ROOT / "lessons").glob("*.md")} == {lesson.text for lesson in LESSONS}
    for code in lang.EDITIONS[1:]:
        assert {f"{code}/{p.name}" for p in (course.ROOT / "lessons" / code).glob("*.md")} == {
            lesson.text for lesson in course.lessons(code)}
    assert {p.stem.removeprefix("test_") for p in (course.ROOT / "graders" / "lessons").glob("test_*.py")} == ids


def test_every_check_has_a_title_and_every_title_a_check() -> None:
    checks = set()
    for lesson in LESSONS:
        for line in lesson.grader.read_text().splitlines():
            if line.startswith("def test_"):
                checks.add(line[4:].split("(")[0])
    assert checks == set(messages.CHECK_TITLES)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_each_check_shows_its_title_next_to_it(lesson: course.Lesson) -> None:
    """A check's docstring starts with its title, as the report shows it (the text layer's CHECK_TITLES)."""
    wrong = []
    for node in ast.parse(lesson.grader.read_text()).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            first = (ast.get_docstring(node) or "").split("\n")[0].rstrip(".")
            title = str(messages.CHECK_TITLES.get(node.name, "")).rstrip(".")
            if first != title:
                wrong.append(f"{node.name}: docstring {first!r}, title {title!r}")
    assert wrong == [], "each check's docstring must start with its title:\n  " + "\n  ".join(wrong)


def test_message_templates_are_all_used() -> None:
    """A template no grader formats is dead text, or a check that was lost."""
    files = [*(course.ROOT / "graders").rglob("*.py"), course.ROOT / "noxfile.py", course.ROOT / "exercises" / "noxfile.py",
             course.ROOT / "tests" / "conftest.py"]
    # A template's Chinese twin (messages_zh.py, any other edition's) is not a use of it.
    editions = {"messages.py", *(f"messages_{edition}.py" for edition in lang.EDITIONS)}
    sources = "".join(p.read_text() for p in files if p.name not in editions)
    own = (course.ROOT / "graders" / "text" / "messages.py").read_text()
    unused = [name for name, value in vars(messages).items()
              if name.isupper() and isinstance(value, str) and name not in sources and own.count(name) < 2]
    assert unused == []


def test_stubs_import_without_error() -> None:
    import importlib.util

    for lesson in LESSONS:
        spec = importlib.util.spec_from_file_location(f"stub_{lesson.id}", course.STUBS / f"{lesson.id}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            assert function.__module__ == module.__name__ or name.startswith("_")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_exercises_ship_as_the_stubs(lesson: course.Lesson) -> None:
    """In the course's repository, exercises/ is a copy of graders/lessons/stubs/.

    (In a student's copy this fails once they start: these tests are for
    the course's maintainers, and say so.)
    """
    shipped = (course.STUBS / f"{lesson.id}.py").read_text()
    current = (course.EXERCISES / f"{lesson.id}.py").read_text()
    assert current == shipped, (
        f"exercises/{lesson.id}.py differs from graders/lessons/stubs/{lesson.id}.py. In the course's repository they "
        "must be the same; in a student's copy that is expected, and these tests are for maintainers.")


def _a_template(name: str) -> bool:
    """A template of the catalogue: NAME, or NAME[key] for an entry of a table of them (ERRNO_HINTS[...])."""
    table, _, key = name.partition("[")
    if not key:
        return hasattr(messages, name)
    return key.endswith("]") and key[:-1] in getattr(messages, table, {})


def test_every_known_mistake_names_templates_that_exist_not_english_words() -> None:
    """The catalogue asserts which template a verdict is written from (the same in every edition)."""
    import importlib

    wrong = []
    for lesson in LESSONS:
        for bug in importlib.import_module(f"tests.test_catalogue_{lesson.id}").BUGS:
            if not isinstance(bug.template, str):
                wrong.append(f"{bug.name}: asserts words {bug.template!r}, not a template")
                continue
            names = [name for part in bug.template.split("+") for name in part.split("|")]
            wrong += [f"{bug.name}: no template {name}" for name in names if not _a_template(name)]
    assert wrong == []


def test_every_check_is_proven_to_fail_on_a_known_mistake() -> None:
    """A check no buggy submission fails could be a check that can never fail."""
    import importlib

    caught = set()
    for lesson in LESSONS:
        catalogue = importlib.import_module(f"tests.test_catalogue_{lesson.id}")
        caught |= {bug.check for bug in catalogue.BUGS}
    assert set(messages.CHECK_TITLES) - caught == set()
