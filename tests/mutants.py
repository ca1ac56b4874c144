"""Mutation testing of the graders: `nox -s mutants [-- LESSON ...] [--workers N] [--list]`.

Each reference solution (solutions/<lesson>.py) is changed in one small place
at a time (a mutant), and every mutant is graded by the real graders, as a
student's submission would be. A mutant that fails some check is killed; one
that passes every check either behaves exactly like the solution (it is then
written down as equivalent, with the reason, in tests/equivalent_mutants.toml)
or is a mistake the graders miss: a survivor, to be caught by a new check or a
stronger assertion (and a catalogue entry).

The mutants are made with the standard library's `ast`: the tool walks the
solution's syntax tree and replaces the exact source span of one node with the
text of its mutated form (`ast.unparse`), so that a mutant's diff is one line
of the solution as written. A maintained tool (cosmic-ray) would add a
dependency to the course, and mutmut 3 runs mutants in-process through a
trampoline, which the grader's sandboxed subprocesses (the student's code is
compiled from source inside its own namespaces) cannot see.

Operators: generic (comparisons, constants, arithmetic, `and`/`or`, slices,
conditions negated, deleted statements, dropped calls, swapped arguments,
`break`/`continue`, a local variable read in place of another) and of this domain (`SHUT_WR` to `SHUT_RD`, `shutdown` to
`close`, a dropped `close()`/`shutdown()`/`setsockopt`, a `with` that no longer
closes, a loop cut to one pass, `recv(n)` to `recv(1)` and to `recv(65536)`,
`sendall` for `send`, `timeout` doubled).

A mutant's key names it stably, whatever changes elsewhere in the file:
`lesson:function:operator:before -> after` (and `#2`, `#3`, ... when the same
text changes the same way twice in one function).
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import copy
import difflib
import os
import shutil
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python tests/mutants.py` as well as `python -m tests.mutants`
    sys.path.insert(0, str(ROOT))

from graders import course  # noqa: E402

SOLUTIONS = ROOT / "solutions"
EQUIVALENT = Path(__file__).resolve().parent / "equivalent_mutants.toml"
# A call's limit while grading a mutant: a mutant that hangs is stopped soon; honest code takes milliseconds,
# and the checks' own peers and deadlines do not depend on it (tests/grading.py, HANG_LIMIT).
MUTANT_CALL_LIMIT = 0.75
SOCKET_CLOSERS = {"close", "shutdown", "setsockopt"}
RECV_SIZES = (1, 65536)
SIZED_CALLS = {"recv", "recv_into", "listen", "setsockopt"}
VARIABLES = 3  # a local read in place of another: the function's first three other names
ATTRIBUTE_SWAPS = {"SHUT_WR": ("shut_rd", "SHUT_RD"), "AF_INET": ("address_family", "AF_INET6"),
                   "SOCK_STREAM": ("socket_type", "SOCK_DGRAM"), "SO_REUSEADDR": ("socket_option", "SO_KEEPALIVE"),
                   "EVENT_READ": ("selector_event", "EVENT_WRITE"), "EVENT_WRITE": ("selector_event", "EVENT_READ")}


@dataclass(frozen=True)
class Mutant:
    lesson: str
    function: str  # the enclosing function (dotted for methods), or "<module>"
    operator: str
    line: int  # where, in the solution as it is now (for the reader; not part of the key)
    col: int
    before: str  # the source text replaced
    after: str  # the text put in its place
    source: str  # the whole mutated module
    occurrence: int = 1

    @property
    def key(self) -> str:
        suffix = f" #{self.occurrence}" if self.occurrence > 1 else ""
        return f"{self.lesson}:{self.function}:{self.operator}:{_short(self.before)} -> {_short(self.after)}{suffix}"

    def diff(self, original: str) -> str:
        lines = difflib.unified_diff(original.splitlines(keepends=True), self.source.splitlines(keepends=True),
                                     f"solutions/{self.lesson}.py", f"mutant {self.operator}", n=1)
        return "".join(lines)


def _short(text: str) -> str:
    """One line of a span's text: its first line, at most 60 characters."""
    first = " ".join(text.split())
    return first if len(first) <= 60 else first[:57] + "..."


# --------------------------------------------------------------------------- the operators

