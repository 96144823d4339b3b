"""The help screen: every key and what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from explainer.tui.widgets.keys_bar import KeysBar

KEYS = [
    ("1-9", "pick a choice or a quiz answer (one out of view is brought into view first)"),
    ("↑ ↓", "move between choices, or between glossary terms"),
    ("Tab, Shift+Tab", "move between the text, the choices and the glossary terms"),
    ("Enter", "select the highlighted choice, or open the highlighted term"),
    ("PgUp PgDn", "scroll the passage a page up or down"),
    ("Space, Shift+Space", "scroll a page down or up"),
    ("Home End", "go to the top or the end of the passage"),
    ("b / f", "back and forward through the passages you have read"),
    ("g", "show the glossary panel and move to its terms, or hide it"),
    ("m", "the story map; Enter there opens a passage read"),
    ("t", "next theme: dark, light, high contrast"),
    ("Ctrl+P", "find any glossary term, or a passage you have visited"),
    ("r", "start over from the beginning"),
    ("?", "this help"),
    ("q, Ctrl+Q", "quit"),
]
# Only in teacher mode (--teacher): a student's help does not point at the answer keys.
TEACHER_KEYS = [
    ("n", "show or hide the teacher's notes"),
    ("k", "reveal the answer key of the open quiz (hidden until then)"),
]


class HelpScreen(ModalScreen[None]):
    """Lists the keys; any of Escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 1fr;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape,question_mark", "close", "Close help", key_display="Esc"),
        Binding("q", "close", "Close", show=False),
        Binding("pageup", "scroll(-1)", "Page up", show=False, priority=True),
        Binding("pagedown,space", "scroll(1)", "Page down", show=False, priority=True),
    ]

    def __init__(self, teacher: bool = False) -> None:
        super().__init__()
        self.teacher = teacher

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, meaning in KEYS + (TEACHER_KEYS if self.teacher else []):
            table.add_row(key, meaning)
        with VerticalScroll():
            yield Static("[b]Keys[/b]  (Escape closes this help; PgDn for more)\n")
            yield Static(table)
            yield Static(
                "\nTerms in the text are highlighted: the glossary panel lists them (g), and "
                "Enter on one shows its whole definition. Quizzes have right answers and you may "
                "try again; decisions have none, and each leads its own way."
            )
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_scroll(self, pages: int) -> None:
        scroll = self.query_one(VerticalScroll)
        if pages > 0:
            scroll.scroll_page_down(animate=False)
        else:
            scroll.scroll_page_up(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
