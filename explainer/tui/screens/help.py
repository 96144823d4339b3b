"""The help screen: every key and what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("1-9", "pick a choice or a quiz answer"),
    ("↑ ↓", "move between choices, or between glossary terms"),
    ("Tab, Shift+Tab", "move between the choices and the glossary terms"),
    ("Enter", "select the highlighted choice or term"),
    ("PgUp PgDn Space", "scroll the passage text"),
    ("b / f", "back and forward through the passages you have read"),
    ("g", "show or hide the glossary panel"),
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
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

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
            yield Static("[b]Keys[/b]\n")
            yield Static(table)
            yield Static(
                "\nTerms in the text are highlighted: the glossary panel lists them. "
                "Quizzes have right answers and you may try again; decisions have none, "
                "and each leads its own way.\n\n[dim]Escape closes this help.[/dim]"
            )

    def action_close(self) -> None:
        self.dismiss(None)
