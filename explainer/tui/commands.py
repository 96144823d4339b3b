"""Command palette: find any glossary term, or a passage already visited.

Hits show names only; the palette (``screens/palette.py``) shows the highlighted term's whole
definition under its name. Before anything is typed it lists the terms of the passage on screen
and the passages visited, not the whole glossary. Typing searches every term, and lists the best
:data:`MOST_HITS`: with thousands of terms, listing (and measuring) every match, or every
definition, would keep the palette from opening or answering at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch

from explainer.story.model import Term

if TYPE_CHECKING:
    from explainer.tui.screens.story import StoryScreen

TERM = "Term: "
PASSAGE = "Passage: "
MOST_HITS = 100
"""The most hits the palette lists; typing more narrows them."""


class StoryCommands(Provider):
    """Offers every glossary term and every visited passage."""

    async def startup(self) -> None:
        self._targets: list[Term | str] = []
        self._texts: list[str] = []
        self._folded: list[str] = []

    def _read_candidates(self, screen: StoryScreen) -> None:
        """What can be found, read at the first search of this opening of the palette."""
        if not self._targets:
            self._targets = [*screen.glossary.terms, *screen.journey.visited]
            self._texts = [_text(screen, target) for target in self._targets]
            self._folded = [text.lower() for text in self._texts]

    def _story_screen(self) -> StoryScreen | None:
        from explainer.tui.screens.story import StoryScreen

        return self.screen if isinstance(self.screen, StoryScreen) else None

    async def discover(self) -> Hits:
        from explainer.tui.widgets.glossary_panel import GlossaryPanel

        screen = self._story_screen()
        if screen is None:
            return
        targets: list[Term | str] = [*screen.query_one(GlossaryPanel).terms, *screen.journey.visited]
        for target in targets[:MOST_HITS]:
            text = _text(screen, target)
            # Content, not str: the palette reads a str as markup, and these are a story's words.
            yield DiscoveryHit(Content(text), _command(screen, target), text=text)

    async def search(self, query: str) -> Hits:
        screen = self._story_screen()
        letters = query.lower()
        if screen is None or not letters:
            return
        self._read_candidates(screen)
        folded = self._folded
        # Which to list is found by string searches alone; only those listed are scored.
        together = [index for index, text in enumerate(folded) if letters in text]
        together.sort(key=lambda index: (folded[index].find(letters), len(folded[index])))
        # Scored as Textual's own matcher scores the letters side by side, or scattered.
        found = [(index, _together(folded[index], letters), 1.5) for index in together[:MOST_HITS]]
        if len(found) < MOST_HITS:  # then the letters in order, the closest together first
            in_order = re.compile(_in_order(letters))
            scattered = [
                (match.end() - match.start(), len(text), index, match)
                for index, text in enumerate(folded)
                if letters not in text and (match := in_order.search(text)) is not None
            ]
            scattered.sort(key=lambda found: found[:3])
            found += [(index, _offsets(match), 1.0) for *_, index, match in scattered[: MOST_HITS - len(found)]]
        fuzzy = FuzzySearch()
        for index, offsets, boost in found:
            text, score = self._texts[index], fuzzy.score(folded[index], offsets) * boost
            shown = Content(text)
            for offset in offsets:
                if not text[offset].isspace():
                    shown = shown.stylize(self.match_style or "reverse", offset, offset + 1)
            yield Hit(score, shown, _command(screen, self._targets[index]), text=text)


def _together(text: str, letters: str) -> list[int]:
    """Where ``letters`` are, side by side, in ``text``."""
    place = text.find(letters)
    return list(range(place, place + len(letters)))


def _offsets(match: re.Match[str]) -> list[int]:
    """Where each letter of a match of :func:`_in_order` is."""
    return [match.start(group) for group in range(1, (match.lastindex or 0) + 1)]


def _in_order(letters: str) -> str:
    """A pattern that finds ``letters`` in order, each as early as it can be (so it never backtracks)."""
    pattern = f"({re.escape(letters[0])})"
    for letter in letters[1:]:
        pattern += f"[^{re.escape(letter)}]*+({re.escape(letter)})"
    return pattern


def _text(screen: StoryScreen, target: Term | str) -> str:
    """What the palette lists for a term or a visited passage."""
    if isinstance(target, Term):
        return TERM + target.name
    return PASSAGE + screen.journey.story.passages[target].title


def _command(screen: StoryScreen, target: Term | str) -> Callable[[], object]:
    """What choosing it does: the term's definition shown, or the passage shown again."""
    if isinstance(target, Term):
        return partial(screen.open_term, target)
    return partial(screen.open_passage, target)


def term_named(screen: object, text: str) -> Term | None:
    """The term a hit's text names, if it names one."""
    from explainer.tui.screens.story import StoryScreen

    if not isinstance(screen, StoryScreen) or not text.startswith(TERM):
        return None
    return screen.glossary.lookup(text.removeprefix(TERM))