COMPARE_SWAPS = {
    ast.Lt: (ast.LtE, ast.Gt), ast.LtE: (ast.Lt, ast.GtE), ast.Gt: (ast.GtE, ast.Lt), ast.GtE: (ast.Gt, ast.LtE),
    ast.Eq: (ast.NotEq,), ast.NotEq: (ast.Eq,), ast.Is: (ast.IsNot,), ast.IsNot: (ast.Is,),
    ast.In: (ast.NotIn,), ast.NotIn: (ast.In,),
}
BINOP_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult,
               ast.Div: ast.Mult, ast.Mod: ast.FloorDiv, ast.LShift: ast.RShift, ast.RShift: ast.LShift,
               ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr}


def _constant_variants(value) -> list:
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return sorted({value + 1, value - 1} - {value})
    if isinstance(value, bytes):
        return [b""] if value else [b"X"]
    if isinstance(value, str):
        return [""] if value else ["X"]
    if value is None:
        return []
    return []


def _expression_mutations(node: ast.AST) -> list[tuple[str, ast.AST]]:
    """(operator, replacement) for one expression node."""
    found: list[tuple[str, ast.AST]] = []
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        for new in COMPARE_SWAPS.get(type(node.ops[0]), ()):
            found.append(("compare", ast.Compare(node.left, [new()], node.comparators)))
    elif isinstance(node, ast.Constant):
        for value in _constant_variants(node.value):
            found.append(("constant", ast.Constant(value)))
    elif isinstance(node, ast.BinOp) and type(node.op) in BINOP_SWAPS:
        found.append(("arithmetic", ast.BinOp(node.left, BINOP_SWAPS[type(node.op)](), node.right)))
        if isinstance(node.op, ast.Add | ast.Sub):
            found.append(("arithmetic", node.left))
    elif isinstance(node, ast.BoolOp):
        found.append(("boolean", ast.BoolOp(ast.Or() if isinstance(node.op, ast.And) else ast.And(), node.values)))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        found.append(("condition", node.operand))
    elif isinstance(node, ast.Slice):
        for part in ("lower", "upper", "step"):
            if getattr(node, part) is not None:
                found.append(("slice", ast.Slice(**{**{p: getattr(node, p) for p in ("lower", "upper", "step")},
                                                    part: None})))
    elif isinstance(node, ast.Attribute) and node.attr in ATTRIBUTE_SWAPS:
        operator, new = ATTRIBUTE_SWAPS[node.attr]
        found.append((operator, ast.Attribute(node.value, new, ast.Load())))
    elif isinstance(node, ast.Tuple) and isinstance(node.ctx, ast.Load) and len(node.elts) == 2:
        found.append(("swapped_items", ast.Tuple(node.elts[::-1], ast.Load())))
    elif isinstance(node, ast.Name) and node.id == "timeout" and isinstance(node.ctx, ast.Load):
        found.append(("timeout_doubled", ast.BinOp(ast.Name("timeout", ast.Load()), ast.Mult(), ast.Constant(2))))
    elif isinstance(node, ast.Call):
        found += _call_mutations(node)
    return found


def _locals_of(function: ast.FunctionDef) -> list[str]:
    """A function's parameters, then the names it binds, in the order they first appear."""
    names = [arg.arg for arg in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)]
    for child in ast.walk(function):
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store) and child.id not in names:
            names.append(child.id)
    return names


def _variable_mutations(node: ast.AST, parents: dict) -> list[tuple[str, ast.AST]]:
    """A local variable read in place of another (the wrong one of two names): at most VARIABLES of them."""
    if not (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)):
        return []
    function = parents.get(node)
    while function is not None and not isinstance(function, ast.FunctionDef):
        function = parents.get(function)
    if function is None:
        return []
    names = _locals_of(function)
    if node.id not in names:  # a global, a module, a builtin
        return []
    others = [name for name in names if name != node.id and not name.startswith("_")][:VARIABLES]
    return [("variable", ast.Name(other, ast.Load())) for other in others]


