"""The line at the top that says where the reader is."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class WhereBar(Static):
    """Shows the story title and the section the reader is in."""

    DEFAULT_CSS = """
    WhereBar {
        height: 1;
        background: $background;
        color: $text;
        border-bottom: none;
        padding: 0 1;
    }
    """

    _shown: Text | None = None
    """The text shown now: the same text is not drawn again."""

    def show(self, story_title: str, where: str, minutes_left: int = 0) -> None:
        """Show where the reader is, the minutes left (if known) and the story title.

        Everything is shown as text, never markup.
        """
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(where, style="bold")
        if minutes_left:
            text.append("  ·  ")
            text.append(f"about {minutes_left} min left")
        text.append("  ·  ")
        text.append(story_title, style="italic")
        if text != self._shown:  # the same section's passages often say the same
            self._shown = text
            self.update(text, layout=False)  # always one line high
