"""The question (if any), quiz feedback and the numbered choices, drawn as one widget."""

from __future__ import annotations

from textual import events
from textual.content import Content, Span
from textual.geometry import Size

from explainer.reader.journey import Answer
from explainer.reader.shown import feedback_line
from explainer.story.model import Choice, Question
from explainer.tui.messages import ChoiceMade
from explainer.tui.widgets.laid_out_once import LaidOutOnce

MARKER = "▶ "
"""Drawn before the highlighted option, so it shows without colour too."""

FEEDBACK = -1
"""The row kind of the feedback line (an option's rows are its index)."""


class ChoiceList(LaidOutOnce):
    """Shows what the reader may pick and posts :class:`ChoiceMade` when they do.

    Prompt, feedback and options are lines of one widget: a passage change redraws it in place,
    and a move between options redraws it alone, where a widget for each would be laid out and
    drawn one by one. The reading column around it keeps the focus and says which option is
    highlighted (drawn reversed while ``marked``); a click picks an option, a hover underlines it.
    """

    COMPONENT_CLASSES = {"choice-list--right", "choice-list--wrong"}
    DEFAULT_CSS = """
    ChoiceList {
        width: 1fr;
        height: auto;
        max-width: 100;
        border-top: solid $primary;
        margin-top: 1;
    }
    ChoiceList > .choice-list--right { color: $success; }
    ChoiceList > .choice-list--wrong { color: $warning; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: list[Choice] = []
        self.highlighted: int | None = None
        """The index of the option Enter picks, if any."""
        self.marked = False
        """Whether the highlighted option is drawn as such (while the reading column has the focus)."""
        self._hovered: int | None = None
        self._prompt = Content("")
        self._feedback: Content | None = None
        self._lines: list[tuple[Content, int | None]] = []
        """The lines drawn at ``_lines_width``, each with the option it belongs to (or FEEDBACK)."""
        self._lines_width = -1

    def show(self, question: Question | None, choices: list[Choice], quiz_open: bool) -> None:
        """Show a question's prompt (while it is open) and the choices on offer, none highlighted."""
        if question is not None and quiz_open:
            role = question.role + "\n" if question.role else ""
            label = f"{question.label}: "
            prompt = Content(role + label + " " + question.prompt)
            spans = [Span(0, len(role), "italic")] if role else []
            spans += [
                Span(len(role), len(role) + len(label), "bold reverse"),
                Span(len(role) + len(label), len(prompt), "bold"),
            ]
            self._prompt = prompt.add_spans(spans)
        elif choices:
            self._prompt = Content.styled("Where next?", "bold")
        else:
            self._prompt = Content("")
        self.display = bool(choices) or question is not None
        self.choices = choices
        self.highlighted = self._hovered = None
        self._changed()

    def show_answer(self, answer: Answer | None) -> None:
        """Show feedback on a quiz answer, or clear it."""
        if answer is None:
            if self._feedback is not None:
                self._feedback = None
                self._changed()
            return
        mark = "\u2713 " if answer.correct else "\u2717 "
        text = Content(mark + feedback_line(answer))
        where = ".choice-list--right" if answer.correct else ".choice-list--wrong"
        self._feedback = text.add_spans([Span(0, len(text), where), Span(0, len(text), "bold")])
        self._changed()

    @property
    def feedback(self) -> str:
        """The feedback shown, as plain text ("" if none)."""
        return "" if self._feedback is None else self._feedback.plain

    def set_highlight(self, index: int | None, marked: bool) -> None:
        """Highlight option ``index`` (None: no option), drawn as such if ``marked``."""
        if (index, marked) != (self.highlighted, self.marked):
            self.highlighted, self.marked = index, marked
            self._redraw()

    def _changed(self) -> None:
        self._lines_width = -1
        self.refresh(layout=True)

    def _redraw(self) -> None:
        """Draw again at the same height (a highlight or hover moved)."""
        self._lines_width = -1
        self.refresh()

    def lines(self, width: int) -> list[tuple[Content, int | None]]:
        """The lines at this width: the prompt, the feedback, then each option's rows."""
        if width == self._lines_width:
            return self._lines
        lines: list[tuple[Content, int | None]] = [(line, None) for line in self._prompt.wrap(max(1, width))]
        if self._feedback is not None:
            lines += [(line, FEEDBACK) for line in self._feedback.wrap(max(1, width))]
        for index, choice in enumerate(self.choices):
            lines += [(line, index) for line in self._option_lines(index, choice, width - 1)]
        self._lines, self._lines_width = lines, width
        return lines

    def _option_lines(self, index: int, choice: Choice, width: int) -> list[Content]:
        """An option's rows: its number, then its text wrapped beside it (lined up under its first word)."""
        highlighted = index == self.highlighted and self.marked
        prefix = Content.styled(f"{MARKER if highlighted else '  '}{index + 1}. ", "bold")
        rows = Content(choice.text).wrap(max(1, width - prefix.cell_length))
        room = max(row.cell_length for row in rows)
        blank = Content(" " * prefix.cell_length)
        lines = [(prefix if n == 0 else blank) + row.pad_right(room - row.cell_length) for n, row in enumerate(rows)]
        # Reverse video: the text's own colours swapped, as strong as the text in every theme,
        # with 16 colours and without colour (a component class cannot carry reverse).
        if highlighted:
            lines = [line.stylize("bold reverse") for line in lines]
        elif index == self._hovered:
            lines = [line.stylize("underline") for line in lines]
        return lines

    def rows_of(self, index: int) -> tuple[int, int]:
        """Where option ``index`` (or ``FEEDBACK``) is drawn in the widget's content: first row, row count."""
        rows = [y for y, (_, owner) in enumerate(self.lines(self.content_region.width)) if owner == index]
        return (rows[0], len(rows)) if rows else (0, 0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(line for line, _ in self.lines(self.content_region.width))

    def _option_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        lines = self.lines(self.content_region.width)
        if offset is None or not 0 <= offset.y < len(lines):
            return None
        owner = lines[offset.y][1]
        return owner if owner is not None and owner >= 0 else None

    def on_click(self, event: events.Click) -> None:
        index = self._option_at(event)
        if index is not None:
            event.stop()
            self.post_message(ChoiceMade(self.choices[index]))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._option_at(event))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, index: int | None) -> None:
        if index != self._hovered:
            self._hovered = index
            self._redraw()

    def pick(self, number: int) -> None:
        """Pick the choice with this number (1 is the first); ignored if there is none."""
        if 1 <= number <= len(self.choices):
            self.post_message(ChoiceMade(self.choices[number - 1]))
