"""Contrast of what the app draws, in every theme, with 16 colours and without colour (WCAG)."""

from __future__ import annotations

import pytest
from conftest import STORIES
from contrast import contrast_of
from rich.color import ColorSystem

from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp
from explainer.tui.themes import CYCLE

# What is measured, by words drawn on the tiny story's first screen (at 100x30).
ELEMENTS = {
    "text": "The cat sat",
    "glossary term in the text and in the panel": "Pet",
    "highlighted option": "On the mat",
    "focus marker": "▶",
    "footer key": "1-9",
    "footer label": "Choose",
    "question": "Where did",
}
LARGE = {"title": "A tiny story"}  # headings: 3:1 is enough for large text
COLOURS = {"truecolor": None, "16 colours": ColorSystem.STANDARD}


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
@pytest.mark.parametrize("theme", CYCLE)
async def test_every_theme_reaches_wcag_contrast(theme: str, no_color: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = ExplainerApp(load_story(STORIES / "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await pilot.pause()
        await pilot.pause()
        low = []
        for colours, system in COLOURS.items():
            for element, words in ELEMENTS.items():
                measured = contrast_of(app, words, system)
                if measured < 4.5:
                    low.append(f"{colours}: {element} {measured:.2f}:1")
            for element, words in LARGE.items():
                measured = contrast_of(app, words, system)
                if measured < 3:
                    low.append(f"{colours}: {element} {measured:.2f}:1")
        assert low == []


def test_the_contrast_measure_is_wcags() -> None:
    from contrast import ratio

    assert round(ratio((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(ratio((118, 118, 118), (255, 255, 255)), 2) == 4.54  # the well-known 4.5:1 grey
