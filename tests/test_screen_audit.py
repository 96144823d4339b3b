"""A screen audit: every reachable state of a story, at the sizes people use, checked on screen.

For each passage (as first reached), each quiz before an answer and after each wrong answer,
and each decision: the highlighted option is on screen whenever there is one; ↓ and ↑ reach
every option, each shown when highlighted; Home brings back the title and End the last line
from any focus; and every definition can be read to its last line by keys.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SCENES, STORIES, screen_text

from explainer.reader.journey import Journey
from explainer.story.loader import load_story
from explainer.story.model import Story
from explainer.tui.app import ExplainerApp
from explainer.tui.screens.definition import DefinitionScreen
from explainer.tui.screens.story import StoryScreen
from explainer.tui.widgets.choice_list import MARKER

SIZES = [(60, 20), (80, 24), (120, 40)]
HIGHLIGHT = re.compile(re.escape(MARKER.strip()) + r" (\d+)\. ")


@dataclass(frozen=True)
class State:
    """A way to a screen: the choices (by text) from the start, and wrong answers given there."""

    path: tuple[str, ...]
    wrong: tuple[str, ...] = ()

    def journey(self, story: Story) -> Journey:
        journey = Journey(story)
        for text in self.path + self.wrong:
            journey.choose(next(c for c in journey.choices() if c.text == text))
        return journey


def states(story: Story) -> list[State]:
    """Each passage as first reached, and each quiz after every wrong answer, in story order."""
    found: list[State] = []
    seen: set[str] = set()
    queue = [State(())]
    while queue:
        state = queue.pop(0)
        journey = state.journey(story)
        passage = journey.passage
        if passage.id in seen:
            continue
        seen.add(passage.id)
        found.append(state)
        path = state.path
        question = passage.question
        if question is not None and question.is_quiz:
            found += [State(path, (option.text,)) for option in question.options if not option.correct]
            path += (next(option.text for option in question.options if option.correct),)
        for choice in State(path).journey(story).choices():
            queue.append(State(path + (choice.text,)))
    return found


def _words(text: str) -> str:
    return " ".join(text.split())


def shown(app: ExplainerApp, selector: str = "#reading") -> str:
    """The words drawn inside one widget's region of the screen (the reading column by default)."""
    region = app.screen.query_one(selector).region
    rows = screen_text(app).splitlines()[region.y : region.bottom]
    return _words(" ".join(row[region.x : region.right] for row in rows))


def highlighted(app: ExplainerApp) -> list[int]:
    """The numbers of the options drawn as highlighted on screen now."""
    return [int(number) for number in HIGHLIGHT.findall(shown(app))]


async def audit(story: Story, size: tuple[int, int]) -> list[str]:
    """Every failure seen on screen at this size, one line each (none is good)."""
    failures: list[str] = []
    app = ExplainerApp(story)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        for state in states(story):
            journey = state.journey(story)
            screen.journey = journey
            await screen.show_passage()
            await settled(app)
            if state.wrong:
                # The wrong answer is given as a reader gives it: its number, once it is in view.
                number = 1 + [c.text for c in journey.choices()].index(state.wrong[0])
                await tap(app, pilot, "end", str(number))
            await pilot.pause()
            name = f"{size[0]}x{size[1]} {journey.passage.id}" + (" after a wrong answer" if state.wrong else "")
            failures += await check_state(app, pilot, journey, name, scrolling=not state.wrong)
    return failures


async def settled(app: ExplainerApp) -> None:
    """Wait until the screen has been drawn, so that what a key began has shown."""
    drawn = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(drawn.set_result, None)
    await drawn


async def tap(app: ExplainerApp, pilot: object, *keys: str) -> None:
    """Press keys as the terminal sends them to the bindings, each shown before the next."""
    for key in keys:
        app.simulate_key(key)
        await pilot.pause()  # type: ignore[attr-defined]
        await settled(app)


async def drawn_apart_from(app: ExplainerApp, before: list[int]) -> None:
    """Wait, a few frames at most, for the highlight to be drawn somewhere else than ``before``.

    A busy machine can show the frame of a key a refresh later than the key's own.
    """
    for _ in range(20):
        if highlighted(app) != before:
            return
        await asyncio.sleep(0.05)
        await settled(app)


