"""A widget whose new size, once placed by a layout, does not ask for another layout."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


class LaidOutOnce(Widget):
    """Takes the size a layout gives it without asking the screen to lay out again.

    Textual sets a widget's ``virtual_size`` after each layout through a reactive that asks
    for a layout of its own, so every widget whose height changes (a passage, its options,
    the column holding them) lays the screen out and draws it a second time, a frame later,
    with nothing moved. The size is taken here as it is; the layout just done already used it.
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def show_scrollbar_now(self, shown: bool) -> None:
        """Show or hide the vertical scrollbar for the layout to come, known before it.

        Textual finds out from a layout whether a widget overflows, and shows or hides its bar by
        laying the screen out and drawing it again, a frame later. Set here without drawing the
        widget again: the layout to come places the bar.
        """
        if shown != self.show_vertical_scrollbar:
            self.set_reactive(Widget.show_vertical_scrollbar, shown)
            self.vertical_scrollbar.display = shown
