"""Reading on does not pile up memory: the screen keeps the same widgets, passage after passage."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from conftest import SCENES
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from explainer.reader.saves import SaveSlot
from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp
from explainer.tui.screens.story import StoryScreen


def resident_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))


async def read_on(pilot: Pilot[None], screen: StoryScreen, transitions: int) -> None:
    """Go on to ``transitions`` more passages by keys: quizzes answered right, choices in turn."""
    moved = 0
    while moved < transitions:
        journey = screen.journey
        choices = journey.choices()
        question = journey.passage.question
        if question is not None and question.is_quiz and not journey.solved():
            right = next(n for n, choice in enumerate(choices, start=1) if choice.correct)
            await pilot.press("end", str(right))
            continue
        if not choices:
            await pilot.press("r", "y")
            await pilot.pause()
            continue
        before = journey.passage.id
        await pilot.press("end", str(1 + moved % len(choices)))
        await pilot.pause()
        assert screen.journey.passage.id != before, "the key did not move on"
        moved += 1


def live_widgets() -> int:
    gc.collect()
    return sum(isinstance(thing, Widget) for thing in gc.get_objects())


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads memory from /proc")
async def test_sixty_more_passages_add_no_widgets_and_little_memory(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(tmp_path))
    story = load_story(SCENES)
    app = ExplainerApp(story, save_slot=SaveSlot(story, "Mem"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        await read_on(pilot, screen, 20)  # every kind of passage seen once: its widgets exist
        widgets, memory = live_widgets(), resident_mb()
        await read_on(pilot, screen, 60)
        grown_widgets, grown_memory = live_widgets() - widgets, resident_mb() - memory
    # Textual's Footer left a widget per key alive at every passage (0.27 MB a passage); the
    # bounds are loose, the shape is what counts: no growth with the number of passages.
    assert grown_widgets <= 10, f"{grown_widgets} more widgets alive after 60 passages"
    assert grown_memory <= 6, f"{grown_memory:.1f} MB more after 60 passages"


def live_strips() -> int:
    gc.collect()
    return sum(isinstance(thing, Strip) for thing in gc.get_objects())


async def test_dialogs_opened_and_closed_leave_none_of_their_lines_behind(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(tmp_path))
    app = ExplainerApp(load_story(SCENES))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("question_mark", "m", "r"):  # help, map and the start-over question, once each
            await pilot.press(key)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        strips = live_strips()
        for _ in range(10):
            for key in ("question_mark", "m", "r"):
                await pilot.press(key)
                await pilot.pause()
                assert not isinstance(app.screen, StoryScreen), f"{key} opened no screen"
                await pilot.press("escape")
                await pilot.pause()
        grown = live_strips() - strips
    # Textual kept each closed screen's drawn lines (hundreds of them per screen) through an
    # lru_cache keyed on its widgets' style caches; the bound is loose, no growth is the point.
    assert grown <= 200, f"{grown} more drawn lines alive after 30 screens opened and closed"
