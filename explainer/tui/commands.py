"""Command palette: find any glossary term, or a passage already visited.

Before anything is typed it lists the terms of the passage on screen and the passages visited,
not the whole glossary: with thousands of terms, listing them all would keep the palette from
opening at once. Typing searches every term.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    pass


class StoryCommands(Provider):
    """Offers every glossary term and every visited passage."""

    def _entries(self, every_term: bool = True) -> list[tuple[str, str, Callable[[], object]]]:
        from explainer.tui.screens.story import StoryScreen
        from explainer.tui.widgets.glossary_panel import GlossaryPanel

        screen = self.screen if isinstance(self.screen, StoryScreen) else None
        if screen is None:
            return []
        terms = screen.glossary.terms if every_term else screen.query_one(GlossaryPanel).terms
        entries: list[tuple[str, str, Callable[[], object]]] = [
            (f"Term: {term.name}", term.definition[:80], partial(screen.open_term, term)) for term in terms
        ]
        for passage_id in screen.journey.visited:
            passage = screen.journey.story.passages[passage_id]
            entries.append(
                (f"Passage: {passage.title}", "a passage you have visited", partial(screen.open_passage, passage_id))
            )
        return entries

    async def discover(self) -> Hits:
        for text, help_text, command in self._entries(every_term=False):
            # Content, not str: the palette reads a str as markup, and these are a story's words.
            # (Textual's hint says str, but the palette draws Content as it is.)
            yield DiscoveryHit(Content(text), command, text=text, help=Content(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self._entries():
            score = matcher.match(text)
            if score > 0:
                hit = Hit(score, _highlight(matcher, text), command, text=text, help=Content(help_text))  # type: ignore[arg-type]
                yield hit


def _highlight(matcher: Matcher, text: str) -> Content:
    """The text with the matched letters styled, as text (``Matcher.highlight`` reads markup)."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
