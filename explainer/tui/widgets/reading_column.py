"""The reading column: the passage, its question and its options, scrolled as one transcript."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.errors import NoWidget
from textual.widget import Widget

from explainer.tui.widgets.choice_option import ChoiceOption


class ReadingColumn(VerticalScroll, can_focus=True):
    """Scrolls like a page; ↓ highlights the first option once it is in view, Enter picks it.

    The column keeps the focus while the reader reads and chooses, and highlights an option
    itself: a passage change or a move between options then restyles an option or two, not
    the screen. An option is highlighted only while it is wholly on screen: scrolling it out of
    view takes the highlight away, so nobody picks an option they cannot see.
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
        Binding("enter", "pick", "Choose", show=False),
        # Tab goes from the text to the options, then on to what comes after them (the terms).
        Binding("tab", "tab(1)", "Next part", show=False),
        Binding("shift+tab", "tab(-1)", "Previous part", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.highlighted: ChoiceOption | None = None
        """The option Enter picks (drawn highlighted while the column has the focus)."""

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle the column alone when it gains or loses the focus, and show its highlight then.

        Textual restyles a widget and everything inside it on a focus change; no rule styles
        what is inside the column by the column's focus, so the passage is left alone.
        """
        self.app.stylesheet.update_nodes([self], animate=True)
        if self.highlighted is not None:
            self._mark(self.highlighted, has_focus)

    def _mark(self, option: ChoiceOption, highlighted: bool) -> None:
        if option.highlighted != highlighted:
            option.set_class(highlighted, "-highlighted")
            option.refresh()

    def highlight(self, option: ChoiceOption | None, scroll_visible: bool = True) -> None:
        """Highlight ``option`` (None: no option), bringing it into view unless told not to."""
        if option is not self.highlighted:
            if self.highlighted is not None:
                self._mark(self.highlighted, False)
            self.highlighted = option
        if option is not None:
            self._mark(option, self.has_focus)
            if scroll_visible:
                self.call_after_refresh(self._bring_into_view, option)

    def _bring_into_view(self, option: ChoiceOption) -> None:
        if self.highlighted is option and not self.wholly_visible(option):
            self.scroll_to_center(option, animate=False, origin_visible=True)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter with no option highlighted does nothing here.
        if action == "pick":
            return self.highlighted is not None
        return True

    def action_pick(self) -> None:
        if self.highlighted is not None:
            self.highlighted.pick()

    def action_tab(self, step: int) -> None:
        """Tab: from the text to the first option, from the options on; Shift+Tab: back."""
        options = self.options()
        if step > 0 and self.highlighted is None and options:
            self.highlight(options[0])
        elif step < 0 and self.highlighted is not None:
            self.highlight(None)
        elif step > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    def action_step(self, step: int) -> None:
        """↓ and ↑: the next or the previous option; else (↓) the first option in view, or a line."""
        highlighted = self.highlighted
        if highlighted is not None and (neighbour := highlighted.neighbour(step)) is not None:
            self.highlight(neighbour)
            return
        if step > 0:
            option = self.first_visible_option()
            if option is not None:
                self.highlight(option)
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
        """Take the highlight away from an option that is no longer wholly on screen."""
        if self.highlighted is not None and not self.wholly_visible(self.highlighted):
            self.highlight(None)

    def settle_focus_when_drawn(self) -> None:
        """Highlight the first option once the new passage is laid out.

        Options updated in place ask for a new layout when each of them is next idle, so the
        frame that lays them out may be the one after the next: the highlight settles after both.
        """
        self.call_after_refresh(self.call_after_refresh, self.settle_focus)

    def settle_focus(self) -> None:
        """After a new passage: highlight the first option if it is in view.

        Only while the column has the focus and nothing is highlighted: a key the reader
        pressed meanwhile wins.
        """
        if self.screen.focused is not self or self.highlighted is not None:
            return
        if (option := self.first_visible_option()) is not None:
            self.highlight(option, scroll_visible=False)
