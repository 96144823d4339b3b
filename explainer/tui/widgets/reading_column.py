"""The reading column: the passage, its question and its options, scrolled as one transcript."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.errors import NoWidget
from textual.geometry import Region, Size

from explainer.tui.widgets.choice_list import FEEDBACK, ChoiceList
from explainer.tui.widgets.laid_out_once import LaidOutOnce
from explainer.tui.widgets.plain_scrollbar import WithPlainScrollBar


class ReadingColumn(VerticalScroll, LaidOutOnce, WithPlainScrollBar, can_focus=True):
    """Scrolls like a page; ↓ highlights the first option once it is in view, Enter picks it.

    The column keeps the focus while the reader reads and chooses, and says which option of its
    :class:`ChoiceList` is highlighted: a move between options then redraws that list alone, where
    moving the focus would restyle the screen. Options are known by their index.
    An option is highlighted only while it is wholly on screen: scrolling it out of
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
        self._foreseen = False
        """Whether the highlight is the first option's, put there before the passage was laid out."""
        self._bar_marked = False
        """Whether the scrollbar is to be drawn anew in the frame of the coming layout."""

    @property
    def choice_list(self) -> ChoiceList:
        """The options' widget."""
        return self.query_one(ChoiceList)

    @property
    def highlighted(self) -> int | None:
        """The index of the option Enter picks (drawn highlighted while the column has the focus)."""
        return self.choice_list.highlighted

    def scroll_to_new_passage(self, text_rows: int) -> None:
        """Back to the top for a new passage of ``text_rows`` lines, its scrollbar drawn in the same frame.

        Whether the passage and its options overflow the column is known before the layout
        (the column's width does not change): the scrollbar is shown or hidden now, in the
        layout to come, where Textual would find out from that layout and lay out again.
        """
        self.scroll_home(animate=False, immediate=True)
        choices = self.choice_list
        rows = text_rows
        if choices.display:
            rows += choices.styles.margin.top + choices.gutter.height + len(choices.lines(choices.content_region.width))
        height = self.scrollable_content_region.height
        if height and choices.content_region.width and self.styles.overflow_y == "auto":
            self.show_scrollbar_now(rows > height)
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.refresh()
            self._bar_marked = True

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        bar = self._vertical_scrollbar
        if self._bar_marked and bar is not None and bar.display:
            # Textual asks for the bar to be drawn again once it has its new length, a frame
            # after the one the layout makes; marked before the layout, the bar is drawn in
            # that frame already (it reads its length as it is drawn), so the second is dropped.
            bar._repaint_required = False
        self._bar_marked = False
        return resized

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle the column alone when it gains or loses the focus, and show its highlight then.

        Textual restyles a widget and everything inside it on a focus change; no rule styles
        what is inside the column by the column's focus, so the passage is left alone.
        """
        self.app.stylesheet.update_nodes([self], animate=True)
        choices = self.choice_list
        choices.set_highlight(choices.highlighted, has_focus)

    def highlight(self, option: int | None, scroll_visible: bool = True) -> None:
        """Highlight option ``option`` (None: no option), bringing it into view unless told not to."""
        self._foreseen = False
        self.choice_list.set_highlight(option, self.has_focus)
        if option is not None and scroll_visible:
            self.call_after_refresh(self._bring_into_view, option)

    def _bring_into_view(self, option: int) -> None:
        if self.highlighted == option and not self.wholly_visible(option):
            self.scroll_to_region(self._virtual_rows(option), animate=False, center=True, origin_visible=True)

    def options(self) -> list[int]:
        """The options on offer, in the order shown."""
        return list(range(len(self.choice_list.choices)))

    def _virtual_rows(self, option: int) -> Region:
        """Where an option (or the feedback) is in the column's scrolled content."""
        choices = self.choice_list
        start, count = choices.rows_of(option)
        outer = choices.virtual_region
        return Region(outer.x, outer.y + choices.gutter.top + start, outer.width, count)

    def wholly_visible(self, option: int) -> bool:
        """Whether every row of option ``option`` is on screen now."""
        choices = self.choice_list
        try:
            geometry = self.screen.find_widget(choices)
        except NoWidget:
            return False
        start, count = choices.rows_of(option)
        content = choices.content_region
        rows = Region(content.x, content.y + start, content.width, count)
        return bool(rows) and geometry.clip.contains_region(rows)

    def first_visible_option(self) -> int | None:
        """The first option that is wholly on screen, if any."""
        return next((option for option in self.options() if self.wholly_visible(option)), None)

    def scroll_to_feedback(self) -> None:
        """Bring the quiz feedback to the top of the column."""
        self.scroll_to_region(self._virtual_rows(FEEDBACK), animate=False, top=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter with no option highlighted does nothing here.
        if action == "pick":
            return self.highlighted is not None
        return True

    def action_pick(self) -> None:
        if self.highlighted is not None:
            self.choice_list.pick(self.highlighted + 1)

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
        if highlighted is not None and 0 <= highlighted + step < len(self.options()):
            self.highlight(highlighted + step)
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

    def settle_focus_when_drawn(self, text_rows: int) -> None:
        """After a new passage of ``text_rows`` lines: highlight the first option, in the frame
        that draws the passage if it is sure to be in view then, else once it is laid out.

        The column's width does not change from passage to passage (room for the scrollbar is
        kept), so where the first option will be is known before the layout: under the text and
        the list's margin, border and prompt. The frames after the layout check it.
        """
        choices = self.choice_list
        start, count = choices.rows_of(0)
        if count and choices.content_region.width and self.has_focus:
            top = text_rows + choices.styles.margin.top + choices.gutter.top
            if top + start + count <= self.scrollable_content_region.height:
                self.highlight(0, scroll_visible=False)
                self._foreseen = True
        self.call_after_refresh(self.call_after_refresh, self._settle_drawn)

    def _settle_drawn(self) -> None:
        if self._foreseen:  # and not moved since: the passage drawn shows whether it was right
            self.drop_hidden_highlight()
        self.settle_focus()

    def settle_focus(self) -> None:
        """After a new passage: highlight the first option if it is in view.

        Only while the column has the focus and nothing is highlighted: a key the reader
        pressed meanwhile wins.
        """
        if self.screen.focused is not self or self.highlighted is not None:
            return
        if (option := self.first_visible_option()) is not None:
            self.highlight(option, scroll_visible=False)
