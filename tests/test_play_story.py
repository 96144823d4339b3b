"""Whole paths through the real story, played by keys from the opening to the ending."""

from __future__ import annotations

import pytest
from conftest import SCENES, screen_text

from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp
from explainer.tui.screens.story import StoryScreen
from explainer.tui.widgets.choice_list import ChoiceList

# At this size the whole ending, path summary included, fits on screen.
BIG = (120, 200)


async def play(app: ExplainerApp, pilot, pick_last: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """Play to the ending: each quiz wrong first (where it can be), then right; returns the flags."""
    screen = app.screen
    assert isinstance(screen, StoryScreen)
    feedback = screen.query_one(ChoiceList)
    for _ in range(200):
        journey = screen.journey
        passage = journey.passage
        if passage.ending:
            return sorted(journey.flags)
        choices = journey.choices()
        question = passage.question
        if question is not None and question.is_quiz and not journey.solved():
            wrong = [n for n, c in enumerate(choices, 1) if not c.correct]
            right = next(n for n, c in enumerate(choices, 1) if c.correct)
            if wrong:
                await pilot.press(str(wrong[0]))
                assert feedback.feedback.startswith("\u2717 ")
                assert feedback.feedback.endswith("Try again.")
            await pilot.press(str(right))
            assert feedback.feedback.startswith("\u2713 ")
            continue
        number = len(choices) if pick_last else 1
        title = passage.title
        await pilot.press(str(number))
        await pilot.pause()
        assert screen.journey.passage.title != title or screen.journey.passage.id != passage.id
    raise AssertionError("the story did not reach its ending in 200 steps")


@pytest.mark.parametrize("pick_last", [False, True], ids=["first-options", "last-options"])
async def test_a_whole_path_reaches_the_ending_and_remembers_choices(pick_last: bool) -> None:
    app = ExplainerApp(load_story(SCENES))
    async with app.run_test(size=BIG) as pilot:
        await pilot.pause()
        assert "Introduction" in screen_text(app)
        flags = await play(app, pilot, pick_last)
        await pilot.pause()
        text = screen_text(app)
        assert "The end" in text
        assert "Your path" in text and "Decisions you took" in text
        assert "Branches not taken" in text
        assert "Quizzes right at the first try: " in text
        # The ending speaks of what this reader chose as the editor, earlier on.
        editor = {
            "editor-checked": "you went to the source",
            "editor-rushed": "print a correction",
            "editor-cut": "you cut the number",
        }
        chosen = [flag for flag in flags if flag in editor]
        assert len(chosen) == 1
        assert editor[chosen[0]] in text
        for other in set(editor) - set(chosen):
            assert editor[other] not in text


async def test_the_sections_are_counted_as_the_reader_goes() -> None:
    app = ExplainerApp(load_story(SCENES))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")  # the option is below the fold: the first press brings it into view
        await pilot.pause()
        assert "Section 1 of 5" not in screen_text(app) and "▶ 1. Start" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert "Section 1 of 5" in screen_text(app)


async def test_a_term_in_the_real_story_shows_its_definition() -> None:
    app = ExplainerApp(load_story(SCENES))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Presumed innocent" in text
        assert "guilty" in text.lower()
