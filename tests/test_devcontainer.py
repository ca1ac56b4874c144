"""The development container for students on macOS and Windows (.devcontainer/devcontainer.json).

There is no Docker daemon where the course is developed, so the container has not been built by the
tests: this checks what can be checked without one (the file is what VS Code and Codespaces read, its
image has Python 3.11+, it installs bubblewrap and nox, and it lifts the three Docker defaults that stop
bubblewrap, without --privileged), and both READMEs tell students how to use it, and how to check by
hand that the container lets bubblewrap start (a command that prints "sandbox ok").
"""

from __future__ import annotations

import json
import re

from tests.grading import ROOT

DEVCONTAINER = ROOT / ".devcontainer" / "devcontainer.json"


def config() -> dict:
    """devcontainer.json is JSON with comments (whole-line // comments here)."""
    lines = [line for line in DEVCONTAINER.read_text().splitlines() if not line.lstrip().startswith("//")]
    return json.loads("\n".join(lines))


def test_the_container_has_python_3_11_or_newer_bubblewrap_and_nox():
    settings = config()
    version = re.fullmatch(r"mcr\.microsoft\.com/devcontainers/python:(\d+)\.(\d+)(-\w+)?", settings["image"])
    assert version and (int(version[1]), int(version[2])) >= (3, 11), settings["image"]
    post = settings["postCreateCommand"]
    assert "apt-get install" in post and "bubblewrap" in post and "install nox" in post
    assert "nox -s grade --install-only" in post, "the course's venv is made while the container is built"


def test_the_container_lets_bubblewrap_make_its_namespaces_without_privileged():
    args = config()["runArgs"]
    options = {args[i + 1] for i, arg in enumerate(args) if arg == "--security-opt"}
    # seccomp: Docker's profile refuses unshare(CLONE_NEWUSER); apparmor: docker-default refuses mount;
    # systempaths: masked /proc paths make the kernel refuse a fresh /proc in a new PID namespace.
    assert options == {"seccomp=unconfined", "apparmor=unconfined", "systempaths=unconfined"}
    assert "--privileged" not in args and not any(arg.startswith("--cap-add") for arg in args)


def test_both_readmes_tell_students_on_macos_and_windows_to_use_it():
    english = " ".join((ROOT / "README.md").read_text().split())
    chinese = " ".join((ROOT / "README.zh.md").read_text().split())
    for text in (english, chinese):
        assert ".devcontainer/devcontainer.json" in text and "Codespaces" in text and "Reopen in Container" in text
    assert "## On macOS or Windows: the development container" in english
    assert "## 在 macOS 或 Windows 上：开发容器" in chinese
    check = "bwrap --unshare-all --die-with-parent --ro-bind / / --dev /dev --proc /proc true && echo sandbox ok"
    assert check in english and check in chinese
