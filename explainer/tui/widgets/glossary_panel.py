"""The glossary side panel: the terms in this passage, each opened to its whole definition."""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explainer.story.model import Term
from explainer.tui.messages import TermSelected
from explainer.tui.one_line import OneLine
from explainer.tui.widgets.laid_out_once import LaidOutOnce


class TermList(OptionList, LaidOutOnce):
    """The list of terms, as tall as its terms are at the width they are drawn at.

    ``OptionList`` measures its options beside the scrollbar's room to draw them, but over it to
    find its height, and measures every option again at every layout: a passage with hundreds
    of terms had each measured at every layout. Here the names that fit on a line are counted.
    """

    _measured_at: int | None = None
    """The width the terms were last measured at."""
    _replacing = False
    """Whether the terms are being replaced: the scrollbar waits for the layout that follows."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        # Names are plain text, never links: no link style to work out (from every widget
        # around the list) for each name drawn.
        self.auto_links = False
        self._lengths: list[int] = []
        self._height: tuple[int, int] = (-1, 0)
        """The list's height at a width: (width, height)."""

    def replace_terms(self, terms: list[Term]) -> None:
        """List these terms in place of those listed, the first highlighted, measured for the coming layout."""
        names = [OneLine(term.name) for term in terms]
        self._lengths = [name.cell_length if "\n" not in name.plain else -1 for name in names]
        self._height = (-1, 0)
        # OptionList decides on its scrollbar as each option is added, against the list's height
        # before the layout: a longer list showed its scrollbar, then hid it once laid out,
        # which laid the screen out a second time. The layout decides it once instead.
        self._replacing = True
        try:
            self.clear_options()
            self.add_options(Option(name) for name in names)
            if terms:
                self.highlighted = 0
            # OptionList measures its new lines when it is next drawn, and the size it finds
            # then lays the screen out a second time, a frame later: measured now, one layout does.
            self._update_lines()
        finally:
            self._replacing = False

    def foresee_scrollbar(self, room: int) -> None:
        """Show or hide the scrollbar now, for the layout to come, when the list will have ``room`` rows.

        Textual finds out whether the list overflows from the layout, and shows its scrollbar by
        laying the screen out and drawing it again, a frame later. When every name is one row,
        and the room the panel leaves the list is known, the layout to come places it at once.
        """
        width = self.scrollable_content_region.width
        if room <= 0 or not width or not self._all_fit(width) or self.styles.overflow_y != "auto":
            return
        self.show_scrollbar_now(len(self._lengths) > room)

    def _scroll_update(self, virtual_size: Size) -> None:
        if not self._replacing:
            super()._scroll_update(virtual_size)

    def _all_fit(self, width: int) -> bool:
        """Whether every name fits on one line of a list this wide (as ``OneLine`` measures it)."""
        padding = self.get_component_styles("option-list--option").padding.width
        room = width - padding - cast(RulesMap, self.styles).get("line_pad", 0) * 2
        return all(0 <= length <= room for length in self._lengths)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Most names fit on a line: if all do, they are counted, not measured; kept for the width.
        width -= self.styles.scrollbar_size_vertical
        if self._height[0] != width:
            height = len(self._lengths) if self._all_fit(width) else None
            self._height = (width, super().get_content_height(container, viewport, width) if height is None else height)
        return self._height[1]

    def _update_lines(self) -> None:
        # OptionList finds the rows of its options by measuring each; one line each when all fit.
        lines, count = self._line_cache, len(self._lengths)
        # Asked at every line drawn: the rows are counted once, when there are none yet.
        if not lines.lines and count and count == self.option_count:
            width = self.scrollable_content_region.width
            if width and self._all_fit(width):
                lines.lines.extend((index, 0) for index in range(count))
                lines.heights.update(dict.fromkeys(range(count), 1))
                lines.index_to_line.update((index, index) for index in range(count))
        super()._update_lines()

    def on_resize(self, event: events.Resize) -> None:
        # Textual resizes the list each time the panel is shown again, at the size it had, and
        # OptionList then measures every term again: the terms' heights hang on the width
        # alone, so OptionList is left to do it only when the width changes.
        width = self.scrollable_content_region.width
        if width == self._measured_at:
            event.prevent_default()
        self._measured_at = width


class GlossaryPanel(Vertical, LaidOutOnce):
    """Lists the passage's terms; choosing one posts :class:`TermSelected`."""

    DEFAULT_CSS = """
    GlossaryPanel {
        width: 30%;
        min-width: 24;
        max-width: 44;
        border-left: solid $primary;
        padding: 0 1;
    }
    GlossaryPanel #glossary-title { text-style: bold; }
    GlossaryPanel #terms {
        height: auto;
        max-height: 1fr;
        border: none;
        border-left: blank;
        padding: 0;
        background: transparent;
        /* Room for the scrollbar kept: a longer list of terms does not narrow the list and
           lay the screen out again. */
        scrollbar-gutter: stable;
        scrollbar-size-horizontal: 0;
    }
    /* The highlighted term in reverse video, as strong as the text with any colours. */
    GlossaryPanel #terms > .option-list--option-highlighted,
    GlossaryPanel #terms:focus > .option-list--option-highlighted {
        background: $background;
        color: $text;
        text-style: bold reverse;
    }
    GlossaryPanel #terms:focus {
        border: none;
        border-left: outer $accent;
    }
    GlossaryPanel #glossary-hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.terms: list[Term] = []
        self._hint = ""
        # Held, not looked up at each passage: Textual keeps each query_one's answer under a
        # key that changes whenever a widget is added anywhere below, so a look-up per passage
        # filled the panel's cache of 1,024 answers with stale ones.
        self._term_list = TermList(id="terms")
        self._hint_line = Static(id="glossary-hint")

    def compose(self) -> ComposeResult:
        yield Static("Glossary", id="glossary-title")
        yield self._term_list
        yield self._hint_line

    def show_terms(self, terms: list[Term]) -> None:
        """List the terms of the current passage."""
        self.terms = terms
        self._term_list.replace_terms(terms)
        hint = "Tab here, ↑ ↓ and Enter: what a term means." if terms else "No glossary terms here."
        if hint != self._hint:  # a new hint lays the panel out again: only when it says something else
            self._hint = hint
            self._hint_line.update(Text(hint, style="italic"))
        self._foresee_scrollbar()

    def _foresee_scrollbar(self) -> None:
        """Tell the list how many rows it will have: as many as its terms, down to the hint under it."""
        terms, hint = self._term_list, self._hint_line
        if not terms.region.width or not hint.region:
            return  # not laid out yet: the first layout finds out
        size = hint.content_region.size
        hint_rows = hint.get_content_height(size, self.app.size, size.width) + hint.styles.margin.top
        terms.foresee_scrollbar(self.content_region.bottom - terms.region.y - hint_rows)

    def highlight(self, term: Term) -> None:
        """Highlight a term in the list, if this passage has it."""
        if term in self.terms:
            self._term_list.highlighted = self.terms.index(term)

    @on(OptionList.OptionSelected, "#terms")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(TermSelected(self.terms[event.option_index]))
