"""Every argument the grader hands a student's function is of the type the lesson's contract names.

For each lesson, the reference solution is graded with a guard added at its
end: every function of the contract (the stub's def lines, read here) checks
each argument it is given against the stub's annotation, recursively
(list[tuple[str, int]] is a list of 2-tuples of str and int), and raises
TypeError naming the argument otherwise. Every check must still pass: an
argument that crossed the process boundary as another type (a tuple turned
into a list, as lesson 6's (host, port) pairs once were) fails it. The
guard is the student's process's own code, but it only ever makes a check
fail: it cannot make a wrong type pass.
"""

from __future__ import annotations

import ast
import shutil
import tempfile
from pathlib import Path

import pytest

from graders import course
from tests.grading import ROOT, describe, grade

GUARD = '''

# --- added by tests/test_argument_types.py: the contract's types, checked on every call
import functools as _functools
import types as _types
import typing as _typing

_CONTRACT = {contract!r}


def _conforms(value, hint):
    origin = _typing.get_origin(hint)
    if origin in (_typing.Union, _types.UnionType):
        return any(_conforms(value, h) for h in _typing.get_args(hint))
    if hint is None or hint is type(None):
        return value is None
    if origin is None:
        if hint is float:
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        return not isinstance(hint, type) or (isinstance(value, hint) and not (hint is int and isinstance(value, bool)))
    if not isinstance(value, origin):
        return False
    args = _typing.get_args(hint)
    if origin is list and args:
        return all(_conforms(v, args[0]) for v in value)
    if origin is tuple and args:
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_conforms(v, args[0]) for v in value)
        return len(value) == len(args) and all(_conforms(v, a) for v, a in zip(value, args))
    return True


def _guarded(name, function, hints):
    @_functools.wraps(function)
    def guard(*args, **kwargs):
        for (param, text), value in zip(hints, args):
            if not _conforms(value, eval(text, globals())):
                raise TypeError(f"{{name}}(): argument {{param}} is {{value!r}}, not {{text}} as the contract says")
        return function(*args, **kwargs)
    return guard


for _name, _hints in _CONTRACT.items():
    globals()[_name] = _guarded(_name, globals()[_name], _hints)
'''


def contract(lesson: str) -> dict[str, list[tuple[str, str]]]:
    """The stub's public functions: each parameter's name and annotation, as written."""
    tree = ast.parse((ROOT / "graders" / "lessons" / "stubs" / f"{lesson}.py").read_text())
    return {node.name: [(arg.arg, ast.unparse(arg.annotation)) for arg in node.args.args if arg.annotation]
            for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")}


@pytest.mark.parametrize("lesson", [lesson.id for lesson in course.lessons()])
def test_every_argument_is_of_the_contracts_type(lesson: str) -> None:
    functions = contract(lesson)
    assert functions and all(functions.values()), f"no annotated function in the stub of {lesson}"
    target = Path(tempfile.mkdtemp(prefix="typed-"))
    try:
        source = (ROOT / "solutions" / f"{lesson}.py").read_text()
        (target / f"{lesson}.py").write_text(source + GUARD.format(contract=functions))
        graded = grade(target, [lesson])
    finally:
        shutil.rmtree(target, ignore_errors=True)
    failing = [check for check, r in graded.checks.items() if r["outcome"] != "passed"]
    assert graded.checks and not failing, "\n\n".join(describe(graded, check) for check in failing)
