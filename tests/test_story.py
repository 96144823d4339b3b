"""The real story: what it must hold, checked against the article it explains."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import SCENES, TESTS

from explainer.story.loader import load_story
from explainer.story.model import Passage, Story

HEADINGS = [
    "1989 Tiananmen Square Massacre",
    "May and June 2020 Zoom Video Calls",
    "Zoom\u2019s Response",
    "Ongoing Problem",
]


def article_sections() -> list[str]:
    """The article's five sections (the untitled opening first), as paragraph text."""
    lines = (TESTS / "article.txt").read_text(encoding="utf-8").splitlines()[1:]
    sections: list[list[str]] = [[]]
    for line in lines:
        if line.strip() in HEADINGS:
            sections.append([])
        elif line.strip():
            sections[-1].append(line.strip())
    return [" ".join(paragraphs) for paragraphs in sections]


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(SCENES)


def normalise(text: str) -> str:
    return " ".join(text.split())


def main_passages(story: Story) -> dict[int, Passage]:
    """The first passage of each article section."""
    first: dict[int, Passage] = {}
    for passage in story.passages.values():
        if passage.section and passage.section not in first:
            first[passage.section] = passage
    return first


def branch_passages(story: Story) -> set[str]:
    """Passages that decision options lead to."""
    return {
        option.goto
        for passage in story.passages.values()
        if passage.question is not None and not passage.question.is_quiz
        for option in passage.question.options
    }


def test_each_article_section_is_quoted_word_for_word_in_its_own_numbered_file(story: Story) -> None:
    sections = article_sections()
    assert len(sections) == 5
    mains = main_passages(story)
    assert sorted(mains) == [1, 2, 3, 4, 5]
    for number, text in enumerate(sections, start=1):
        passage = mains[number]
        assert normalise(passage.article) == normalise(text), f"section {number}"
        assert Path(passage.file).name.startswith(f"{number:02d}-")


def test_there_is_an_opening_and_one_ending(story: Story) -> None:
    opening = story.passages[story.start]
    assert opening.section == 0 and Path(opening.file).name.startswith("00-")
    endings = [p for p in story.passages.values() if p.ending]
    assert len(endings) == 1


def test_every_section_has_a_quiz_and_a_decision(story: Story) -> None:
    kinds: dict[int, Counter[str]] = {n: Counter() for n in range(1, 6)}
    for passage in story.passages.values():
        if passage.question is not None and passage.section:
            kinds[passage.section][passage.question.kind.value] += 1
    for section, counts in kinds.items():
        assert counts["quiz"] >= 1, f"section {section} has no quiz"
        assert counts["decision"] >= 1, f"section {section} has no decision"


def test_at_least_twelve_branch_passages(story: Story) -> None:
    assert len(branch_passages(story)) >= 12


def test_every_quiz_option_explains_itself_and_every_quiz_has_a_right_answer(story: Story) -> None:
    for passage in story.passages.values():
        question = passage.question
        if question is not None and question.is_quiz:
            assert any(option.correct for option in question.options), passage.id
            assert all(option.feedback.strip() for option in question.options), passage.id


def test_the_reader_takes_the_four_roles(story: Story) -> None:
    roles = " ".join(
        passage.question.role.lower()
        for passage in story.passages.values()
        if passage.question is not None and not passage.question.is_quiz
    )
    for role in ("host", "liaison", "prosecutor", "editor"):
        assert role in roles, role


@pytest.mark.parametrize(
    "words",
    [
        ("fewer than ten",),
        ("given name", "family name"),
        ("four",),
        ("prosecutor", "fbi"),
        ("entity list",),
    ],
)
def test_the_fact_check_thread_runs_through_quizzes(story: Story, words: tuple[str, ...]) -> None:
    quizzes = [
        " ".join([p.question.prompt, *(o.text + " " + o.feedback for o in p.question.options)]).lower()
        for p in story.passages.values()
        if p.question is not None and p.question.is_quiz
    ]
    assert any(all(word in quiz for word in words) for quiz in quizzes), words


def test_choices_set_flags_that_the_ending_recalls(story: Story) -> None:
    # That every flag set is tested, and every flag tested is set, is check's (below).
    set_flags = {flag for passage in story.passages.values() for choice in passage.all_choices for flag in choice.sets}
    assert len(set_flags) >= 5
    ending = next(p for p in story.passages.values() if p.ending)
    assert any(block.condition is not None for block in ending.blocks)


def test_at_least_twenty_five_glossary_terms_with_definitions(story: Story) -> None:
    assert len(story.terms) >= 25
    assert all(term.definition for term in story.terms)


def test_check_finds_nothing_to_warn_about_in_the_story() -> None:
    # The one test that the shipped story is clean: no error, and no warning (every passage
    # reached, only the ending a dead end, every flag set and tested, every term used, prose
    # at grade 9 or below).
    from explainer.checks.check import check_story

    assert [problem.labelled() for problem in check_story(SCENES)] == []