async def check_state(app: ExplainerApp, pilot: object, journey: Journey, name: str, scrolling: bool) -> list[str]:
    """The checks of one screen: the highlight and every option; with ``scrolling``, the scroll keys."""
    failures = []
    choices = journey.choices()
    title = _words(journey.passage.title)[:30]
    last = _words(choices[-1].text)[:40] if choices else "start over"
    if len(highlighted(app)) > 1:
        failures.append(f"{name}: more than one option highlighted")
    # Home and End, from the text and (after End, ↓) from an option.
    for focus in ("the text", "an option") if scrolling else ():
        if focus == "an option":
            await tap(app, pilot, "end", "down")
        await tap(app, pilot, "home")
        if title not in shown(app):
            failures.append(f"{name}: Home from {focus} does not bring back the title")
        await tap(app, pilot, "end")
        if last not in shown(app):
            failures.append(f"{name}: End from {focus} does not show the last line")
    if not choices:
        return failures
    # From the end: ↓ into the options, ↑ to the first, then ↓ to the last.
    await tap(app, pilot, "end", "down")
    reached: list[int] = []
    for _ in range(4 * len(choices)):
        now = highlighted(app)
        if len(now) != 1:
            failures.append(f"{name}: no highlighted option on screen ({reached})")
            break
        if _words(choices[now[0] - 1].text)[:30] not in shown(app):
            failures.append(f"{name}: option {now[0]} is highlighted but its text is not shown")
        reached.append(now[0])
        if now[0] == len(choices) and 1 in reached:
            break
        await tap(app, pilot, "down" if 1 in reached else "up")
        await drawn_apart_from(app, now)
    if sorted(set(reached)) != list(range(1, len(choices) + 1)):
        failures.append(f"{name}: ↑ and ↓ reached options {sorted(set(reached))} of {len(choices)}")
    # PgUp never moves the highlight to another answer: it stays, or it goes with its option.
    before = highlighted(app)
    await tap(app, pilot, "pageup")
    after = highlighted(app)
    if after and after != before:
        failures.append(f"{name}: PgUp moved the highlight from {before} to {after}")
    return failures


async def audit_definitions(story: Story, size: tuple[int, int]) -> list[str]:
    """Every definition, opened and read to its last line by keys alone."""
    failures = []
    app = ExplainerApp(story)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        for term in story.terms:
            screen.open_term(term)
            await pilot.pause()
            await settled(app)
            if not isinstance(app.screen, DefinitionScreen):
                failures.append(f"{term.name}: no definition opened")
                continue
            last = _words(term.source or term.definition)[-30:]
            seen = shown(app, "#definition-scroll")
            presses = 0
            while last not in seen and presses < 60:  # a page at a time, as a reader would
                await tap(app, pilot, "pagedown")
                presses += 1
                seen = shown(app, "#definition-scroll")
            if last not in seen:
                failures.append(f"{size[0]}x{size[1]} {term.name}: the last line never shows")
            await tap(app, pilot, "home")
            if _words(term.name)[:30] not in shown(app, "#definition-scroll"):
                failures.append(f"{size[0]}x{size[1]} {term.name}: Home does not bring back the name")
            await tap(app, pilot, "escape")
    return failures


STORY_FOLDERS = [SCENES, STORIES / "long", STORIES / "tiny", STORIES / "trees"]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("folder", STORY_FOLDERS, ids=lambda folder: Path(folder).name)
async def test_every_state_reads_by_keys(folder: Path, size: tuple[int, int]) -> None:
    story = load_story(folder)
    assert await audit(story, size) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("folder", [SCENES, STORIES / "long"], ids=lambda folder: Path(folder).name)
async def test_every_definition_reads_to_its_last_line(folder: Path, size: tuple[int, int]) -> None:
    story = load_story(folder)
    assert await audit_definitions(story, size) == []


def test_the_audit_reaches_every_passage_and_every_wrong_answer() -> None:
    story = load_story(SCENES)
    found = states(story)
    assert {state.journey(story).passage.id for state in found} == set(story.passages)
    quizzes = [p for p in story.passages.values() if p.question is not None and p.question.is_quiz]
    wrong = sum(not option.correct for quiz in quizzes for option in quiz.question.options)  # type: ignore[union-attr]
    assert sum(bool(state.wrong) for state in found) == wrong
