"""A vertical scrollbar drawn straight to strips, for the column that changes length at every passage."""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget


class PlainScrollBar(ScrollBar):
    """Textual's vertical scrollbar, the same cells, cut into rows without the styling pass.

    Textual draws a scrollbar as a Rich renderable taken through every step of a widget's
    styling, row by row: 1-4 ms for a column of 24 rows, at every passage, as the passage's
    length moves the thumb. A scrollbar has no border, padding, tint or opacity of its own, so
    its rows are the renderer's segments as they are, through the app's line filters.
    """

    def render_lines(self, crop: Region) -> list[Strip]:
        renderable = self.render()
        if not self.vertical or not isinstance(renderable, ScrollBarRender) or not isinstance(renderable.style, Style):
            return super().render_lines(crop)
        width, height = self.size
        style = renderable.style
        bar = renderable.render_bar(
            size=height,
            virtual_size=renderable.virtual_size,
            window_size=renderable.window_size,
            position=renderable.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or Color.parse("#555555"),
            bar_color=style.color or Color.parse("bright_magenta"),
        )
        _, background = self.background_colors
        base = self.rich_style  # the widget's own colours, under the bar's, as Textual draws them
        filters = self.get_line_filters()
        strips = []
        for segment in bar.segments[crop.y : crop.bottom]:
            strip = Strip(Segment.apply_style([segment], base), width)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        if crop.column_span != (0, width):
            strips = [strip.crop(*crop.column_span) for strip in strips]
        return strips


class WithPlainScrollBar(Widget):
    """A scrolling widget whose vertical scrollbar is a :class:`PlainScrollBar`."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        # As Textual's own property makes its bar, the first time it is asked for.
        if self._vertical_scrollbar is None:
            bar = PlainScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar
