"""Shared test helpers: fixture stories and reading what the reader sees."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from textual.app import App
from textual.pilot import Pilot

from explainer.reader.journey import Journey
from explainer.reader.option_order import reader_seed
from explainer.story.model import Story

TESTS = Path(__file__).parent
STORIES = TESTS / "stories"
REPO = TESTS.parent
SCENES = REPO / "scenes"
CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, which .ci/run installs; browser tests skip without it."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
"""Headless flags for a machine with no network but its own."""


def benchmark_module(name: str) -> ModuleType:
    """A module of ``benchmarks/`` (the synthetic stories, the hostile bodies), imported from its file."""
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def screen_text(app: App[object]) -> str:
    """The text on the app's current screen, one line per terminal row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def screen_once_shown(pilot: Pilot[object], part: str, timeout: float = 5) -> str:
    """The screen's text once ``part`` is on it, or after ``timeout`` seconds (a busy machine draws late)."""
    for _ in range(int(timeout / 0.1)):
        if part in (text := screen_text(pilot.app)):
            return text
        await pilot.pause(0.1)
    return screen_text(pilot.app)


def option_key(story: Story, passage_id: str, text: str, student: str = "") -> str:
    """The number key that picks the quiz option with this text, in the order this student sees."""
    shown = Journey(story, seed=reader_seed(student)).options_shown(story.passages[passage_id])
    return str(next(number for number, option in enumerate(shown, start=1) if option.text == text))


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, so no test touches the user's saves."""
    folder = tmp_path / "explainer-data"
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(folder))
    return folder
