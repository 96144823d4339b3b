"""The footer: the keys that work now, as many as fit, drawn in place as one line.

Textual's own Footer recomposes a widget per key whenever the bindings change (every passage
here), and each of those widgets stays alive through a ``data_bind`` watcher
(https://github.com/Textualize/textual/issues/6666). This bar is one widget that redraws its
line instead.
"""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget

KEEP = ("help", "quit")
"""Binding ids drawn whatever the width: `?` lists every key the bar has no room for."""


class KeysBar(Widget):
    """One line of ``key label`` pairs for the shown bindings of the screen, in their order."""

    COMPONENT_CLASSES = {"keys-bar--key"}
    DEFAULT_CSS = """
    KeysBar {
        height: 1;
        dock: bottom;
        background: $background;
        color: $text;
    }
    /* The keys in the text's own colour, bold and reversed: never a mid-tone that 16 colours
       or a light theme would wash out. */
    KeysBar > .keys-bar--key { text-style: bold reverse; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[tuple[str, str, str]] = []
        self._places: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        shown: list[tuple[str, str, str]] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.show and enabled and binding.action not in actions:
                actions.add(binding.action)
                shown.append((self.app.get_key_display(binding), binding.description, binding.id or binding.key))
        if shown != self._keys:
            self._keys = shown
            self.refresh()

    def _fitted(self, width: int) -> list[tuple[str, str, str]]:
        """The keys to draw in ``width`` cells: from the end, those not kept go first."""
        keys = list(self._keys)
        while keys and sum(len(key) + len(label) + 2 for key, label, _ in keys) > width:
            droppable = [index for index, (_, _, key_id) in enumerate(keys) if key_id not in KEEP]
            keys.pop(droppable[-1] if droppable else -1)
        return keys

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop")
        self._places = []
        key_style = self.get_component_rich_style("keys-bar--key", partial=True)
        for key, label, key_id in self._fitted(self.size.width):
            start = text.cell_len
            text.append(" " + key, style=key_style)
            text.append(" " + label)
            self._places.append((start, text.cell_len, key_id))
        return text

    def on_click(self, event: Click) -> None:
        """A click on a key does what pressing it does."""
        for start, end, key_id in self._places:
            if start <= event.x < end:
                for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
                    if (binding.id or binding.key) == key_id and enabled:
                        self.app.simulate_key(binding.key.split(",")[0])
                        return
