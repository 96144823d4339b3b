"""Big content stays usable: a long passage, a big glossary, and the palette that searches it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import benchmark_module, screen_once_shown, screen_text

from explainer.story.loader import load_story
from explainer.tui.app import ExplainerApp
from explainer.tui.commands import MOST_HITS
from explainer.tui.screens.story import StoryScreen
from explainer.tui.widgets.passage_text import PassageText

synthetic = benchmark_module("synthetic")
LONG_DEFINITION = " ".join(f"word{n}" for n in range(60)) + " and the very last words."
GLOSSARY = f"""terms:
  - term: Alpha term
    definition: {LONG_DEFINITION}
  - term: Alphabet soup
    definition: Letters in a bowl, the second definition.
"""
PASSAGE = "---\nid: start\ntitle: Start\nending: true\n---\nThe Alpha term and the Alphabet soup.\n"


def one_line(text: str) -> str:
    """The screen's words in one line, as a reader reads across wrapped lines."""
    return " ".join(text.replace("│", " ").split())


async def test_the_palette_lists_names_and_shows_the_highlighted_definition_whole(tmp_path: Path) -> None:
    (tmp_path / "01.md").write_text(PASSAGE, encoding="utf-8")
    (tmp_path / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    app = ExplainerApp(load_story(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"alpha")
        await pilot.pause(0.3)
        shown = await screen_once_shown(pilot, "the very last words")
        assert "Term: Alpha term" in shown and "Term: Alphabet soup" in shown
        # The highlighted term's definition, whole and wrapped; the other's not listed.
        assert LONG_DEFINITION in one_line(shown)
        assert "the second definition" not in shown
        assert max(len(line) for line in shown.splitlines()) <= 80
        await pilot.press("down")
        shown = await screen_once_shown(pilot, "the second definition")
        assert "Letters in a bowl, the second definition." in one_line(shown)
        assert "the very last words" not in shown
        await pilot.press("enter")  # the definition on a screen of its own
        await pilot.pause(0.3)
        assert "Letters in a bowl" in screen_text(app)


# Growth (generous bounds, in CPU time: the shape, not the speed) ------------------------------


async def _toggle_costs(folder: Path, keys: list[str]) -> float:
    """The least CPU time of hiding or showing the glossary, after ``keys``, at 80x24."""
    app = ExplainerApp(load_story(folder))
    best = float("inf")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.3)
        await pilot.press("g")  # to the terms
        await pilot.pause(0.3)
        for _ in range(6):
            began = time.process_time()
            await pilot.press("g")
            await pilot.pause()
            best = min(best, time.process_time() - began)
    return best


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_a_100_kb_passage_draws_only_what_is_on_screen_and_reaches_its_last_line(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    story = load_story(synthetic.write_big_story(tmp_path / "big", terms=300))
    app = ExplainerApp(story)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("end", "1")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, StoryScreen) and screen.journey.passage.id == "long"
        lines = app.query_one(PassageText).lines()
        assert len(lines) > 1000
        await pilot.press("end")
        await pilot.pause(0.3)
        last = lines.line(len(lines) - 1).plain.strip()
        assert last and last in screen_text(app)
        assert lines.made() < 200  # a few screens' worth of a thousand lines and more


async def test_toggling_the_glossary_beside_100_kb_costs_about_what_it_costs_beside_a_short_passage(
    tmp_path: Path,
) -> None:
    big = synthetic.write_big_story(tmp_path / "big", terms=300)
    short = synthetic.write_big_story(tmp_path / "short", terms=300, size=1_000)
    long_toggle = await _toggle_costs(big, ["end", "1"])
    short_toggle = await _toggle_costs(short, ["end", "1"])
    assert long_toggle < 2.5 * short_toggle + 0.01


async def _palette_costs(folder: Path) -> float:
    """The CPU time of opening the palette and typing the last term's name, at 80x24."""
    story = load_story(folder)
    app = ExplainerApp(story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        began = time.process_time()
        await pilot.press("ctrl+p", *story.terms[-1].name)
        await pilot.pause(0.3)
        used = time.process_time() - began
        assert f"Term: {story.terms[-1].name}" in screen_text(app)
        assert screen_text(app).count("Term: ") <= MOST_HITS
    return used


async def test_the_palette_with_5000_terms_costs_little_more_than_with_50(tmp_path: Path) -> None:
    small_story = synthetic.write_big_story(tmp_path / "small", terms=50, size=1_000)
    large_story = synthetic.write_big_story(tmp_path / "large", terms=5_000, size=1_000)
    small = min([await _palette_costs(small_story) for _ in range(2)])
    large = min([await _palette_costs(large_story) for _ in range(2)])
    # A hundred times the terms: listing and measuring every match (or definition) was 10x.
    assert large < 4 * small + 0.05


async def test_a_term_name_too_long_for_the_glossary_panel_is_wrapped_and_the_names_after_it_still_listed(
    tmp_path: Path,
) -> None:
    long_name = "Very long term name " * 3 + "the end"
    (tmp_path / "01.md").write_text(PASSAGE.replace("Alpha term", long_name), encoding="utf-8")
    (tmp_path / "glossary.yaml").write_text(GLOSSARY.replace("Alpha term", long_name), encoding="utf-8")
    app = ExplainerApp(load_story(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = [line.split("│")[-1].strip() for line in screen_text(app).splitlines() if "│" in line]
        names = panel[panel.index("Glossary") + 1 :]
        # The long name over several rows, whole, and the next name on the row after it.
        rows = names.index("Alphabet soup")
        assert rows > 1 and " ".join(names[:rows]) == long_name
