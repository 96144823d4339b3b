"""The story's shape worked out once: the same figures as walking the story at every key."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest
from conftest import REPO, SCENES, STORIES

from explainer.reader.outline import main_line, minutes_of
from explainer.reader.shape import StoryShape
from explainer.reader.shown import where
from explainer.story.loader import load_story
from explainer.story.model import Block, Choice, Condition, Passage, Story

sys.path.insert(0, str(REPO / "benchmarks"))
import synthetic


def passage(pid: str, *gotos: str, minutes: int = 1, flag: str = "") -> Passage:
    choices = tuple(
        Choice(text=f"to {goto}", goto=goto, condition=Condition(flag) if flag and n == 0 else None)
        for n, goto in enumerate(gotos)
    )
    return Passage(pid, pid, (Block("x"),), "f.md", 1, choices=choices, minutes=minutes, ending=not gotos)


# c's first way on leads back to a: from a the line passes it over, from c it is taken.
LOOPS = Story(
    {
        "a": passage("a", "b", minutes=1),
        "b": passage("b", "c", minutes=2),
        "c": passage("c", "a", "d", minutes=4),
        "d": passage("d", "e", "b", minutes=8, flag="lit"),
        "e": passage("e", minutes=16),
    },
    (),
    start="a",
)


def flag_sets(story: Story) -> list[frozenset[str]]:
    tested = sorted(
        {c.condition.flag for p in story.passages.values() for c in p.ways_on if c.condition is not None}
        | {flag for p in story.passages.values() for c in p.ways_on for flag in c.sets}
    )[:4]
    return [frozenset(chosen) for n in range(len(tested) + 1) for chosen in itertools.combinations(tested, n)]


def stories(tmp_path: Path) -> list[Story]:
    folders = [SCENES, STORIES / "timed", STORIES / "trees", synthetic.write_story(tmp_path / "synthetic", 60)]
    return [load_story(folder) for folder in folders] + [LOOPS]


@pytest.mark.parametrize("backwards", [True, False])
def test_minutes_left_match_the_main_line_from_every_passage_with_any_flags(tmp_path: Path, backwards: bool) -> None:
    for story in stories(tmp_path):
        shape = StoryShape(story)
        ids = list(story.passages)
        for passage_id in reversed(ids) if backwards else ids:
            for flags in flag_sets(story):
                expected = minutes_of(story, main_line(story, passage_id, flags))
                assert shape.minutes_left(passage_id, flags) == expected, (story.start, passage_id, flags)


def test_where_names_the_section_as_before(tmp_path: Path) -> None:
    for story in stories(tmp_path):
        shape = StoryShape(story)
        for passage_ in story.passages.values():
            assert shape.where(passage_) == where(story, passage_)


def test_the_loop_story_has_lines_that_differ_by_where_they_start() -> None:
    assert main_line(LOOPS, "a") == ["a", "b", "c", "d"]
    assert main_line(LOOPS, "c") == ["c", "a", "b"]
    shape = StoryShape(LOOPS)
    assert (shape.minutes_left("a"), shape.minutes_left("c")) == (15, 7)
