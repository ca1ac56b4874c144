"""Every verdict a check can give is proven: its message template is asserted by a known-buggy submission.

A check names the template its verdict is written from in `CheckFailed`
(`template`: the first line's, `messages.NAME.format(...)`). This test reads
the graders' source for every template a check can fail with, as the first
argument of `fail(...)`, `CheckFailed(...)`, `_ended(...)` or
`call.failure(...)`, a `template=` given by name, a message built from a list
of lines (its first line), and the first line of each branch of
`StudentCall.failure`; and asserts that each is named by a catalogue entry
(`BUGS` of tests/test_catalogue_<lesson>.py, as "A|B+H"; the pathological
`CASES`), or by the test named in `PROVEN_ELSEWHERE`, whose source must name
it. A template no entry asserts is a verdict branch never seen to work, or a
dead one: add the submission that reaches it, or remove the branch.
"""

from __future__ import annotations

import ast
import importlib

from graders import course
from graders.text import messages

# The modules whose code judges: the lessons' checks and the shared judgements.
VERDICT_MODULES = ["engine/checks.py", "engine/conversation.py", "engine/clients.py", "engine/student.py",
                   "engine/run.py", *(f"lessons/test_{lesson.id}.py" for lesson in course.lessons())]
VERDICT_CALLS = {"fail", "CheckFailed", "_ended", "failure"}
# Asserted by a test that is not a catalogue entry (it needs more than one check, or the report's text).
PROVEN_ELSEWHERE = {
    "HUNG_BEFORE": "tests/test_report.py",  # a later check of a function stopped in an earlier one
    "SLOW_BEFORE": "tests/test_report.py",
    "IMPORT_HUNG_BEFORE": "tests/test_report.py",
    "NOT_IMPLEMENTED": "tests/test_course.py",  # the stubs, as shipped
    "MISSING_MODULE": "tests/test_course.py",  # a lesson's file missing (a catalogue entry is a file)
    "NOT_JUDGED": "tests/test_not_judged.py",  # a system without the kernel's view: not a student's mistake
    # a reset no call met: its one submission's whole report is over one screen, so it is graded on its check alone
    "CROWD_RESET_UNASKED": "tests/test_catalogue_event_loop.py",
}
# Reached only by timing, never by construction: a submission cannot reach them every time, so no catalogue
# entry can assert them (a check that passes 99 times in 100 is broken). With the reason.
TIMING_ONLY = {
    "SILENT_LATE": "a close after the bound but before the grader stops the call: the call is stopped at its "
                   "bound, unless another run of the lesson is still live (then its stack is taken later), so a "
                   "late close is seen only in that window (graders/lessons/test_timeouts.py, _try_all)",
    "TRICKLE_LATE": "as SILENT_LATE, for the trickling server",
    "STALL_LATE": "as SILENT_LATE, for the server that trickles, then stalls",
    "DEAF_LATE": "as SILENT_LATE, for the server that never answers the handshake",
    "CROWD_CLOSED_UNREAD": "lesson 8, F closed by a server that never read it again: an RST when F's last lines "
                           "already wait in the server's queue at its close, a FIN when they reach it after (F sends "
                           "them as it drains), which is the moment's (never_resumes_then_closes: its DELIVERED check "
                           "fails either way)",
}
# Reached by no known submission, kept as a guard (a branch that would otherwise let a check pass), with the
# reason: the coordinator decides whether it goes.
GUARDS = {
    "CLIENT_NO_FIN": "the client's end neither FIN nor RST with its sockets closed: a child holding a copy was the "
                     "way (a FIN never sent), and every process of the call is now examined, so that copy fails "
                     "the socket check first (child_keeps_socket_setsid); without this branch such an end would pass",
}
# Not a verdict on the student's code, with the reason.
NOT_A_STUDENTS_VERDICT = {
    "FORKSERVER_GONE": "the grader's own fork server died: the student's code cannot reach it (the sandbox), so "
                       "no submission can make it happen; it is the grader failing, said plainly",
}


