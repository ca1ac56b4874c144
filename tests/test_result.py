"""The result model (graders/engine/result.py): made in one place, read through it everywhere, the runner's limits given.

No grading here: the model's own rules, and the code read with `ast` for a
record or a limit written a second time. A real run's records are held to
the model by tests/test_reports.py and tests/test_course.py.
"""

from __future__ import annotations

import ast
import os
import re

from graders.engine import result, sandbox
from tests.grading import ROOT

GRADERS = ROOT / "graders"


def _dict_keys(node: ast.Dict) -> set[str]:
    return {key.value for key in node.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)}


def test_no_module_but_the_model_makes_a_check_record() -> None:
    """A dict with a check's `check` and `outcome` written anywhere else is a second shape of the record."""
    makers = []
    for path in sorted(GRADERS.rglob("*.py")):
        if path.name == "result.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and {"check", "outcome", "lesson"} <= _dict_keys(node):
                makers.append(f"{path.name}:{node.lineno}")
    assert makers == [], f"check records made outside graders/engine/result.py: {makers}"


def test_a_record_that_never_ran_has_every_key_of_one_that_ran() -> None:
    ran = result.check_result("client_flow", "test_x", "X", outcome="failed", message="m", template="T",
                              templates=["T", "H"], duration=0.123456)
    never = result.never_ran("client_flow", "test_x", "X", "never ran")
    assert list(ran) == list(never) and set(ran) == set(result.CheckResult.__required_keys__)
    assert never["outcome"] == "not-run" and never["template"] == result.NEVER_RAN_TEMPLATE
    assert never["earned"] == 0 and never["points"] == 1
    assert ran["duration"] == 0.1235


def test_an_unknown_outcome_is_refused() -> None:
    try:
        result.check_result("client_flow", "test_x", "X", outcome="passd")  # type: ignore[arg-type]
    except ValueError as error:
        assert "passd" in str(error)
    else:
        raise AssertionError("an outcome no reader knows was made")


def test_a_results_file_of_an_older_grader_reads_as_the_model() -> None:
    """The never-ran records of older graders had no template; a record that is not one is left out."""
    old = {"checks": [
        {"lesson": "client_flow", "check": "test_x", "title": "X", "outcome": "not-run", "message": "m",
         "timeline": [], "duration": 0.0, "points": 1, "earned": 0},
        "not a record", {"check": "test_y"}, None,
    ]}
    records = result.checks(old)
    assert [r["check"] for r in records] == ["test_x"]
    assert set(result.CheckResult.__required_keys__) <= set(records[0])
    assert records[0]["template"] is None and records[0]["templates"] == []
    assert result.checks(None) == [] and result.checks({"checks": "nonsense"}) == []


def test_the_totals_are_counted_from_the_records() -> None:
    records = [result.check_result("l", "a", "A", earned=1), result.check_result("l", "b", "B", outcome="not-judged"),
               result.never_ran("l", "c", "C", "m")]
    totals = result.results(records, target="t", host=None, run_id=None, isolation="basic", isolation_details={},
                            netns=False, finished="")
    assert (totals["passed"], totals["not_judged"], totals["total"], totals["points"], totals["max_points"]) == (
        1, 1, 3, 1, 3)
    assert list(totals)[:7] == ["target", "host", "run_id", "isolation", "isolation_details", "netns", "finished"]


def test_the_runner_takes_every_limit_it_shares_with_the_grader_from_its_config() -> None:
    """fork_server.py runs inside the sandbox and imports nothing of the course: the limits come in its config
    (`config["limits"]`, sandbox.LIMITS), never written again there."""
    tree = ast.parse((GRADERS / "engine" / "fork_server.py").read_text(encoding="utf-8"))
    read = {node.slice.value for node in ast.walk(tree)
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "limits"
            and isinstance(node.slice, ast.Constant)}
    assert {"output", "source"} <= read, read
    assert read <= set(sandbox.LIMITS), read - set(sandbox.LIMITS)
    constants = {target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets
                 if isinstance(target, ast.Name)}
    assert not constants & {"OUTPUT_CAP", "SOURCE_LIMIT"}, "a limit of the grader's written again in the runner"


