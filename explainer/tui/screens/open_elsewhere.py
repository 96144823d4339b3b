"""Tells a reader that their story is open elsewhere, and offers to read only or to take the save over."""

from __future__ import annotations

from textual.content import Content

from explainer.story.files import make_visible
from explainer.tui.screens.dialog import Dialog


class OpenElsewhereScreen(Dialog):
    """Asks whether to take the save over; dismisses with ``True`` to take over (Escape reads only)."""

    def __init__(self, student: str) -> None:
        name = make_visible(student)
        whose = f" for {name}" if name else ""
        super().__init__(
            [
                Content.styled(f"This story is already open{whose} elsewhere.", "bold"),
                Content("Read only: nothing you do here is saved."),
                Content("Take over: this copy saves, and the other one stops saving (what it saved stays)."),
            ],
            yes=("t,2", "Take over"),
            no=("r,enter,1", "Read only"),
            escape_answer=False,
        )