def _template_names(node: ast.AST) -> set[str]:
    """messages.NAME / text.NAME in this expression, the template of a `.format(...)` only."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _template_names(node.func.value)
    found = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and isinstance(child.value, ast.Name) \
                and child.value.id in ("text", "messages") and child.attr.isupper():
            found.add(child.attr)
    return found


def _first_lines(body: list[ast.stmt]) -> set[str]:
    """The templates of the first `lines.append(...)` of a branch (recursing into if/else)."""
    for statement in body:
        if isinstance(statement, ast.If):
            return _first_lines(statement.body) | _first_lines(statement.orelse)
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) \
                and isinstance(statement.value.func, ast.Attribute) and statement.value.func.attr == "append" \
                and statement.value.args:
            return _template_names(statement.value.args[0])
    return set()


def verdict_templates() -> dict[str, set[str]]:
    """Template name -> the modules whose checks can fail with it."""
    found: dict[str, set[str]] = {}
    for name in VERDICT_MODULES:
        tree = ast.parse((course.ROOT / "graders" / name).read_text())
        assigned: dict[str, set[str]] = {}  # local names bound to templates (template = A if ... else B)
        lists: dict[str, ast.expr] = {}  # lines = [first, ...]
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                assigned.setdefault(node.targets[0].id, set()).update(_template_names(node.value))
                if isinstance(node.value, ast.List) and node.value.elts:
                    lists[node.targets[0].id] = node.value.elts[0]
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and name == "engine/student.py" and node.name == "failure":
                # Its first if/elif chain decides the first line (the output's lines come after).
                for statement in [s for s in node.body if isinstance(s, ast.If)][:1]:
                    if True:
                        branches, current = [], statement
                        while True:
                            branches.append(current.body)
                            if len(current.orelse) == 1 and isinstance(current.orelse[0], ast.If):
                                current = current.orelse[0]
                                continue
                            if current.orelse:
                                branches.append(current.orelse)
                            break
                        for branch in branches:
                            names |= _first_lines(branch)
            if not isinstance(node, ast.Call):
                continue
            func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if func not in VERDICT_CALLS:
                continue
            for keyword in node.keywords:
                if keyword.arg == "template" and isinstance(keyword.value, ast.Constant):
                    names.add(keyword.value.value)
            if not node.args:
                continue
            first = node.args[0]
            head = first.func.value if isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute) \
                and first.func.attr == "format" else first
            # "\n".join(lines) or "\n".join([first, ...]): the first line's template
            joined = first.args[0] if isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute) \
                and first.func.attr == "join" and first.args else None
            if joined is None:
                names |= _template_names(head)
            if isinstance(head, ast.Name):
                names |= assigned.get(head.id, set())
            if isinstance(joined, ast.List) and joined.elts or isinstance(joined, ast.Name) and joined.id in lists:
                line = joined.elts[0] if isinstance(joined, ast.List) else lists[joined.id]
                head = line.func.value if isinstance(line, ast.Call) and isinstance(line.func, ast.Attribute) \
                    and line.func.attr == "format" else line
                names |= _template_names(head)
                if isinstance(head, ast.Name):
                    names |= assigned.get(head.id, set())
        for template in names:
            if isinstance(getattr(messages, template, None), str):
                found.setdefault(template, set()).add(name)
    return found


def asserted_templates() -> set[str]:
    """Every template a catalogue entry asserts (main, alternatives and the ones filled in)."""
    named: set[str] = set()
    for lesson in course.lessons():
        for bug in importlib.import_module(f"tests.test_catalogue_{lesson.id}").BUGS:
            for part in str(bug.template).split("+"):
                named |= set(part.split("|"))
    for module in ("tests.test_pathological", "tests.test_pathological_crowd"):
        for case in importlib.import_module(module).CASES.values():
            named |= set(case[1].split("+"))
    return named


def test_the_scan_finds_the_verdicts_of_every_kind() -> None:
    """The scan is not empty by mistake: it finds a lesson's own, a shared check's, and the harness's templates."""
    found = verdict_templates()
    assert {"CLIENT_SENT", "SOCKET_NOT_CLOSED", "HUNG", "RAISED", "NOT_IMPLEMENTED", "CROWD_NOT_JOINED"} <= set(found)


def test_every_verdict_template_is_asserted_by_a_known_mistake() -> None:
    found = verdict_templates()
    asserted = asserted_templates()
    elsewhere = {name for name, path in PROVEN_ELSEWHERE.items() if name in (course.ROOT / path).read_text()}
    missing = sorted(set(found) - asserted - elsewhere - set(NOT_A_STUDENTS_VERDICT) - set(TIMING_ONLY)
                     - set(GUARDS))
    assert missing == [], "verdicts no catalogue entry asserts (add a buggy submission, or remove the branch):\n  " + \
        "\n  ".join(f"{name} ({', '.join(sorted(found[name]))})" for name in missing)


def test_the_exceptions_are_still_verdicts() -> None:
    """An exception for a template that no check can fail with any more is stale."""
    found = verdict_templates()
    stale = sorted(name for name in (*PROVEN_ELSEWHERE, *NOT_A_STUDENTS_VERDICT, *TIMING_ONLY, *GUARDS) if name not in found)
    assert stale == []
