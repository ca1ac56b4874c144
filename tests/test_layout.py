"""The layout of graders/ (ARCHITECTURE.md, "Where each concern lives"): floors, no circle, modules of a readable size.

Every import of a module of graders/ by another, read with `ast` (the ones inside a function too), must
go to a package on the same floor or below; the modules must not import each other in a circle; and a
module over 500 lines says why in its opening docstring or comment ("Over 500 lines: ..."). The floors:

    6  graders/plugin.py            pytest's entry: ties the engine, the tools' record and the platforms' reports
    5  graders/tools/, platforms/   the student's tools and the instructors' platforms
    4  graders/lessons/             each lesson's checks and reference peers
    3  graders/engine/              the grading engine
    2  graders/course.py            the manifest (course.toml)
    1  graders/text/                every word the student reads, and the editions

An import made by importlib with a computed name (graders/lessons/all_peers.py) is not read here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRADERS = ROOT / "graders"
FLOORS = {"text": 1, "course.py": 2, "engine": 3, "lessons": 4, "tools": 5, "platforms": 5, "plugin.py": 6}
LONG = 500
REASON = re.compile(r"over 500 lines\W+\w", re.IGNORECASE)


def modules(graders: Path = GRADERS) -> dict[str, Path]:
    """graders.x.y -> its file, for every module of the grader (a lesson's stub as shipped is the student's)."""
    found = {}
    for path in sorted(graders.rglob("*.py")):
        parts = path.relative_to(graders.parent).with_suffix("").parts
        if "stubs" in parts:
            continue
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of graders/ that this file imports (a package's face stands for the package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module
                     for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name.startswith("graders.") or name == "graders":
                found.add(name)
    return found


def graph(graders: Path = GRADERS) -> dict[str, set[str]]:
    known = modules(graders)
    return {name: imports(path, known) - {name} for name, path in known.items()}


def floor(name: str) -> int | None:
    """The floor of a module, by its package (None: graders/__init__.py or a package's face, which holds nothing)."""
    parts = name.split(".")
    if len(parts) == 1:
        return None
    return FLOORS.get(parts[1] if parts[1] in FLOORS else f"{parts[1]}.py")


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_of_the_grader_stands_on_a_floor() -> None:
    unplaced = [name for name in modules() if name.count(".") >= 1 and floor(name) is None
                and not name.endswith(tuple(f".{package}" for package in FLOORS))]
    assert unplaced == [], f"modules of graders/ outside every package of a floor (tests/test_layout.py): {unplaced}"


def test_no_import_runs_back_up_a_floor() -> None:
    edges = graph()
    upward = [f"{name} (floor {floor(name)}) imports {other} (floor {floor(other)})"
              for name, others in sorted(edges.items()) for other in sorted(others)
              if floor(name) is not None and floor(other) is not None and floor(other) > floor(name)]
    assert upward == [], "an import from a lower floor up to a higher one:\n  " + "\n  ".join(upward)


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert circles(graph()) == [], "modules of graders/ that import each other in a circle"


def test_a_module_over_500_lines_says_why() -> None:
    unexplained = []
    for path in modules().values():
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        if lines <= LONG:
            continue
        opening = ast.get_docstring(ast.parse(source)) or "".join(
            line for line in source.splitlines(keepends=True)[:20] if line.startswith("#"))
        if not REASON.search(opening):
            unexplained.append(f"{path.relative_to(ROOT)} ({lines} lines)")
    assert unexplained == [], ("modules over 500 lines whose opening docstring does not say why "
                               "(\"Over 500 lines: ...\"):\n  " + "\n  ".join(unexplained))


def test_the_test_sees_an_upward_import_and_a_circle(tmp_path: Path) -> None:
    """The checks above on a small made-up graders/: they can fail."""
    for file, text in {"__init__.py": "", "text/__init__.py": "", "engine/__init__.py": "",
                       "text/words.py": "from graders.engine import run\n",
                       "engine/run.py": "def f():\n    from graders.text import words\n"}.items():
        (tmp_path / "graders" / file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "graders" / file).write_text(text)
    edges = graph(tmp_path / "graders")
    assert edges["graders.text.words"] == {"graders.engine.run"}
    assert circles(edges) == [["graders.engine.run", "graders.text.words"]]
    assert floor("graders.text.words") < floor("graders.engine.run")


def defined_twice(source: str) -> list[str]:
    """The module-level names that `source` assigns more than once."""
    names = [target.id for node in ast.parse(source).body if isinstance(node, (ast.Assign, ast.AnnAssign))
             for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
             if isinstance(target, ast.Name)]
    return sorted({name for name in names if names.count(name) > 1})


def test_no_message_template_is_defined_twice() -> None:
    """A template's name given twice in the text layer: the second silently replaces the first, and the lesson
    that used the first tells the other's words (a session's new EXPECTED_RESET_RAISED replaced lesson 5's)."""
    for path in (ROOT / "graders" / "text").glob("*.py"):
        assert defined_twice(path.read_text(encoding="utf-8")) == [], path
    assert defined_twice("A = 'x'\nB = 'y'\nA = 'z'\n") == ["A"]  # the check itself can fail
