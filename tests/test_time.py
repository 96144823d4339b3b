"""Reading time: the main line, the minutes left on it, and the progress display."""

from __future__ import annotations

import pytest
from conftest import SCENES, STORIES, screen_text

from explainer.reader.journey import Journey
from explainer.reader.outline import main_line, minutes_left, outline
from explainer.story.loader import load_story
from explainer.story.model import Block, Choice, Passage, Story
from explainer.tui.app import ExplainerApp

TIMED = STORIES / "timed"


def choose(journey: Journey, text: str) -> None:
    journey.choose(next(c for c in journey.choices() if c.text == text))


def test_the_main_line_takes_the_first_way_on_and_skips_what_flags_do_not_offer() -> None:
    story = load_story(TIMED)
    assert main_line(story, story.start) == ["intro", "court", "desk", "branch-a", "facts", "end"]


def test_flags_set_on_the_way_open_conditional_choices() -> None:
    story = load_story(TIMED)
    assert main_line(story, "branch-b", frozenset({"printed"})) == ["branch-b", "facts", "correction", "end"]


def test_minutes_left_count_the_current_passage_and_the_main_line_after_it() -> None:
    journey = Journey(load_story(TIMED))
    assert minutes_left(journey) == 1 + 4 + 1 + 2 + 3 + 1
    choose(journey, "Start")
    assert minutes_left(journey) == 4 + 1 + 2 + 3 + 1
    choose(journey, "Prosecutors")
    choose(journey, "Go on")
    choose(journey, "Print it now")
    assert minutes_left(journey) == 5 + 3 + 2 + 1
    choose(journey, "Go on")
    choose(journey, "Write a correction")
    choose(journey, "Go to the end")
    assert minutes_left(journey) == 1


def test_each_section_has_the_minutes_of_its_passages_on_the_main_line() -> None:
    sections = outline(load_story(TIMED))
    assert [(s.label, s.minutes) for s in sections] == [
        ("Introduction", 1),
        ("Section 1: In court", 4 + 1 + 2),
        ("Section 2: The facts", 3),
        ("The end", 1),
    ]


def test_a_loop_ends_the_main_line_instead_of_hanging() -> None:
    def passage(pid: str, goto: str) -> Passage:
        return Passage(pid, pid, (Block("text"),), "f.md", 1, minutes=2, choices=(Choice("on", goto=goto),))

    story = Story({"a": passage("a", "b"), "b": passage("b", "a")}, (), start="a")
    assert main_line(story, "a") == ["a", "b"]
    assert minutes_left(Journey(story)) == 4


async def test_the_progress_display_shows_the_minutes_left() -> None:
    app = ExplainerApp(load_story(TIMED))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "about 12 min left" in screen_text(app).splitlines()[0]
        await pilot.press("1")
        await pilot.pause()
        assert "about 11 min left" in screen_text(app).splitlines()[0]


async def test_a_story_without_minutes_shows_the_minutes_worked_out_from_its_words() -> None:
    story = load_story(STORIES / "tiny")
    # Every passage is short: a minute each, its question included.
    assert {p.id: p.minutes for p in story.passages.values()} == {
        "start": 1,
        "choose": 1,
        "outside": 1,
        "inside": 1,
        "end": 1,
    }
    app = ExplainerApp(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "about 4 min left" in screen_text(app).splitlines()[0]


@pytest.mark.skipif(not SCENES.is_dir(), reason="the real story is not in this checkout")
def test_the_real_story_has_a_main_line_to_its_ending_with_minutes_in_every_section() -> None:
    story = load_story(SCENES)
    line = main_line(story, story.start)
    assert story.passages[line[-1]].ending
    assert all(section.minutes > 0 for section in outline(story))
