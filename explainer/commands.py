"""Command palette: find any glossary term, or a passage already visited."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .screens.story import StoryScreen


class StoryCommands(Provider):
    """Offers every glossary term and every visited passage."""

    def _entries(self) -> list[tuple[str, str, object]]:
        from .screens.story import StoryScreen

        screen = self.screen if isinstance(self.screen, StoryScreen) else None
        if screen is None:
            return []
        entries: list[tuple[str, str, object]] = [
            (f"Term: {term.term}", term.definition[:80], partial(screen.open_term, term))
            for term in screen.glossary.terms
        ]
        for passage_id in screen.journey.visited:
            passage = screen.journey.story.passages[passage_id]
            entries.append((f"Passage: {passage.title}", "a passage you have visited",
                            partial(screen.open_passage, passage_id)))
        return entries

    async def discover(self) -> Hits:
        for text, help_text, command in self._entries():
            yield DiscoveryHit(text, command, text=text, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, command in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, text=text,  # type: ignore[arg-type]
                          help=help_text)
