"""What line mode's commands say: help, choice numbers, where the reader is, the map, terms."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from explainer.reader.journey import Journey
from explainer.reader.outline import PassageNode, count_of, outline, seen
from explainer.story.model import Term

HELP = """\
Type the number of a choice and press Enter (1, 1. or one all choose the first).
  l        look: the passage again
  c        the question and its choices again (Enter alone does the same)
  w        where you are: the section, how far you have come, the minutes left
  t        the glossary terms of this passage, one to a line
  g TERM   what a term means (d TERM too; Tab completes a term's name)
  b        go back one passage
  f        go forward again
  m        a map: the sections, and the passages you have read
  r        start over from the beginning
  h        this help
  q        quit (your progress is kept)"""
TEACHER_HELP = """
Teacher mode:
  n        the teacher's notes for this passage
  k        reveal the answer key of the open quiz (hidden until then)"""
HELP_HINT = "Type h and press Enter to hear every command."

NUMBER_WORDS = {
    word: number
    for number, word in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"], start=1)
}


def choice_number(typed: str) -> int | None:
    """The choice number in ``1``, ``1.``, ``1)`` or ``one``; ``-1`` for a number too big to be one."""
    text = typed.strip().rstrip(".)").strip().casefold()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    # Only ASCII digits: "²" and "①" are digits to isdigit() but not to int().
    if text and text.isascii() and text.isdigit():
        return int(text) if len(text) <= 6 else -1
    return None


def terms_starting(prefix: str, terms: Iterable[Term]) -> list[Term]:
    """The terms with a name (or alias) that starts with ``prefix``, ignoring case and accents."""
    wanted = _folded(prefix)
    found = {t.name: t for t in terms if any(_folded(name).startswith(wanted) for name in t.names)}
    return list(found.values())


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def map_lines(journey: Journey) -> list[str]:
    """The story's sections, each followed by the passages this reader has read in it."""
    states = seen(journey)
    passages = journey.story.passages
    lines = []
    for section in outline(journey.story):
        ids = [p for node in section.passages for p in _flat(node)]
        read = [p for p in ids if states[p].value in ("current", "path", "visited")]
        lines.append(
            f"{section.label}: {count_of(len(read), 'passage')} read, about {count_of(section.minutes, 'minute')}."
        )
        for passage_id in read:
            here = " (you are here)" if states[passage_id].value == "current" else ""
            lines.append(f"  {passages[passage_id].title}{here}")
    return lines


def _flat(node: PassageNode) -> list[str]:
    return [node.passage_id] + [p for branch in node.branches for p in _flat(branch)]


def terms_list(here: list[Term]) -> list[str]:
    """The terms of a passage, one to a line, and how to hear one."""
    if not here:
        return ["There are no glossary terms in this passage."]
    return [
        f"{count_of(len(here), 'term')} here:",
        *(term.name for term in here),
        f"Type g and a term to hear what it means, e.g. g {here[0].name}.",
    ]


def definition_lines(typed: str, candidates: list[Term]) -> list[str]:
    """A term's definition when one term fits what was typed; otherwise the candidates, or none."""
    if not candidates:
        return [f"The glossary has no term {typed!r}. Type t to list the terms here."]
    if len(candidates) > 1:
        return [f"More than one term starts with {typed!r}:", *(t.name for t in candidates), "Type more of the name."]
    term = candidates[0]
    lines = [term.name, term.definition.strip()]
    if term.aliases:
        lines.append("Also: " + ", ".join(term.aliases))
    if term.source:
        lines.append("Source: " + term.source)
    return lines