def _call_mutations(node: ast.Call) -> list[tuple[str, ast.AST]]:
    found: list[tuple[str, ast.AST]] = []
    method = node.func.attr if isinstance(node.func, ast.Attribute) else None
    if method == "shutdown":
        found.append(("shutdown_to_close", ast.Call(ast.Attribute(node.func.value, "close", ast.Load()), [], [])))
    if method in ("recv", "recv_into"):
        index = 0 if method == "recv" else 1
        if len(node.args) > index:
            for size in RECV_SIZES:
                if not (isinstance(node.args[index], ast.Constant) and node.args[index].value == size):
                    args = list(node.args)
                    args[index] = ast.Constant(size)
                    found.append((f"recv_{size}", ast.Call(node.func, args, node.keywords)))
    if method == "send" and node.args:
        # sendall() in place of send(): the same bytes, all of them, and send()'s count made up.
        sendall = ast.Call(ast.Attribute(node.func.value, "sendall", ast.Load()), node.args, node.keywords)
        found.append(("send_to_sendall", ast.BoolOp(ast.Or(), [sendall, ast.Call(ast.Name("len", ast.Load()),
                                                                                   [node.args[0]], [])])))
    if method == "settimeout" and node.args:
        found.append(("timeout_doubled", ast.Call(node.func, [ast.BinOp(node.args[0], ast.Mult(), ast.Constant(2))],
                                                  node.keywords)))
    if node.args and not isinstance(node.args[0], ast.Starred) and method is None:
        found.append(("dropped_call", node.args[0]))  # f(x) -> x
    if len(node.args) >= 2 and not any(isinstance(a, ast.Starred) for a in node.args[:2]):
        args = list(node.args)
        args[0], args[1] = args[1], args[0]
        found.append(("swapped_arguments", ast.Call(node.func, args, node.keywords)))
    for index, keyword in enumerate(node.keywords):
        if keyword.arg is not None:
            keywords = node.keywords[:index] + node.keywords[index + 1:]
            found.append(("dropped_argument", ast.Call(node.func, node.args, keywords)))
    return found


def _statement_mutations(node: ast.stmt) -> list[tuple[str, list[ast.stmt]]]:
    """(operator, replacement statements) for one statement."""
    found: list[tuple[str, list[ast.stmt]]] = []
    if isinstance(node, ast.Break):
        found.append(("break_continue", [ast.Continue()]))
    elif isinstance(node, ast.Continue):
        found.append(("break_continue", [ast.Break()]))
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute) \
            and node.value.func.attr in SOCKET_CLOSERS:
        found.append((f"dropped_{node.value.func.attr}", [ast.Pass()]))
    elif not isinstance(node, ast.Pass | ast.FunctionDef | ast.ClassDef | ast.Import | ast.ImportFrom):
        found.append(("deleted_statement", [ast.Pass()]))
    if isinstance(node, ast.If | ast.While):
        negated = copy.copy(node)
        negated.test = ast.UnaryOp(ast.Not(), node.test)
        found.append(("condition", [negated]))
    if isinstance(node, ast.While | ast.For):
        once = copy.copy(node)
        once.body = [*node.body, ast.Break()]
        found.append(("one_pass", [once]))
    if isinstance(node, ast.AugAssign) and type(node.op) in BINOP_SWAPS:
        swapped = copy.copy(node)
        swapped.op = BINOP_SWAPS[type(node.op)]()
        found.append(("arithmetic", [swapped]))
    if isinstance(node, ast.With):
        # The with-block no longer closes what it opened: `name = expression`, then the body.
        plain: list[ast.stmt] = []
        for item in node.items:
            if item.optional_vars is not None:
                plain.append(ast.Assign([item.optional_vars], item.context_expr))
            else:
                plain.append(ast.Expr(item.context_expr))
        found.append(("with_no_close", [*plain, *node.body]))
    return found


# --------------------------------------------------------------------------- making the mutants


def _is_docstring(node: ast.AST, parents: dict) -> bool:
    parent = parents.get(node)
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            and isinstance(parent, ast.Module | ast.FunctionDef | ast.ClassDef) and parent.body[0] is node)


