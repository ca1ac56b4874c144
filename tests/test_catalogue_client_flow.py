"""Lesson client_flow: each known mistake is caught by its check; other correct styles pass."""

from __future__ import annotations

import pytest

from tests.catalogue import Bug, assert_caught, assert_passes

LESSON = "client_flow"

BUGS = [
    Bug(LESSON, "keeps_socket_open", "test_client_closes_its_socket", ("CLOSE_WAIT",)),
]

STYLES: list[str] = []


@pytest.mark.parametrize("bug", BUGS, ids=str)
def test_known_mistake_is_caught(bug: Bug) -> None:
    assert_caught(bug)


@pytest.mark.parametrize("name", STYLES)
def test_correct_style_passes(name: str) -> None:
    assert_passes(LESSON, name)
