"""Snapshots of the main screens against the small fixture story.

Refresh the baselines with ``pytest tests/test_snapshots.py --snapshot-update`` only after
looking at the differences in the report.
"""

from __future__ import annotations

import pytest
from conftest import STORIES

from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp


def make_app() -> ExplainerApp:
    """The tiny story with a clock that stands still, so reading times are always 0 s."""
    return ExplainerApp(load_story(STORIES / "tiny"), clock=lambda: 0.0)


def test_main_screen_at_80_by_24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_a_definition_over_the_story(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(100, 30), press=["g", "enter"])


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
def test_quiz_feedback_after_a_wrong_answer(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=size, press=["2"])


def test_ending_with_the_readers_path_in_a_wide_terminal(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(140, 50), press=["1", "1", "1", "1"])


def test_help_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24), press=["question_mark"])
