"""A glossary term's whole definition, over the story, scrolled by keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from explainer.story.model import Term
from explainer.tui.widgets.keys_bar import KeysBar


def definition_text(term: Term) -> Text:
    """The term, its definition, its other names and its source, as text (never markup)."""
    text = Text()
    text.append(term.name, style="bold")
    text.append("\n\n" + term.definition)
    if term.aliases:
        text.append("\n\nAlso written: " + ", ".join(term.aliases), style="italic")
    if term.source:
        text.append("\n\nSource: " + term.source, style="italic")
    return text


class DefinitionScreen(ModalScreen[None]):
    """Shows one definition whole: ↑ ↓ PgUp PgDn Home End scroll it, Escape or Enter closes it."""

    DEFAULT_CSS = """
    DefinitionScreen { align: center middle; }
    DefinitionScreen > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface;
    }
    DefinitionScreen VerticalScroll { height: auto; max-height: 1fr; padding: 0 1; }
    DefinitionScreen #more { color: $text-muted; padding: 0 1; height: 1; dock: bottom; }
    """
    BINDINGS = [
        Binding("escape,enter", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("pageup", "scroll(-1)", "Page up", show=False, priority=True),
        Binding("pagedown,space", "scroll(1)", "Page down", show=False, priority=True),
        Binding("home", "edge(0)", "Top", show=False, priority=True),
        Binding("end", "edge(1)", "End", show=False, priority=True),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, term: Term) -> None:
        super().__init__()
        self.term = term

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll(id="definition-scroll"):
                yield Static(definition_text(self.term), id="definition")
            yield Static(id="more")
        yield KeysBar()

    def on_mount(self) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.focus()
        self.call_after_refresh(self._say_if_more)
        self.watch(scroll, "scroll_y", lambda _y: self._say_if_more())

    def _say_if_more(self) -> None:
        """Say, below the text, whether more of it lies below: a reader is never shown half of it silently."""
        scroll = self.query_one(VerticalScroll)
        more = scroll.scroll_y < scroll.max_scroll_y
        self.query_one("#more", Static).update(Text("More below: ↓ or PgDn", style="italic") if more else "")

    def action_scroll(self, pages: int) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_page_down(animate=False) if pages > 0 else scroll.scroll_page_up(animate=False)

    def action_edge(self, end: int) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_end(animate=False) if end else scroll.scroll_home(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
