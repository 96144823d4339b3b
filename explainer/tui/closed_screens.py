"""Let go of what closed screens drew.

Textual's ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method, so its keys hold the
style cache of every widget ever drawn, and with it the widget's last drawn lines, long after
the widget is gone (https://github.com/Textualize/textual/issues/6665). Every dialog, help or
map screen opened and closed kept its lines that way. Emptying that cache once the story screen
is back lets them go; the widgets on screen work their two colours out again as they draw.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache


def forget_closed_screens() -> None:
    """Drop the drawn lines that Textual keeps for widgets of screens already closed."""
    StylesCache.get_inner_outer.cache_clear()
