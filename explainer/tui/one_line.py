"""Text that Textual measures and draws without wrapping it when it fits on one line."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions


class OneLine(Content):
    """A name (a term's, a passage's), measured and drawn without wrapping it when it fits on one line.

    Textual measures an option by wrapping its text at the list's width, for every option and
    at every layout, and wraps it again to draw it; a list of hundreds of names, each one line,
    need not be wrapped to know it or to draw it.
    """

    @classmethod
    def of(cls, content: Content) -> OneLine:
        """The same text and styles, measured as one line when it fits."""
        return cls(content.plain, list(content.spans), content.cell_length, strip_control_codes=False)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if "\n" not in self.plain and self.cell_length <= width - rules.get("line_pad", 0) * 2:
            return 1
        return super().get_height(rules, width)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if (
            options.selection is None
            and options.post_style is None
            and (height is None or height > 0)
            and drawn_as_is(self, width, options.rules)
        ):
            return [one_strip(self, style, options.get_style)]
        return super().render_strips(width, height, style, options)


def drawn_as_is(line: Content, width: int, rules: RulesMap) -> bool:
    """Whether ``Content.render_strips`` would draw this line as it is: it fits, with nothing to wrap,
    expand, pad or align."""
    plain = line.plain
    return (
        bool(plain)
        and line.cell_length <= width
        and "\t" not in plain
        and "\n" not in plain
        and not rules.get("line_pad", 0)
        and rules.get("text_align", "left") in ("left", "start")
    )


def one_strip(line: Content, style: Style, get_style: Callable[[str | Style], Style]) -> Strip:
    """A line that is drawn as it is, as ``Content.render_strips`` draws it, without looking for
    where to wrap it (a search through every word of the line)."""
    segments = []
    x = 0
    for text, text_style in line.render(style, end="", parse_style=get_style):
        segments.append(Segment(text, (style + text_style).rich_style_with_offset(x, 0)))
        x += len(text)
    return Strip(segments, line.cell_length)
