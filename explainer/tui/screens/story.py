"""The main screen: passage, choices, glossary panel and where the reader is."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, OptionList

from explainer.reader.journey import Journey
from explainer.reader.outline import minutes_left
from explainer.reader.shown import passage_markdown, where
from explainer.reader.summary import ending_summary
from explainer.reader.teacher_notes import teacher_notes
from explainer.story.glossary import Glossary
from explainer.story.model import Term
from explainer.tui.messages import ChoiceMade, TermSelected
from explainer.tui.widgets.choice_list import ChoiceList
from explainer.tui.widgets.glossary_panel import GlossaryPanel
from explainer.tui.widgets.notes_panel import NotesPanel
from explainer.tui.widgets.passage_view import PassageView
from explainer.tui.widgets.where_bar import WhereBar


class StoryScreen(Screen[None]):
    """Where the reader reads, answers and chooses."""

    class Progressed(Message):
        """The reader moved, answered or looked a term up: the journey is worth saving."""

        def __init__(self, journey: Journey) -> None:
            super().__init__()
            self.journey = journey

    BINDINGS = [
        Binding("1", "pick(1)", "Choose", key_display="1-9", id="pick"),
        *(Binding(str(n), f"pick({n})", f"Choose {n}", show=False) for n in range(2, 10)),
        Binding("b", "back", "Back", id="back"),
        Binding("f", "forward", "Forward", id="forward"),
        Binding("g", "toggle_glossary", "Glossary", id="glossary"),
        Binding("n", "toggle_notes", "Notes", id="notes"),
        Binding("k", "reveal_key", "Reveal key", id="reveal-key"),
        Binding("m", "map", "Map", id="map"),
        Binding("r", "start_over", "Start over", id="start-over"),
        Binding("pageup", "scroll_text(-1)", "Scroll text", show=False),
        Binding("pagedown", "scroll_text(1)", "Scroll text", show=False),
        Binding("space", "scroll_text(1)", "Scroll text", show=False),
    ]

    # Below 120 columns the teacher's notes take the glossary's place instead of sitting beside it.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    glossary_shown: reactive[bool] = reactive(True)
    notes_shown: reactive[bool] = reactive(False)

    def __init__(self, journey: Journey, glossary: Glossary) -> None:
        super().__init__()
        self.journey = journey
        self.glossary = glossary
        self.keys_revealed: set[str] = set()
        """The passages whose answer key the teacher has revealed while the quiz was open."""

    def compose(self) -> ComposeResult:
        yield WhereBar(id="where")
        with Horizontal(id="main"):
            with Vertical(id="reading"):
                yield PassageView(self.glossary, id="passage")
                yield ChoiceList(id="choices")
            yield NotesPanel(id="notes")
            yield GlossaryPanel(id="glossary")
        # Compact and without the palette marker, so the reading keys fit in 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    async def on_mount(self) -> None:
        self.notes_shown = bool(getattr(self.app, "teacher", False))
        await self.show_passage()

    async def show_passage(self) -> None:
        """Show the journey's current passage, its choices and its terms."""
        journey = self.journey
        passage = journey.passage
        markdown = passage_markdown(passage, journey.flags)
        if passage.ending:
            slot = getattr(self.app, "save_slot", None)
            markdown += "\n\n" + ending_summary(
                journey, "Press r to start over and try another path.", None if slot is None else slot.student
            )
        left = minutes_left(journey)
        self.query_one(WhereBar).show(journey.story.title, where(journey.story, passage), left)
        self._show_notes(left)
        # Choices first, before the await, so a fast key press never picks a stale choice.
        choices = self.query_one(ChoiceList)
        choices.show_answer(None)
        choices.show(passage.question, journey.choices(), quiz_open=journey.question_open())
        await self.query_one(PassageView).show(markdown)
        self.query_one(GlossaryPanel).show_terms(self.glossary.terms_of(passage, markdown))
        self.query_one("#choices #options", OptionList).focus()
        self.refresh_bindings()
        self.post_message(self.Progressed(journey))

    @property
    def teacher(self) -> bool:
        """Whether the app runs in teacher mode: only then are notes and answer keys shown."""
        return bool(getattr(self.app, "teacher", False))

    def _show_notes(self, left: int | None = None) -> None:
        if not self.teacher:
            return  # a student's screen never holds a note, shown or not
        notes = teacher_notes(self.journey, self.journey.passage.id in self.keys_revealed)
        left = minutes_left(self.journey) if left is None else left
        self.query_one(NotesPanel).show(self.journey.passage, left, notes)

    def watch_glossary_shown(self, shown: bool) -> None:
        self.set_class(not shown, "-no-glossary")

    def watch_notes_shown(self, shown: bool) -> None:
        self.set_class(shown, "-notes")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.journey.history.can_go_back or None
        if action == "forward":
            # Hidden rather than greyed: it only matters after going back, and 80 columns are few.
            return self.journey.history.can_go_forward
        if action == "toggle_notes":
            return self.teacher
        if action == "reveal_key":
            return self.teacher and self.notes_shown and self._key_hidden()
        return True

    def _key_hidden(self) -> bool:
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
        if answer.correct:
            passage = self.journey.passage
            choices.show(passage.question, self.journey.choices(), quiz_open=False)
        choices.show_answer(answer)
        if answer.correct:
            self._show_notes()
            self.refresh_bindings()
        self.post_message(self.Progressed(self.journey))

    @on(TermSelected)
    def _term_selected(self, event: TermSelected) -> None:
        self.journey.look_up(event.term.name)
        self._show_glossary_in_side()
        self.query_one(GlossaryPanel).show_definition(event.term)
        self.post_message(self.Progressed(self.journey))

    def open_term(self, term: Term) -> None:
        """Show a term's definition in the panel (from the command palette)."""
        self.post_message(TermSelected(term))

    async def open_passage(self, passage_id: str) -> None:
        """Go to a passage already visited (from the command palette)."""
        self.journey.revisit(passage_id)
        await self.show_passage()

    def action_pick(self, number: int) -> None:
        self.query_one(ChoiceList).pick(number)

    async def action_back(self) -> None:
        if self.journey.back():
            await self.show_passage()

    async def action_forward(self) -> None:
        if self.journey.forward():
            await self.show_passage()

    def _notes_hide_glossary(self) -> bool:
        """Whether the notes take the glossary's place (shown, on a narrow screen)."""
        return self.notes_shown and self.has_class("-narrow")

    def _show_glossary_in_side(self) -> None:
        """Show the glossary panel; on a narrow screen it takes the notes' place."""
        if self._notes_hide_glossary():
            self._hide_notes()
        self.glossary_shown = True

    def _hide_notes(self) -> None:
        self.notes_shown = False
        if self.query_one(NotesPanel).has_focus_within:
            self.query_one("#choices #options", OptionList).focus()

    def action_toggle_glossary(self) -> None:
        if self._notes_hide_glossary():
            self._show_glossary_in_side()
            return
        self.glossary_shown = not self.glossary_shown
        if not self.glossary_shown and self.query_one(GlossaryPanel).has_focus_within:
            self.query_one("#choices #options", OptionList).focus()

    def action_toggle_notes(self) -> None:
        if not self.teacher:
            return
        if self.notes_shown:
            self._hide_notes()
        else:
            self.notes_shown = True
            if self._notes_hide_glossary() and self.query_one(GlossaryPanel).has_focus_within:
                self.query_one("#choices #options", OptionList).focus()
        self.refresh_bindings()

    def action_map(self) -> None:
        async def chosen(passage_id: str | None) -> None:
            if passage_id and passage_id != self.journey.passage.id:
                await self.open_passage(passage_id)

        from explainer.tui.screens.map import MapScreen  # imported when asked for: not needed for the first screen

        self.app.push_screen(MapScreen(self.journey), chosen)

    def action_scroll_text(self, pages: int) -> None:
        view = self.query_one(PassageView)
        if pages < 0:
            view.scroll_page_up()
        else:
            view.scroll_page_down()

    def action_start_over(self) -> None:
        async def confirmed(yes: bool | None) -> None:
            if yes:
                self.journey = self.journey.fresh()
                await self.show_passage()

        from explainer.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen("Start over from the beginning?"), confirmed)
