"""Shared test helpers: fixture stories and reading what the reader sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

TESTS = Path(__file__).parent
STORIES = TESTS / "stories"
REPO = TESTS.parent
SCENES = REPO / "scenes"


def screen_text(app: App[object]) -> str:
    """The text on the app's current screen, one line per terminal row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, so no test touches the user's saves."""
    folder = tmp_path / "explainer-data"
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(folder))
    return folder
