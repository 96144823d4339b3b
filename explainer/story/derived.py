"""Numbers a story need not write by hand: each passage's minutes, and each file's section."""

from __future__ import annotations

import math
from dataclasses import replace

from explainer.story.fields import Findings
from explainer.story.model import Block, Passage, Question
from explainer.story.problems import Verbatim

WORDS_A_MINUTE = 175
MINUTES_A_QUESTION = 1


def estimated_minutes(title: str, article: str, blocks: tuple[Block, ...], question: Question | None) -> int:
    """A passage's reading time: its words at 175 a minute, and a minute for its question.

    The words are those every reader reads: the title, the quote, the body, the question and
    its options, and the feedback on a right answer. At least one minute.
    """
    pieces = [title, article, *(block.markdown for block in blocks)]
    questions = 0
    if question is not None:
        questions = 1
        pieces += [question.role, question.prompt, *(option.text for option in question.options)]
        pieces += [option.feedback for option in question.options if option.correct]
    words = sum(len(piece.split()) for piece in pieces)
    return max(1, math.floor(words / WORDS_A_MINUTE + MINUTES_A_QUESTION * questions + 0.5))


def number_sections(findings: Findings, passages: list[Passage]) -> list[Passage]:
    """The passages with the article section of each, counted from file order.

    A file is a section when one of its passages quotes the article or gives a ``section``;
    files are numbered 1, 2, 3 ... in name order, and a ``section`` given in a file wins (the
    passages after it in that file take it too). A section number that skips one, comes twice
    or goes back is an error.
    """
    by_file: dict[str, list[Passage]] = {}
    for passage in passages:
        by_file.setdefault(passage.file, []).append(passage)
    numbered: list[Passage] = []
    previous = 0
    seen: dict[int, Passage] = {}
    for members in by_file.values():
        given = next((p for p in members if p.section), None)
        if given is None and not any(p.article for p in members):
            numbered += members
            continue
        number = given.section if given is not None else previous + 1
        first = given if given is not None else members[0]
        if number in seen:
            place = Verbatim(f"{seen[number].file}:{seen[number].line}")
            findings.error(first.file, first.line, "section-twice", number=number, place=place)
        elif number != previous + 1:
            findings.error(first.file, first.line, "section-gap", number=number, previous=previous)
        seen.setdefault(number, first)
        previous = max(previous, number)
        numbered += [p if p.section else replace(p, section=number) for p in members]
    return numbered
