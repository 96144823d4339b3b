"""One choice or answer the reader can pick: focusable, marked when it is the highlighted one."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.widgets import Static

from explainer.story.model import Choice
from explainer.tui.messages import ChoiceMade

MARKER = "▶ "
"""Drawn before the highlighted option, so it shows without colour too."""


class ChoiceOption(Static, can_focus=True):
    """A numbered option; Enter or a click picks it, ↑ and ↓ move to its neighbours."""

    DEFAULT_CSS = """
    ChoiceOption {
        height: auto;
        padding: 0 1 0 0;
    }
    /* Reverse video: the text's own colours swapped, as strong as the text in every theme,
       with 16 colours and without colour. */
    ChoiceOption:focus { text-style: bold reverse; }
    ChoiceOption:hover { text-style: underline; }
    """
    BINDINGS = [
        Binding("enter", "pick", "Choose", show=False),
        Binding("down", "neighbour(1)", "Next", show=False),
        Binding("up", "neighbour(-1)", "Previous", show=False),
        # Tab leaves the options for what comes after them (the glossary terms); ↑ ↓ move within.
        Binding("tab", "leave(1)", "Next part", show=False),
        Binding("shift+tab", "leave(-1)", "Previous part", show=False),
    ]

    def __init__(self, number: int, choice: Choice) -> None:
        super().__init__()
        self.number = number
        self.choice = choice

    def show(self, number: int, choice: Choice) -> None:
        """Show another choice in this place (the widget is kept, not remounted)."""
        if (number, choice) != (self.number, self.choice):
            self.number, self.choice = number, choice
            self.refresh(layout=True)
        if not self.display:
            self.display = True

    def render(self) -> Table:
        # Two columns, so that a long option's second line lines up with its first word.
        grid = Table.grid()
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        prefix = Text(MARKER if self.has_focus else "  ", style="bold")
        prefix.append(f"{self.number}. ")
        grid.add_row(prefix, Text(self.choice.text))
        return grid

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_pick()

    def action_pick(self) -> None:
        self.post_message(ChoiceMade(self.choice))

    def _siblings(self) -> list[ChoiceOption]:
        """The options on offer beside this one (those hidden, for later passages, left out)."""
        if self.parent is None:
            return [self]
        return [option for option in self.parent.query_children(ChoiceOption) if option.display]

    def _neighbour(self, step: int) -> ChoiceOption | None:
        siblings = self._siblings()
        if self not in siblings:
            return None
        index = siblings.index(self) + step
        return siblings[index] if 0 <= index < len(siblings) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Past the first or the last option the key goes on to the reading column.
        if action == "neighbour":
            return self._neighbour(int(str(parameters[0]))) is not None
        return True

    def action_leave(self, step: int) -> None:
        """Focus what comes after the last option (``step`` 1) or before the first."""
        siblings = self._siblings()
        chain = self.screen.focus_chain
        edge = chain.index(siblings[-1] if step > 0 else siblings[0])
        chain[(edge + step) % len(chain)].focus()

    def action_neighbour(self, step: int) -> None:
        """Highlight the next option (``step`` 1) or the one before."""
        if (neighbour := self._neighbour(step)) is not None:
            neighbour.focus()