def test_the_fork_server_starts_from_its_compiled_form_and_never_from_a_stale_one(tmp_path, monkeypatch) -> None:
    """sandbox.compiled_runner: fork_server.py and wire.py compiled once, in a folder named by their hash; a
    changed source gets a new folder, and a folder that cannot be written falls back to the source."""
    import subprocess
    import sys

    from graders.engine import run, sandbox

    source = tmp_path / "engine"
    source.mkdir()
    for name in ("fork_server.py", "wire.py"):
        (source / name).write_bytes(run.RUNNER.with_name(name).read_bytes())
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "env"))
    first = sandbox.compiled_runner(source / "fork_server.py")
    assert first.suffix == ".pyc" and first.with_name("wire.pyc").exists(), first
    assert sandbox.compiled_runner(source / "fork_server.py") == first  # compiled once
    # It loads, and takes its wire module from the .pyc beside it: its folder holds no source at all.
    assert not list(first.parent.glob("*.py")), list(first.parent.iterdir())
    probe = "import runpy, sys; print(runpy.run_path(sys.argv[1], run_name='probe')['wire'].dumps(1))"
    ran = subprocess.run([sandbox.python(), "-I", "-S", "-c", probe, str(first)], capture_output=True, text=True,
                         timeout=30)
    assert ran.returncode == 0 and ran.stdout.startswith("b'"), ran.stdout + ran.stderr
    (source / "wire.py").write_text((source / "wire.py").read_text() + "\n# changed\n")
    second = sandbox.compiled_runner(source / "fork_server.py")
    assert second != first and second.parent.name.startswith("runner-"), (first, second)
    (tmp_path / "env").chmod(0o500)
    (source / "wire.py").write_text((source / "wire.py").read_text() + "\n# changed again\n")
    try:
        if os.geteuid() != 0:  # root writes anywhere
            assert sandbox.compiled_runner(source / "fork_server.py") == source / "fork_server.py"
    finally:
        (tmp_path / "env").chmod(0o700)


def _whole_escapes(cut: str, whole: str) -> bool:
    """Does `cut`, a start of the repr `whole`, end between two characters as the repr writes them? Closed with
    the repr's own quote, it reads back (a cut inside \\x.., \\u...., \\U........ or after a lone backslash
    does not), as the start of the same value."""
    if cut == whole:
        return True
    opening = whole.lstrip("b")[0]
    if len(cut) < len(whole) - len(whole.lstrip("b")) + 1:
        return True  # nothing of the value's characters yet
    try:
        back = ast.literal_eval(cut + opening)
    except (SyntaxError, ValueError):
        return False
    return ast.literal_eval(whole).startswith(back)


def test_a_value_preview_never_cuts_an_escape_in_two() -> None:
    """Every preview of a repr (timeline.show, checks' RETURN_TYPE, fork_server.describe_value) is cut between two
    characters as the repr writes them: a returned str or bytes of 100+ characters with \\u, \\U, \\x or \\\\ near
    the cut reads back whole, for every length of cut; and the runner's copy of the rule gives the same answers."""
    from graders.engine import fork_server, timeline

    values = ["é" * 3 + "\u200b" * 60 + "x" * 40, "a\\" * 70, "\U0001f600\x00" * 40, b"\xe4\xbd\xa0" * 50,
              b"ab\\\\'" * 40, "ab\u2028" * 40, ["\u200b" * 200]]
    for value in values:
        text = repr(value)
        for limit in range(1, 160):
            cut = timeline.cut_repr(text, limit)
            assert len(cut) <= limit and text.startswith(cut)
            assert cut == fork_server.cut_repr(text, limit)
            if isinstance(value, (str, bytes)):
                assert _whole_escapes(cut, text), (value, limit, cut)
                assert limit - len(cut) < 10  # no more than one escape left out
    for data in (b"\xe4\xbd\xa0" * 50, b"a" * 79 + b"\xff" * 10):
        for limit in range(2, 60):
            shown = timeline.show(data, limit)
            if "'..." in shown:
                assert _whole_escapes(shown[:shown.index("'...")], repr(data)), shown
    # A returned value that is not bytes or str crosses as its repr, cut in the runner (reprlib's own cut, in the
    # middle of a long str or bytes, split escapes: '\\u2...200b'): every escape in it whole.
    whole = re.compile(r"(?:[^\\]|\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\U[0-9a-f]{8}|\\[^xuU])*")
    for value in (["\u200b" * 400], ("\U0001f600" * 90, b"\xe4" * 400), {"k": "a\\" * 300}, [b"\xff" * 10] * 60):
        for size in range(1, 40):
            shown = fork_server.describe_value(value if size == 1 else [value] * size)["repr"]
            assert whole.fullmatch(shown) and len(shown) <= fork_server.REPR_LIMIT, shown
