"""The story map: the tree of sections and passages, the reader's path, no spoilers."""

from __future__ import annotations

from conftest import STORIES, screen_text
from textual.widgets import Tree

from explainer.reader.journey import Journey
from explainer.reader.outline import PassageNode, Seen, outline, seen
from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp
from explainer.tui.screens.help import KEYS
from explainer.tui.screens.map import MapScreen
from explainer.tui.screens.story import StoryScreen

TIMED = STORIES / "timed"
# Section headings always show (they name the article's sections); passages unseen do not.
UNSEEN_TITLES = ["Checking the facts", "Printed at once", "The correction"]


def make_app() -> ExplainerApp:
    return ExplainerApp(load_story(TIMED))


def choose(journey: Journey, text: str) -> None:
    journey.choose(next(c for c in journey.choices() if c.text == text))


def test_the_outline_lists_sections_in_order_with_decision_branches_nested() -> None:
    sections = outline(load_story(TIMED))
    assert [s.label for s in sections] == ["Introduction", "Section 1: In court", "Section 2: The facts", "The end"]
    assert sections[1].passages == (
        PassageNode("court"),
        PassageNode("desk", (PassageNode("branch-a"), PassageNode("branch-b"))),
    )
    assert sections[2].passages == (PassageNode("facts"), PassageNode("correction"))


def test_every_passage_is_in_the_outline_once() -> None:
    story = load_story(STORIES / "tiny")

    def ids(nodes: tuple[PassageNode, ...]) -> list[str]:
        return [i for node in nodes for i in [node.passage_id, *ids(node.branches)]]

    listed = [i for section in outline(story) for i in ids(section.passages)]
    assert sorted(listed) == sorted(story.passages)


def test_passages_are_current_on_the_path_read_before_or_unseen() -> None:
    journey = Journey(load_story(TIMED))
    choose(journey, "Start")
    choose(journey, "Prosecutors")
    choose(journey, "Go on")
    journey.back()
    states = seen(journey)
    assert states["court"] is Seen.CURRENT
    assert states["intro"] is Seen.PATH
    assert states["desk"] is Seen.VISITED
    assert states["branch-a"] is Seen.UNSEEN


def test_after_an_ending_unseen_passages_become_paths_not_taken() -> None:
    journey = Journey(load_story(TIMED))
    for text in ["Start", "Prosecutors", "Go on", "Check the facts", "Go on", "Go to the end"]:
        choose(journey, text)
    states = seen(journey)
    assert states["end"] is Seen.CURRENT
    assert states["branch-b"] is Seen.NOT_TAKEN and states["correction"] is Seen.NOT_TAKEN
    journey.back()
    assert seen(journey)["branch-b"] is Seen.NOT_TAKEN


async def test_the_map_hides_unseen_titles_and_text_and_marks_where_the_reader_is() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1", "1")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        text = screen_text(app)
        assert "Story map" in text and "about 12 min in all, 7 min left" in text
        assert "Section 1: In court  7 min" in text
        assert "● Welcome to the timed story" in text and "● In court" in text
        assert "▶ At the desk" in text
        assert "(not yet seen)" in text
        for title in UNSEEN_TITLES:
            assert title not in text
        assert "The secret branch text" not in text
        assert "⏎ Open passage" in text and "esc Close map" in text


async def test_a_visited_passage_opens_from_the_map() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1", "1")
        await pilot.press("m")
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        assert tree.cursor_node is not None and tree.cursor_node.data == "desk"
        await pilot.press("up", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryScreen)
        assert screen.journey.passage.id == "court"
        assert "Who charges a person?" not in screen_text(app)  # the quiz stays answered
        assert "The court papers were unsealed." in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert screen.journey.passage.id == "desk"


async def test_an_unseen_passage_does_not_open_and_escape_closes_the_map() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert tree.cursor_node is not None and tree.cursor_node.data == "court"
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryScreen) and screen.journey.passage.id == "intro"


async def test_after_the_ending_the_map_reveals_the_paths_not_taken() -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("1", "1", "1", "1", "1", "1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryScreen) and screen.journey.passage.ending
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "(not yet seen)" not in text
        assert "· Printed at once" in text and "· The correction" in text
        assert "a path not taken" in text
        assert "The secret branch text" not in text


async def test_the_map_reads_well_in_a_wide_terminal() -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any("Section 2: The facts  3 min" in line for line in lines)
        assert "m Map" not in lines[-1]


def test_the_map_key_is_in_help() -> None:
    assert any(key == "m" and "map" in meaning for key, meaning in KEYS)
