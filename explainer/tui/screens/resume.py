"""Offers a returning reader to resume where they left off, or to start over."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from explainer.story.files import make_visible

START_OVER_QUESTION = "Start over from the beginning? (What you did so far stays in your report.)"


class ResumeScreen(ModalScreen[bool]):
    """Asks whether to resume a saved journey; dismisses with ``True`` to resume."""

    DEFAULT_CSS = """
    ResumeScreen { align: center middle; }
    ResumeScreen > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ResumeScreen #resume-keys { margin-top: 1; }
    """
    BINDINGS = [
        Binding("r,enter,1", "answer(True)", "Resume", id="resume"),
        Binding("s,2", "start_over", "Start over", id="resume-start-over"),
        Binding("escape", "answer(True)", "Resume", show=False),
    ]

    def __init__(self, student: str, where: str, title: str) -> None:
        super().__init__()
        self.student = student
        self.where = where
        self.passage_title = title

    def compose(self) -> ComposeResult:
        greeting = Text("Welcome back", style="bold")
        if self.student:
            greeting.append(", " + make_visible(self.student), style="bold")
        greeting.append(".")
        place = Text("You left off at ")
        place.append(self.where, style="bold")
        if self.passage_title and self.passage_title not in self.where:
            place.append(": " + self.passage_title)
        place.append(".")
        keys = Text()
        keys.append("r", style="bold reverse")
        keys.append("  Resume where you left off\n")
        keys.append("s", style="bold reverse")
        keys.append("  Start over from the beginning")
        with Vertical():
            yield Static(greeting)
            yield Static(place)
            yield Static(keys, id="resume-keys")

    def action_answer(self, resume: bool) -> None:
        self.dismiss(resume)

    def action_start_over(self) -> None:
        """Start over only once the reader confirms; what they did stays in the save for the report."""

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss(False)

        from explainer.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(START_OVER_QUESTION), confirmed)