def _skipped(node: ast.AST, parents: dict) -> bool:
    """Nodes whose mutants say nothing about the graders: docstrings, annotations, the text of an exception."""
    chain = []
    current = node
    while current in parents:
        current = parents[current]
        chain.append(current)
    for above in chain:
        if isinstance(above, ast.JoinedStr | ast.Raise | ast.arguments):  # an exception's text; a default value
            return True
        # The sizes given to recv() (recv_1 and recv_65536 say what matters of them), a listen() backlog and
        # the value of a setsockopt(): a number one more or one less means the same to the kernel.
        if isinstance(node, ast.Constant) and isinstance(above, ast.Call) and isinstance(above.func, ast.Attribute) \
                and above.func.attr in SIZED_CALLS:
            return True
        if isinstance(above, ast.arg | ast.AnnAssign) or (
                isinstance(above, ast.FunctionDef) and (node is above.returns or _inside(node, above.returns))):
            return True
        if isinstance(above, ast.Expr) and _is_docstring(above, parents):
            return True
    if isinstance(node, ast.Expr) and _is_docstring(node, parents):
        return True
    # The names of what is imported, defined or assigned, and a subscript's target: not expressions to mutate.
    return isinstance(getattr(node, "ctx", None), ast.Store | ast.Del)


def _inside(node: ast.AST, tree: ast.AST | None) -> bool:
    return tree is not None and any(child is node for child in ast.walk(tree))


def _function_of(node: ast.AST, parents: dict) -> str:
    names = []
    current = node
    while current in parents:
        current = parents[current]
        if isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(current.name)
    return ".".join(reversed(names)) or "<module>"


def _offsets(source: str) -> list[int]:
    starts, total = [0], 0
    for line in source.splitlines(keepends=True):
        total += len(line.encode())
        starts.append(total)
    return starts


def _replace(source: str, node: ast.AST, text: str) -> tuple[str, str]:
    """The module with `node`'s exact span replaced by `text`; and the span's old text."""
    data = source.encode()
    starts = _offsets(source)
    begin = starts[node.lineno - 1] + node.col_offset
    end = starts[node.end_lineno - 1] + node.end_col_offset
    return (data[:begin] + text.encode() + data[end:]).decode(), data[begin:end].decode()


def _statements_text(statements: list[ast.stmt], indent: int) -> str:
    text = "\n".join(ast.unparse(ast.fix_missing_locations(statement)) for statement in statements)
    return text.replace("\n", "\n" + " " * indent)


def solution(lesson: str) -> str:
    return (SOLUTIONS / f"{lesson}.py").read_text()


def mutants(lesson: str, source: str | None = None) -> list[Mutant]:
    """Every mutant of a solution, in the order of the source; no two alike, none the same as the solution."""
    source = source if source is not None else solution(lesson)
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    original = ast.dump(tree)
    made: list[Mutant] = []
    seen_sources: set[str] = set()
    counts: dict[str, int] = {}
    nodes = sorted((n for n in ast.walk(tree) if hasattr(n, "lineno")), key=lambda n: (n.lineno, n.col_offset))
    for node in nodes:
        if _skipped(node, parents):
            continue
        if isinstance(node, ast.stmt):
            changes = [(op, _statements_text(new, node.col_offset)) for op, new in _statement_mutations(node)]
        elif isinstance(node, ast.expr):
            changes = [(op, f"({ast.unparse(ast.fix_missing_locations(new))})") for op, new in
                       _expression_mutations(node) + _variable_mutations(node, parents)]
        else:
            continue
        for operator, text in changes:
            mutated, before = _replace(source, node, text)
            try:
                if ast.dump(ast.parse(mutated)) == original:
                    continue
                compile(mutated, f"{lesson}.py", "exec")
            except SyntaxError:
                continue
            if mutated in seen_sources:
                continue
            seen_sources.add(mutated)
            after = text[1:-1] if isinstance(node, ast.expr) else text
            if isinstance(node, ast.stmt):  # a statement by its first line (a compound one: its header)
                before = ast.unparse(node).splitlines()[0]
                after = after.splitlines()[0]
            function = _function_of(node, parents)
            base = f"{function}:{operator}:{_short(before)} -> {_short(after)}"
            counts[base] = counts.get(base, 0) + 1
            made.append(Mutant(lesson, function, operator, node.lineno, node.col_offset, before, after, mutated,
                               counts[base]))
    return made


# --------------------------------------------------------------------------- grading them


@dataclass
class Verdict:
    mutant: Mutant
    killed: bool
    check: str | None  # the first check that failed
    outcome: str | None
    seconds: float


