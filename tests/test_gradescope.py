"""The Gradescope bundle, as Gradescope uses it: built, unpacked into a root, set up, run on submissions.

AUTOGRADER_ROOT stands for /autograder; AUTOGRADER_PYTHON names this
Python (it has pytest), so setup.sh checks it instead of installing one with
apt (which needs Ubuntu and the network). Everything else is what runs on
Gradescope: run_autograder, the grader, results.json.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from graders.platforms import classroom
from graders.text import messages
from tests.grading import ROOT, SUBMISSIONS
from tests.test_reports import check_gradescope

CHECKS = sum(classroom.checks_per_lesson().values())  # one point per check


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "autograder.zip"
    proc = subprocess.run([sys.executable, "-m", "graders.platforms.gradescope", "--out", str(out), "--allow-unisolated"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and out.is_file(), proc.stdout + proc.stderr
    return out


def autograder_root(bundle: Path, tmp_path: Path, submission: dict[str, bytes]) -> Path:
    """A fresh /autograder: the bundle in source/, run_autograder beside it, the submission, results/."""
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
        for info in archive.infolist():  # zipfile drops the mode bits; Gradescope's unzip keeps them
            mode = info.external_attr >> 16
            if mode:
                os.chmod(root / "source" / info.filename, stat.S_IMODE(mode))
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")
    for name, data in submission.items():
        path = root / "submission" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "submission").mkdir(exist_ok=True)
    return root


def run_autograder(root: Path, python: str = sys.executable, **env_vars: str) -> tuple[subprocess.CompletedProcess, dict]:
    env = dict(os.environ, AUTOGRADER_ROOT=str(root), AUTOGRADER_PYTHON=python, TMPDIR=str(root.parent), **env_vars)
    setup = subprocess.run([str(root / "source" / "setup.sh")], env=env, capture_output=True, text=True, timeout=60)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    proc = subprocess.run([str(root / "run_autograder")], env=env, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    return proc, json.loads((root / "results" / "results.json").read_text())


def test_the_bundle_has_setup_and_run_autograder_at_its_root(bundle):
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
    assert {"setup.sh", "run_autograder", "requirements.txt", "course.toml", "graders/plugin.py",
            "graders/lessons/test_recv_loop.py", "solutions/recv_loop.py"} <= names
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    assert not [name for name in names if name.startswith(("exercises/", "tests/")) or "__pycache__" in name]
    setup = zipfile.ZipFile(bundle).read("setup.sh").decode()
    assert "bubblewrap" in setup and 'bin/uv" python install 3.12' in setup and "pip install --no-cache-dir --quiet uv" in setup
    # Nothing from a third-party package archive: Ubuntu's own packages, PyPI, and uv's standalone CPython.
    assert "add-apt-repository" not in setup and "ppa:" not in setup and "deadsnakes" not in setup
    assert "apt-get install -y --no-install-recommends python3 " not in setup, "the system python3 is left alone"


def test_a_good_submission_gets_full_marks(bundle, tmp_path):
    solutions = {f"my work/src/{path.name}": path.read_bytes() for path in (ROOT / "solutions").glob("*.py")}
    root = autograder_root(bundle, tmp_path, solutions)
    proc, results = run_autograder(root)
    assert proc.returncode == 0
    check_gradescope(results)
    assert results["score"] == CHECKS and len(results["tests"]) == CHECKS, proc.stdout[-3000:]
    assert all(test["status"] == "passed" for test in results["tests"])


def test_a_bad_submission_gets_its_failures_explained(bundle, tmp_path):
    submission = {"client_flow.py": (SUBMISSIONS / "client_flow" / "returns_text.py").read_bytes(),
                  "server_flow.py": (ROOT / "graders" / "lessons" / "stubs" / "server_flow.py").read_bytes(),
                  "recv_loop.py": b"def recv_exactly(sock, n:\n"}
    root = autograder_root(bundle, tmp_path, submission)
    proc, results = run_autograder(root)
    check_gradescope(results)
    by_name = {test["name"]: test for test in results["tests"]}
    assert len(by_name) == CHECKS and results["score"] == 3, json.dumps(results)[:3000]
    failed = by_name["client_flow: returns the server's reply, as bytes"]
    assert failed["status"] == "failed" and "must return bytes" in failed["output"]
    assert "not implemented yet" in by_name["server_flow: listens on the host and port it is given"]["output"]
    assert "syntax error" in by_name["recv_loop: recv_exactly() collects a message sent in pieces"]["output"]
    missing = [t for t in results["tests"] if t["name"].startswith("graceful_close: ")]
    assert missing and all("There is no file graceful_close.py" in t["output"] for t in missing)


def test_results_json_is_written_even_when_the_grader_cannot_start(bundle, tmp_path):
    root = autograder_root(bundle, tmp_path, {"client_flow.py": b""})
    env = dict(os.environ, AUTOGRADER_ROOT=str(root), AUTOGRADER_PYTHON=str(tmp_path / "no-python-here"))
    proc = subprocess.run([str(root / "run_autograder")], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    results = json.loads((root / "results" / "results.json").read_text())
    check_gradescope(results)
    assert results["score"] == 0 and "could not start" in results["output"]
    assert results["stdout_visibility"] == "hidden", "the autograder's stdout is the instructor's (INSTRUCTORS.md)"
    # And when Python starts but the grader breaks (here: the graders are gone), the Python side says why.
    (root / "source" / "graders" / "plugin.py").unlink()
    proc, results = run_autograder(root)
    check_gradescope(results)
    assert results["score"] == 0 and "could not grade this submission" in results["output"], results
    assert results["stdout_visibility"] == "hidden"


def test_the_autograder_refuses_basic_isolation_unless_built_to_allow_it(tmp_path):
    strict = tmp_path / "strict.zip"
    subprocess.run([sys.executable, "-m", "graders.platforms.gradescope", "--out", str(strict)], cwd=ROOT, check=True,
                   capture_output=True, timeout=60)
    root = autograder_root(strict, tmp_path, {"client_flow.py": (ROOT / "solutions" / "client_flow.py").read_bytes()})
    proc, results = run_autograder(root, COURSE_ISOLATION="basic")
    check_gradescope(results)
    assert results["score"] == 0 and results["tests"] == []
    assert messages.GRADESCOPE_UNISOLATED in results["output"], results
    assert results["stdout_visibility"] == "hidden"


@pytest.mark.timeout(600)  # pip downloads pytest from PyPI: on a busy machine that alone can take minutes
def test_setup_sh_builds_its_own_venv_from_a_recent_enough_system_python(bundle, tmp_path):
    """setup.sh for real, without AUTOGRADER_PYTHON: on a machine whose python3 is 3.11+ (Ubuntu 24.04, or this
    Debian 12), the venv is made from it and the grader's dependencies come from PyPI; then run_autograder grades
    with that venv. (On Ubuntu 22.04, python3 is 3.10 and setup.sh takes uv's standalone CPython instead, which
    downloads from GitHub: not run here.)"""
    system = shutil.which("python3")
    probe = subprocess.run([system or "python3", "-c", "import sys, venv, ensurepip; "
                            "sys.exit(sys.version_info < (3, 11))"], capture_output=True)
    if system is None or probe.returncode != 0 or shutil.which("bwrap") is None:
        pytest.skip("needs a system python3 3.11+ with venv, and bubblewrap (else setup.sh would run apt-get)")
    root = autograder_root(bundle, tmp_path, {"client_flow.py": (ROOT / "solutions" / "client_flow.py").read_bytes()})
    env = {key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "AUTOGRADER"))}
    env.update(AUTOGRADER_ROOT=str(root), TMPDIR=str(tmp_path))
    setup = subprocess.run([str(root / "source" / "setup.sh")], env=env, capture_output=True, text=True, timeout=300)
    if setup.returncode != 0 and "pip" in setup.stderr and ("connection" in setup.stderr.lower()
                                                           or "resolve" in setup.stderr.lower()):
        pytest.skip("PyPI is not reachable from here: " + setup.stderr[-300:])
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert "recent enough" in setup.stdout and "apt-get" not in setup.stdout + setup.stderr
    venv_python = root / "venv" / "bin" / "python"
    assert subprocess.run([str(venv_python), "-c", "import pytest, pytest_timeout"]).returncode == 0
    proc = subprocess.run([str(root / "run_autograder")], env=env, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    results = json.loads((root / "results" / "results.json").read_text())
    check_gradescope(results)
    assert results["score"] == classroom.checks_per_lesson()["client_flow"], proc.stdout[-3000:] + proc.stderr


def test_the_local_recipe_in_instructors_md_runs_as_written(bundle, tmp_path):
    """INSTRUCTORS.md's "Trying the bundle locally" lines, run by bash with only the paths made real."""
    text = (ROOT / "INSTRUCTORS.md").read_text()
    recipe = re.search(r"\*\*Trying the bundle locally\*\*.*?```sh\n(.*?)```", text, re.S)[1]
    venv = re.search(r'^COURSE_VENV = Path\("([^"]+)"\) / "([^"]+)"', (ROOT / "noxfile.py").read_text(), re.M)
    python_line = f"PY=$PWD/{venv[1]}/{venv[2]}/bin/python"
    assert recipe.startswith(python_line + "\n"), f"the recipe's Python is the noxfile's venv: {python_line}"
    student = tmp_path / "student"
    student.mkdir()
    shutil.copy(ROOT / "solutions" / "client_flow.py", student)
    root = tmp_path / "ag"
    script = (recipe.replace(python_line, f"PY={sys.executable}").replace("/tmp/ag", str(root))
              .replace("/path/to/autograder.zip", str(bundle)).replace("/path/to/student", str(student)))
    proc = subprocess.run(["bash", "-euc", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, TMPDIR=str(tmp_path)), stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    results = json.loads(proc.stdout[proc.stdout.rindex('{\n  "score"'):])  # the recipe's last line: cat results.json
    check_gradescope(results)
    assert results["score"] == classroom.checks_per_lesson()["client_flow"]
