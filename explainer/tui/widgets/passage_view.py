"""The passage text, rendered as Markdown with glossary terms as links."""

from __future__ import annotations

from textual import on

from explainer.story.glossary import Glossary
from explainer.story.markdown import is_safe, term_index
from explainer.story.token_tree import Tree
from explainer.tui.messages import TermSelected
from explainer.tui.widgets.laid_out_once import LaidOutOnce
from explainer.tui.widgets.passage_text import PassageText


class PassageView(PassageText, LaidOutOnce):
    """Markdown for one passage, as tall as it is; a term clicked posts :class:`TermSelected`, a web link opens.

    The passage text itself, with no container around it: one widget fewer to lay out and draw
    at every passage.
    """

    DEFAULT_CSS = """
    PassageView {
        max-width: 100;
    }
    """

    def __init__(self, glossary: Glossary, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.glossary = glossary

    async def show(self, markdown: str) -> Tree:
        """Show new Markdown, with terms linked; returns it parsed (to find its terms without parsing again)."""
        return self.update(markdown, self.glossary)

    @on(PassageText.LinkClicked)
    def _link_clicked(self, event: PassageText.LinkClicked) -> None:
        event.stop()
        href = event.href
        index = term_index(href)
        if index is not None:
            if index < len(self.glossary.terms):
                self.post_message(TermSelected(self.glossary.by_index(index)))
        elif is_safe(href):
            # Handed to the system's browser; never fetched here.
            self.app.open_url(href)
            self.app.copy_to_clipboard(href)
            self.notify(f"Opening {href} in your browser (the address is copied too).", timeout=4, markup=False)
