"""The passage text, rendered as Markdown with glossary terms as links."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from explainer.story.glossary import TERM_LINK_PREFIX, Glossary
from explainer.tui.messages import TermSelected
from explainer.tui.widgets.passage_text import PassageText


class PassageView(VerticalScroll, can_focus=False):
    """Scrollable Markdown for one passage; clicking a term posts :class:`TermSelected`."""

    DEFAULT_CSS = """
    PassageView {
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    PassageView PassageText {
        max-width: 100;
        link-color: $text-accent;
        link-style: underline;
        link-background-hover: $accent-muted;
    }
    """

    def __init__(self, glossary: Glossary, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.glossary = glossary

    def compose(self) -> ComposeResult:
        yield PassageText()

    async def show(self, markdown: str) -> None:
        """Show new Markdown, with terms linked, from the top."""
        self.query_one(PassageText).update(markdown, self.glossary)
        self.scroll_home(animate=False)

    @on(PassageText.LinkClicked)
    def _link_clicked(self, event: PassageText.LinkClicked) -> None:
        event.stop()
        href = event.href
        if href.startswith(TERM_LINK_PREFIX) and href[len(TERM_LINK_PREFIX) :].isdigit():
            index = int(href[len(TERM_LINK_PREFIX) :])
            if index < len(self.glossary.terms):
                self.post_message(TermSelected(self.glossary.by_index(index)))
