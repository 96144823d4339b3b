"""A yes/no question over the current screen."""

from __future__ import annotations

from textual.content import Content

from explainer.tui.screens.dialog import Dialog


class ConfirmScreen(Dialog):
    """Asks a yes/no question; dismisses with the answer (Escape is no)."""

    def __init__(self, question: str) -> None:
        super().__init__([Content.styled(question, "bold")], yes=("y", "Yes"), no=("n", "No"), escape_answer=False)
