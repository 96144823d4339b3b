"""The main screen: passage, choices, glossary panel and where the reader is."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import OptionList

from explainer.reader.journey import Journey
from explainer.reader.shape import StoryShape
from explainer.reader.shown import passage_markdown
from explainer.story.glossary import Glossary
from explainer.story.model import Term
from explainer.tui.closed_screens import forget_closed_screens
from explainer.tui.messages import ChoiceMade, TermSelected
from explainer.tui.widgets.choice_list import ChoiceList
from explainer.tui.widgets.glossary_panel import GlossaryPanel
from explainer.tui.widgets.keys_bar import KeysBar
from explainer.tui.widgets.passage_view import PassageView
from explainer.tui.widgets.reading_column import ReadingColumn
from explainer.tui.widgets.where_bar import WhereBar


class StoryScreen(Screen[None]):
    """Where the reader reads, answers and chooses."""

    class Progressed(Message):
        """The reader moved, answered or looked a term up: the journey is worth saving."""

        def __init__(self, journey: Journey) -> None:
            super().__init__()
            self.journey = journey

    # The footer shows the keys that work now and fit in 60 columns; `?` lists them all.
    BINDINGS = [
        Binding("1", "pick(1)", "Choose", key_display="1-9", id="pick"),
        *(Binding(str(n), f"pick({n})", f"Choose {n}", show=False) for n in range(2, 10)),
        Binding("b", "back", "Back", id="back"),
        Binding("f", "forward", "Forward", id="forward"),
        Binding("g", "toggle_glossary", "Terms", id="glossary"),
        Binding("n", "toggle_notes", "Notes", id="notes"),
        Binding("k", "reveal_key", "Reveal key", id="reveal-key"),
        Binding("m", "map", "Map", id="map"),
        Binding("r", "start_over", "Start over", id="start-over", show=False),
        # Scrolling keys come first whatever has the focus, so that none moves the highlight.
        Binding("pageup,shift+space", "page(-1)", "Page up", show=False, priority=True),
        Binding("pagedown,space", "page(1)", "Page down", show=False, priority=True),
        Binding("home", "edge(0)", "Top", show=False, priority=True),
        Binding("end", "edge(1)", "End", show=False, priority=True),
    ]

    # Below 80 columns the glossary waits to be asked for (g); below 120 the teacher's notes
    # take its place instead of sitting beside it.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-medium"), (120, "-wide")]

    glossary_shown: reactive[bool | None] = reactive(None, init=False)
    """Whether the reader asked for the glossary panel (None: shown if there is room)."""
    notes_shown: reactive[bool] = reactive(False)

    def __init__(self, journey: Journey, glossary: Glossary, shape: StoryShape | None = None) -> None:
        super().__init__()
        self.journey = journey
        self.glossary = glossary
        self.shape = shape or StoryShape(journey.story)
        """Worked out once for the story: a key press looks its figures up."""
        self.keys_revealed: set[str] = set()
        """The passages whose answer key the teacher has revealed while the quiz was open."""

    def compose(self) -> ComposeResult:
        # The bars take the top and bottom rows (split off in the CSS) and the panels sit side
        # by side in the screen itself: no container that only covers the screen again, to be
        # laid out and drawn under them at every frame.
        yield WhereBar(id="where")
        yield KeysBar()
        with ReadingColumn(id="reading"):
            yield PassageView(self.glossary, id="passage")
            yield ChoiceList(id="choices")
        if self.teacher:  # a student's screen never holds a note
            from explainer.tui.widgets.notes_panel import NotesPanel

            yield NotesPanel(id="notes")
        yield GlossaryPanel(id="glossary", classes="-if-room")  # as glossary_shown starts

    async def on_mount(self) -> None:
        self.notes_shown = bool(getattr(self.app, "teacher", False))
        await self.show_passage()

    def on_screen_resume(self) -> None:
        forget_closed_screens()  # back from a dialog: what it drew is let go

    async def show_passage(self) -> None:
        """Show the journey's current passage, its choices and its terms."""
        journey = self.journey
        passage = journey.passage
        markdown = passage_markdown(passage, journey.flags, keys="app")
        if passage.ending:
            from explainer.reader.summary import ending_summary  # only at an ending, not for the first frame

            slot = getattr(self.app, "save_slot", None)
            markdown += "\n\n" + ending_summary(
                journey, "Press r to start over and try another path.", None if slot is None else slot.student
            )
        left = self._minutes_left()
        self.query_one(WhereBar).show(journey.story.title, self.shape.where(passage), left)
        self._show_notes(left)
        # Choices first, before the await, so a fast key press never picks a stale choice; no
        # option is highlighted until the new options are drawn.
        column = self.query_one(ReadingColumn)
        if self.focused is not column:  # focusing again would redraw the whole column
            column.focus(scroll_visible=False)
        column.highlight(None)
        choices = self.query_one(ChoiceList)
        choices.show_answer(None)
        choices.show(passage.question, journey.choices(), quiz_open=journey.question_open())
        passage_view = self.query_one(PassageView)
        tree = await passage_view.show(markdown)
        self.query_one(GlossaryPanel).show_terms(self.glossary.terms_of(passage, markdown, tree))
        text_rows = len(passage_view.lines())
        column.scroll_to_new_passage(text_rows)  # in the frame that draws the passage
        column.settle_focus_when_drawn(text_rows)
        self.refresh_bindings()
        # Saved once the passage is drawn: the reader does not wait for the disk.
        self.call_after_refresh(self.post_message, self.Progressed(journey))

    @property
    def teacher(self) -> bool:
        """Whether the app runs in teacher mode: only then are notes and answer keys shown."""
        return bool(getattr(self.app, "teacher", False))

    def _show_notes(self, left: int | None = None) -> None:
        if not self.teacher:
            return  # a student's screen never holds a note
        from explainer.reader.teacher_notes import teacher_notes
        from explainer.tui.widgets.notes_panel import NotesPanel

        notes = teacher_notes(self.journey, self.journey.passage.id in self.keys_revealed)
        left = self._minutes_left() if left is None else left
        self.query_one(NotesPanel).show(self.journey.passage, left, notes)

    def _minutes_left(self) -> int:
        return self.shape.minutes_left(self.journey.passage.id, self.journey.flags)

    def watch_glossary_shown(self, shown: bool | None) -> None:
        # Classes on the panel, not on the screen: a class of the screen's has every widget on
        # it styled again (~90 ms beside a long passage), one of the panel's only the panel.
        # Both classes replaced at once and styled once: two calls styled nothing when the
        # second changed nothing, and a glossary asked for on a narrow screen stayed hidden.
        self.query_one(GlossaryPanel).set_classes("-if-room" if shown is None else "-hidden" if shown is False else "")

    def watch_notes_shown(self, shown: bool) -> None:
        self.set_class(shown, "-notes")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A key that can do nothing here is hidden from the footer, not greyed.
        if action == "back":
            return self.journey.history.can_go_back
        if action == "forward":
            return self.journey.history.can_go_forward
        if action == "pick":
            return bool(self.journey.choices())
        if action == "toggle_notes":
            return self.teacher
        if action == "reveal_key":
            return self.teacher and self.notes_shown and self._key_hidden()
        return True

    def _key_hidden(self) -> bool:
        from explainer.reader.teacher_notes import teacher_notes  # only in teacher mode

        return teacher_notes(self.journey, self.journey.passage.id in self.keys_revealed).key_hidden

    def action_reveal_key(self) -> None:
        self.keys_revealed.add(self.journey.passage.id)
        self._show_notes()
        self.refresh_bindings()

    @on(ChoiceMade)
    async def _choice_made(self, event: ChoiceMade) -> None:
        if event.choice not in self.query_one(ChoiceList).choices:
            return  # picked from a list that has since been replaced
        answer = self.journey.choose(event.choice)
        if answer is None:
            await self.show_passage()
            return
        choices = self.query_one(ChoiceList)
        column = self.query_one(ReadingColumn)
        if answer.correct:
            passage = self.journey.passage
            column.highlight(None)  # the ways on take the answers' places
            choices.show(passage.question, self.journey.choices(), quiz_open=False)
        choices.show_answer(answer)
        if answer.correct:
            self._show_notes()
        self.refresh_bindings()
        self.post_message(self.Progressed(self.journey))

        def show_feedback() -> None:
            # The feedback is read first; an option pushed out of view is no longer highlighted.
            column.scroll_to_feedback()
            column.call_after_refresh(column.settle_focus if answer.correct else column.drop_hidden_highlight)

        self.call_after_refresh(show_feedback)

    @on(TermSelected)
    def _term_selected(self, event: TermSelected) -> None:
        from explainer.tui.screens.definition import DefinitionScreen

        self.journey.look_up(event.term.name)
        self.query_one(GlossaryPanel).highlight(event.term)
        self.app.push_screen(DefinitionScreen(event.term))
        self.post_message(self.Progressed(self.journey))

    def open_term(self, term: Term) -> None:
        """Show a term's definition in the panel (from the command palette)."""
        self.post_message(TermSelected(term))

    async def open_passage(self, passage_id: str) -> None:
        """Go to a passage already visited (from the command palette)."""
        self.journey.revisit(passage_id)
        await self.show_passage()

    def action_pick(self, number: int) -> None:
        """Pick option ``number`` if it is on screen; otherwise bring it into view first."""
        column = self.query_one(ReadingColumn)
        options = column.options()
        if not 1 <= number <= len(options):
            return
        option = options[number - 1]
        if column.wholly_visible(option):
            choices = column.choice_list
            if not choices.choices[option].goto:
                column.focus(scroll_visible=False)
                column.highlight(option, scroll_visible=False)  # the highlight follows a quiz answer
            choices.pick(number)
        else:
            column.focus(scroll_visible=False)
            column.highlight(option)

    async def action_back(self) -> None:
        if self.journey.back():
            await self.show_passage()

    async def action_forward(self) -> None:
        if self.journey.forward():
            await self.show_passage()

    def _notes_hide_glossary(self) -> bool:
        """Whether the notes take the glossary's place (shown, on a narrow screen)."""
        return self.notes_shown and not self.has_class("-wide")

    def _focus_reading(self) -> None:
        column = self.query_one(ReadingColumn)
        column.focus(scroll_visible=False)
        column.settle_focus()

    def _hide_notes(self) -> None:
        self.notes_shown = False
        if self.query_one("#notes").has_focus_within:
            self._focus_reading()

    def action_toggle_glossary(self) -> None:
        """Show the glossary panel and move to its terms, or hide it."""
        panel = self.query_one(GlossaryPanel)
        if panel.display and (panel.has_focus_within or not panel.terms):
            self.glossary_shown = False
            if panel.has_focus_within:
                self._focus_reading()
            return
        if self._notes_hide_glossary():
            self._hide_notes()
        self.glossary_shown = True
        if panel.terms:
            panel.query_one("#terms", OptionList).focus()

    def action_toggle_notes(self) -> None:
        if not self.teacher:
            return
        if self.notes_shown:
            self._hide_notes()
        else:
            self.notes_shown = True
            if self._notes_hide_glossary() and self.query_one(GlossaryPanel).has_focus_within:
                self._focus_reading()
        self.refresh_bindings()

    def action_map(self) -> None:
        async def chosen(passage_id: str | None) -> None:
            if passage_id and passage_id != self.journey.passage.id:
                await self.open_passage(passage_id)

        from explainer.tui.screens.map import MapScreen  # imported when asked for: not needed for the first screen

        self.app.push_screen(MapScreen(self.journey), chosen)

    def action_page(self, pages: int) -> None:
        self.query_one(ReadingColumn).scroll_by_page(pages)

    def action_edge(self, end: int) -> None:
        self.query_one(ReadingColumn).scroll_to_end(bool(end))

    def action_start_over(self) -> None:
        async def confirmed(yes: bool | None) -> None:
            if yes:
                self.journey = self.journey.fresh()
                await self.show_passage()

        from explainer.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen("Start over from the beginning?"), confirmed)
