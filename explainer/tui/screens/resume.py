"""Offers a returning reader to resume where they left off, or to start over."""

from __future__ import annotations

from textual.content import Content

from explainer.tui.screens.dialog import Dialog


class ResumeScreen(Dialog):
    """Asks whether to resume a saved journey; dismisses with ``True`` to resume (Escape resumes)."""

    def __init__(self, student: str, where: str, title: str) -> None:
        greeting = Content.assemble(("Welcome back", "bold"), (f", {student}" if student else "", "bold"), ".")
        place = Content.assemble("You left off at ", (where, "bold"))
        if title and title not in where:
            place = place + Content(": " + title)
        super().__init__(
            [greeting, place + Content(".")], yes=("r,enter,1", "Resume"), no=("s,2", "Start over"), escape_answer=True
        )
