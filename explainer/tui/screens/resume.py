"""Offers a returning reader to resume where they left off, or to start over."""

from __future__ import annotations

from textual.content import Content

from explainer.story.files import make_visible
from explainer.tui.screens.dialog import Dialog

START_OVER_QUESTION = "Start over from the beginning? (What you did so far stays in your report.)"


class ResumeScreen(Dialog):
    """Asks whether to resume a saved journey; dismisses with ``True`` to resume (Escape resumes)."""

    def __init__(self, student: str, where: str, title: str) -> None:
        name = make_visible(student)
        greeting = Content.assemble(("Welcome back", "bold"), (f", {name}" if name else "", "bold"), ".")
        place = Content.assemble("You left off at ", (where, "bold"))
        if title and title not in where:
            place = place + Content(": " + title)
        super().__init__(
            [greeting, place + Content(".")], yes=("r,enter,1", "Resume"), no=("s,2", "Start over"), escape_answer=True
        )

    def action_answer(self, answer: bool) -> None:
        """Resume at once; start over only once the reader confirms (what they did stays in the save)."""
        if answer:
            self.dismiss(True)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss(False)

        from explainer.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(START_OVER_QUESTION), confirmed)
