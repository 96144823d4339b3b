"""The reading column: the passage, its question and its options, scrolled as one transcript."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.errors import NoWidget
from textual.widget import Widget

from explainer.tui.widgets.choice_option import ChoiceOption


class ReadingColumn(VerticalScroll, can_focus=True):
    """Scrolls like a page; ↓ moves into the options once the first one is in view.

    An option is highlighted only while it is wholly on screen: scrolling it out of view hands
    the focus back to the column, so nobody picks an option they cannot see.
    """

    DEFAULT_CSS = """
    /* Room for the scrollbar kept whether or not it shows: a passage that needs it after one
       that did not (or the other way round) does not narrow the text and lay it out twice. */
    ReadingColumn {
        height: 1fr;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
        padding: 0 1;
    }
    ReadingColumn:focus { background-tint: $foreground 0%; }
    """
    BINDINGS = [
        Binding("down", "step(1)", "Down", show=False),
        Binding("up", "step(-1)", "Up", show=False),
    ]

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle the column alone when it gains or loses the focus.

        Textual restyles a widget and everything inside it on a focus change; no rule styles
        what is inside the column by the column's focus, and the focus moves between the column
        and its options at every passage, so the passage and the options are left alone.
        """
        self.app.stylesheet.update_nodes([self], animate=True)

    def options(self) -> list[ChoiceOption]:
        """The options on offer, in the order shown."""
        return [option for option in self.query(ChoiceOption) if option.display]

    def wholly_visible(self, widget: Widget) -> bool:
        """Whether every row of ``widget`` is on screen now."""
        try:
            geometry = self.screen.find_widget(widget)
        except NoWidget:
            return False
        return bool(geometry.region) and geometry.clip.contains_region(geometry.region)

    def first_visible_option(self) -> ChoiceOption | None:
        """The first option that is wholly on screen, if any."""
        return next((option for option in self.options() if self.wholly_visible(option)), None)

    def action_step(self, step: int) -> None:
        """↓: the first option in view, or one line down; ↑: one line up."""
        if step > 0:
            option = self.first_visible_option()
            if option is not None:
                option.focus()
                return
            self.scroll_down(animate=False)
        else:
            self.scroll_up(animate=False)
        self.call_after_refresh(self.drop_hidden_highlight)

    def scroll_by_page(self, pages: int) -> None:
        """Scroll a page down (``pages`` 1) or up (-1); the highlight goes if it leaves the screen."""
        if pages > 0:
            self.scroll_page_down(animate=False)
        else:
            self.scroll_page_up(animate=False)
        self.call_after_refresh(self.drop_hidden_highlight)

    def scroll_to_end(self, end: bool) -> None:
        """Scroll to the top (``end`` False) or to the bottom."""
        if end:
            self.scroll_end(animate=False)
        else:
            self.scroll_home(animate=False)
        self.call_after_refresh(self.drop_hidden_highlight)

    def drop_hidden_highlight(self) -> None:
        """Take the focus back from an option that is no longer wholly on screen."""
        focused = self.screen.focused
        if isinstance(focused, ChoiceOption) and not self.wholly_visible(focused):
            self.focus(scroll_visible=False)

    def settle_focus_when_drawn(self) -> None:
        """Settle the focus once the new passage is laid out.

        Options updated in place ask for a new layout when each of them is next idle, so the
        frame that lays them out may be the one after the next: the focus settles after both.
        """
        self.call_after_refresh(self.call_after_refresh, self.settle_focus)

    def settle_focus(self) -> None:
        """After a new passage: highlight the first option if it is in view.

        Only while the focus is still on the column: a key the reader pressed meanwhile wins.
        """
        if self.screen.focused is self and (option := self.first_visible_option()) is not None:
            option.focus(scroll_visible=False)
