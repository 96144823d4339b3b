"""The glossary side panel: the terms in this passage and the chosen definition."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explainer.story.model import Term
from explainer.tui.messages import TermSelected


class GlossaryPanel(Vertical):
    """Lists the passage's terms; choosing one posts :class:`TermSelected`."""

    DEFAULT_CSS = """
    GlossaryPanel {
        width: 30%;
        min-width: 24;
        max-width: 44;
        border-left: solid $primary;
        padding: 0 1;
    }
    GlossaryPanel #glossary-title { text-style: bold; }
    GlossaryPanel #terms {
        height: auto;
        max-height: 45%;
        border: none;
        border-left: blank;
        padding: 0;
        background: transparent;
    }
    GlossaryPanel #terms:focus {
        border: none;
        border-left: outer $accent;
    }
    GlossaryPanel #definition-box { height: 1fr; border-top: solid $primary-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.terms: list[Term] = []

    def compose(self) -> ComposeResult:
        yield Static("Glossary", id="glossary-title")
        yield OptionList(id="terms", markup=False)
        with VerticalScroll(id="definition-box", can_focus=False):
            yield Static(id="definition")

    def show_terms(self, terms: list[Term]) -> None:
        """List the terms of the current passage."""
        self.terms = terms
        option_list = self.query_one("#terms", OptionList)
        option_list.clear_options()
        option_list.add_options(Option(Text(term.name)) for term in terms)
        if terms:
            option_list.highlighted = 0
        hint = "Choose a term to read what it means." if terms else "No glossary terms here."
        self.query_one("#definition", Static).update(Text(hint, style="dim italic"))

    def show_definition(self, term: Term) -> None:
        """Show one term's definition, aliases and source."""
        text = Text()
        text.append(term.name, style="bold")
        text.append("\n" + term.definition)
        if term.aliases:
            text.append("\nAlso: " + ", ".join(term.aliases), style="dim")
        if term.source:
            text.append("\nSource: " + term.source, style="italic")
        self.query_one("#definition", Static).update(text)
        if term in self.terms:
            self.query_one("#terms", OptionList).highlighted = self.terms.index(term)

    @on(OptionList.OptionSelected, "#terms")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(TermSelected(self.terms[event.option_index]))
