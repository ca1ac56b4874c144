"""Start `python -m pytest` grading runs without paying for pytest's import each time.

The test suite grades about 400 submissions, each in a fresh `python -m
pytest -p graders.plugin` process. About a third of each run's CPU time is
Python importing pytest itself: the same work, 400 times. A zygote is a
process that has imported pytest (and the standard modules the grader
uses) once; for each grading it forks, and the child becomes that grading
run: it takes the run's working folder, environment, arguments and output
files, then runs pytest exactly as `python -m pytest` would. Everything the
run does (loading the plugin, probing the isolation, entering its network
namespace, starting its fork servers, writing its JSON) happens in the
child, as in a fresh process. The zygote never imports anything of the
course (`graders`, `tests`), so each child imports the graders of its own
course root (a scratch copy, for the adversarial tests), in its own edition.

Protocol, one request at a time on the zygote's stdin and stdout: a JSON line
{"args", "env", "cwd", "stdout", "stderr"} in; "pid <n>" out when the child
starts, "exit <code>" out when it has ended. The zygote exits at EOF.
"""

from __future__ import annotations

import json
import os
import sys


def _preload() -> None:
    """What every grading run imports before it reads its arguments: pytest, and the standard library."""
    import importlib
    import pkgutil

    import _pytest
    import pytest  # noqa: F401

    for module in pkgutil.walk_packages(_pytest.__path__, "_pytest."):
        try:
            importlib.import_module(module.name)
        except Exception:  # an optional part of pytest whose dependency is missing
            pass
    for name in ("ast", "ctypes", "dataclasses", "hashlib", "json", "selectors", "shutil", "signal", "socket",
                 "subprocess", "threading", "tempfile", "faulthandler", "resource", "struct", "textwrap"):
        importlib.import_module(name)


def _become(request: dict) -> None:
    """In the forked child: become `cd CWD && ENV... python -m pytest ARGS >STDOUT 2>STDERR </dev/null`."""
    import tempfile

    import pytest

    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.dont_write_bytecode = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
    sys.pycache_prefix = os.environ.get("PYTHONPYCACHEPREFIX") or None
    tempfile.tempdir = None  # TMPDIR is read again, from this run's environment
    sys.path[0] = os.getcwd()  # what `python -m` puts first: the folder it runs in
    sys.argv = [sys.executable, *request["args"]]
    for fd, path, flags in ((0, os.devnull, os.O_RDONLY), (1, request["stdout"], os.O_WRONLY | os.O_CREAT),
                            (2, request["stderr"], os.O_WRONLY | os.O_CREAT)):
        opened = os.open(path, flags, 0o600)
        os.dup2(opened, fd)
        os.close(opened)
    code = pytest.main(request["args"])
    raise SystemExit(int(code))  # an ordinary interpreter exit: atexit handlers and finalizers run


def serve() -> None:
    _preload()
    requests, answers = sys.stdin.buffer, sys.stdout
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become(request)  # never returns: SystemExit ends this child
        answers.write(f"pid {pid}\n")
        answers.flush()
        _, status = os.waitpid(pid, 0)
        answers.write(f"exit {os.waitstatus_to_exitcode(status)}\n")
        answers.flush()


if __name__ == "__main__":
    serve()
