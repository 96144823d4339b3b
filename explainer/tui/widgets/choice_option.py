"""One choice or answer the reader can pick: marked when it is the highlighted one."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.events import Click
from textual.widgets import Static

from explainer.story.model import Choice
from explainer.tui.messages import ChoiceMade

MARKER = "▶ "
"""Drawn before the highlighted option, so it shows without colour too."""


class ChoiceOption(Static):
    """A numbered option; a click picks it.

    The reading column around it keeps the focus and says which option is highlighted (the
    ``-highlighted`` class): moving the highlight restyles one option, where moving the focus
    would redraw the whole screen.
    """

    DEFAULT_CSS = """
    ChoiceOption {
        height: auto;
        padding: 0 1 0 0;
    }
    /* Reverse video: the text's own colours swapped, as strong as the text in every theme,
       with 16 colours and without colour. */
    ChoiceOption.-highlighted { text-style: bold reverse; }
    ChoiceOption:hover { text-style: underline; }
    """

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

    @property
    def highlighted(self) -> bool:
        """Whether this is the option Enter would pick."""
        return self.has_class("-highlighted")

    def render(self) -> Table:
        # Two columns, so that a long option's second line lines up with its first word.
        grid = Table.grid()
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        prefix = Text(MARKER if self.highlighted else "  ", style="bold")
        prefix.append(f"{self.number}. ")
        grid.add_row(prefix, Text(self.choice.text))
        return grid

    def on_click(self, event: Click) -> None:
        event.stop()
        self.pick()

    def pick(self) -> None:
        """Post that the reader picked this option."""
        self.post_message(ChoiceMade(self.choice))

    def offered(self) -> list[ChoiceOption]:
        """This option and those beside it on offer (those hidden, for later passages, left out)."""
        if self.parent is None:
            return [self]
        return [option for option in self.parent.query_children(ChoiceOption) if option.display]

    def neighbour(self, step: int) -> ChoiceOption | None:
        """The option after this one (``step`` 1) or before it (-1), if there is one."""
        siblings = self.offered()
        if self not in siblings:
            return None
        index = siblings.index(self) + step
        return siblings[index] if 0 <= index < len(siblings) else None