def grade_mutant(mutant: Mutant, call_limit: float = MUTANT_CALL_LIMIT) -> Verdict:
    """Grade one mutant with the real graders, stopping at the first failing check (-x)."""
    from tests.grading import grade

    target = Path(tempfile.mkdtemp(prefix="mutant-"))
    try:
        (target / f"{mutant.lesson}.py").write_text(mutant.source)
        graded = grade(target, [mutant.lesson], call_limit=call_limit, extra=["-x"])
    finally:
        shutil.rmtree(target, ignore_errors=True)
    failing = [r for r in graded.results.get("checks", []) if r["outcome"] not in ("passed", "skipped", "never-ran")]
    killed = graded.returncode != 0
    first = failing[0] if failing else None
    return Verdict(mutant, killed, first and first["check"], first and first["outcome"], graded.seconds)


def equivalents(path: Path = EQUIVALENT) -> dict[str, dict]:
    """The mutants written down as equivalent: key -> its entry (reason; timing: a verdict of time)."""
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text())
    return {entry["key"]: entry for entry in data.get("mutant", [])}


def main(argv: list[str] | None = None) -> int:
    known = [lesson.id for lesson in course.lessons()]
    parser = argparse.ArgumentParser(prog="nox -s mutants --", description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", metavar="LESSON", help="lessons (default: all)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gradings at once")
    parser.add_argument("--list", action="store_true", help="only list the mutants, grade none")
    parser.add_argument("--operator", action="append", default=[], help="only mutants of this operator")
    args = parser.parse_args(argv)
    for name in args.lessons:
        if name not in known:
            parser.error(f"no lesson {name!r}: {', '.join(known)}")
    lessons = args.lessons or known
    written = equivalents()
    all_mutants = {lesson: [m for m in mutants(lesson) if not args.operator or m.operator in args.operator]
                   for lesson in lessons}
    if args.list:
        for lesson, found in all_mutants.items():
            for mutant in found:
                print(f"{mutant.line}:{mutant.col} {mutant.key}")
            print(f"{lesson}: {len(found)} mutants")
        return 0
    started = time.monotonic()
    verdicts: dict[str, list[Verdict]] = {lesson: [] for lesson in lessons}
    jobs = [m for lesson in lessons for m in all_mutants[lesson]]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        for done, verdict in enumerate(pool.map(grade_mutant, jobs), 1):
            verdicts[verdict.mutant.lesson].append(verdict)
            if done % 25 == 0:
                print(f"  {done} of {len(jobs)} mutants graded ({time.monotonic() - started:.0f} s)", flush=True)
    totals = [0, 0, 0, 0]
    stale = []
    all_keys = {m.key for found in all_mutants.values() for m in found}
    for lesson in lessons:
        original = solution(lesson)
        killed = [v for v in verdicts[lesson] if v.killed]
        alive = [v for v in verdicts[lesson] if not v.killed]
        equivalent = [v for v in alive if v.mutant.key in written]
        survived = [v for v in alive if v.mutant.key not in written]
        # Killed now: the entry is stale, unless its verdict is one of time (killed on a quiet machine).
        stale += [f"{v.mutant.key} (killed by {v.check})" for v in killed
                  if v.mutant.key in written and not written[v.mutant.key].get("timing")]
        n = len(verdicts[lesson])
        print(f"{lesson}: killed {len(killed)} of {n} mutants, {len(equivalent)} equivalent, {len(survived)} survived")
        for verdict in survived:
            print(f"  SURVIVED {verdict.mutant.key}  (line {verdict.mutant.line})")
            print("    " + verdict.mutant.diff(original).replace("\n", "\n    ").rstrip())
        for total, count in zip(range(4), (len(killed), n, len(equivalent), len(survived)), strict=True):
            totals[total] += count
    if not args.operator:
        stale += [f"{key} (no such mutant)" for key in written
                  if key.split(":", 1)[0] in lessons and key not in all_keys]
    print(f"in all: killed {totals[0]} of {totals[1]} mutants, {totals[2]} equivalent, {totals[3]} survived "
          f"({time.monotonic() - started:.0f} s, {args.workers} workers)")
    for entry in stale:
        print(f"STALE entry of {EQUIVALENT.name}: {entry}")
    return 1 if totals[3] or stale else 0


if __name__ == "__main__":
    sys.exit(main())
