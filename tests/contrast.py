"""WCAG contrast of what the app draws: colours read from the rendered segments."""

from __future__ import annotations

from rich.color import Color, ColorSystem
from rich.segment import Segment
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from textual.app import App


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(color: Color | None, system: ColorSystem | None, foreground: bool) -> tuple[int, int, int]:
    if color is None or color.is_default:
        theme_color = DEFAULT_TERMINAL_THEME.foreground_color if foreground else DEFAULT_TERMINAL_THEME.background_color
        return (theme_color.red, theme_color.green, theme_color.blue)
    if system is not None:
        color = color.downgrade(system)
    triplet = color.get_truecolor(DEFAULT_TERMINAL_THEME, foreground=foreground)
    return (triplet.red, triplet.green, triplet.blue)


def segments(app: App[object]) -> list[Segment]:
    """Every segment of the current screen, as drawn (line filters such as NO_COLOR applied)."""
    drawn: list[Segment] = []
    background = app.screen.styles.background
    for strip in app.screen._compositor.render_strips():
        for line_filter in app.get_line_filters():
            strip = strip.apply_filter(line_filter, background)
        drawn += list(strip)
    return drawn


def contrast_of(app: App[object], wanted: str, system: ColorSystem | None = None) -> float:
    """The lowest contrast among the segments whose text holds ``wanted`` (0 if none is drawn)."""
    found = []
    for segment in segments(app):
        if wanted in segment.text and segment.style is not None:
            style = segment.style
            fg, bg = style.color, style.bgcolor
            if style.reverse:
                fg, bg = bg, fg
            found.append(ratio(_rgb(fg, system, True), _rgb(bg, system, False)))
    return min(found) if found else 0.0
