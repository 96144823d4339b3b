"""Long stories are loaded and checked in two halves at once, with the same result as in turn."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SCENES, STORIES
from explainer import halves, loader, story_text
from explainer.checker import check_story
from explainer.halves import both_at_once, can_fork
from explainer.glossary import Glossary
from explainer.loader import load_story
from explainer.readability import prose_counts
from explainer.story_text import plain_prose, read_texts

needs_fork = pytest.mark.skipif(not can_fork(), reason="this system cannot fork safely here")


@needs_fork
def test_the_second_half_is_worked_out_in_another_process() -> None:
    here, there = both_at_once(os.getpid, os.getpid)
    assert here == os.getpid() != there


def test_the_results_come_back_in_order() -> None:
    assert both_at_once(lambda: [1, 4], lambda: [9, 16]) == ([1, 4], [9, 16])


def test_a_long_list_comes_back_whole_and_in_order() -> None:
    # A list is sent in several pickles, so that rebuilding it takes little more memory.
    items = [(n, str(n), [n] * (n % 3)) for n in range(1_001)]
    assert both_at_once(lambda: None, lambda: items) == (None, items)
    assert both_at_once(lambda: None, lambda: {"not": "a list"}) == (None, {"not": "a list"})


def test_an_error_in_the_copy_is_raised_here() -> None:
    def bad() -> int:
        raise ValueError("the second part is bad")

    with pytest.raises(ValueError, match="second part"):
        both_at_once(lambda: 1, bad)


def test_a_result_that_cannot_be_sent_back_is_worked_out_here() -> None:
    here, there = both_at_once(lambda: (lambda: 1), lambda: (lambda: 2))  # lambdas cannot be pickled
    assert (here(), there()) == (1, 2)


@needs_fork
def test_a_copy_that_dies_is_worked_out_here() -> None:
    parent = os.getpid()

    def dies_in_a_copy() -> int:
        if os.getpid() != parent:
            os._exit(3)
        return 2

    assert both_at_once(lambda: 1, dies_in_a_copy) == (1, 2)


def test_without_fork_both_are_worked_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(halves, "can_fork", lambda: False)
    assert both_at_once(os.getpid, os.getpid) == (os.getpid(), os.getpid())


@pytest.mark.parametrize("folder", [SCENES, *sorted(p for p in STORIES.iterdir() if p.is_dir())],
                         ids=lambda p: p.name)
def test_a_story_checked_in_halves_gives_what_it_gives_in_turn(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_turn = check_story(folder)
    # Every story in halves, however short: the halves split files, sections and passages
    # that share flags, terms, capitals and gotos.
    monkeypatch.setattr(loader, "HALVES_BYTES", 0)
    monkeypatch.setattr(story_text, "HALVES_PASSAGES", 2)
    assert check_story(folder) == in_turn
    monkeypatch.setattr(halves, "can_fork", lambda: False)
    assert check_story(folder) == in_turn


def test_the_copy_does_not_do_what_is_meant_for_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_text, "HALVES_PASSAGES", 2)
    done: list[int] = []
    read_texts(list(load_story(STORIES / "warnings").passages.values()), Glossary(()),
               meanwhile=lambda: done.append(os.getpid()))
    assert done == [os.getpid()]


def test_the_halves_are_noticed_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []

    def counting(here, there):  # type: ignore[no-untyped-def]
        calls.append(there)
        return here(), there()

    monkeypatch.setattr(loader, "both_at_once", counting)
    monkeypatch.setattr(story_text, "both_at_once", counting)
    monkeypatch.setattr(loader, "HALVES_BYTES", 0)
    monkeypatch.setattr(story_text, "HALVES_PASSAGES", 2)
    check_story(STORIES / "warnings")
    assert len(calls) == 2  # the files, then the passages' words


_PROSE = st.lists(st.sampled_from([
    "word", "Word.", "two words", "end!", "ask?", "Mr. Jin", "3.5 percent", "U.S.", " ", "\n", "\n\n",
    "don't", "a-b", "# ", "- ", "**b**", "[[IP]]", "é", "İstanbul", "中文", "...", '"Quoted."', "ß",
]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_PROSE, _PROSE)
def test_counts_of_prose_in_halves_add_up(first: str, second: str) -> None:
    pytest.importorskip("textstat")
    # Halves are made plain apart, and the reading grade adds up what each half counted.
    one, other = plain_prose(first), plain_prose(second)
    together = " ".join(text for text in (one, other) if text)
    assert prose_counts(one) + prose_counts(other) == prose_counts(together)


@pytest.mark.parametrize("sizes", [[10, 1], [1, 10], [5, 5, 5], [1, 1, 100], [100, 1, 1]])
def test_each_part_of_a_long_story_has_a_file(sizes: list[int], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    parts: list[int] = []

    def counting(here, there):  # type: ignore[no-untyped-def]
        first, second = here(), there()
        parts.extend([len(first), len(second)])
        return first, second

    for number, size in enumerate(sizes):
        body = "Words. " * size * 100
        (tmp_path / f"{number:02d}.md").write_text(
            f"---\nid: p{number}\ntitle: Part {number}\nending: true\n---\n{body}\n", encoding="utf-8")
    monkeypatch.setattr(loader, "both_at_once", counting)
    monkeypatch.setattr(loader, "HALVES_BYTES", 0)
    story = load_story(tmp_path)
    assert list(story.passages) == [f"p{n}" for n in range(len(sizes))]
    assert sum(parts) == len(sizes) and min(parts) >= 1


@needs_fork
def test_copies_that_have_sent_their_part_are_reaped() -> None:
    for number in range(5):
        assert both_at_once(lambda: 0, lambda n=number: n) == (0, number)  # type: ignore[misc]
    halves._reap_ended(wait=True)  # as at exit; each call also reaps those that have ended
    assert halves._ENDING == []
