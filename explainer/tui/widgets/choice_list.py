"""The question (if any), quiz feedback, and the numbered choices."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Vertical
from textual.widget import AwaitMount
from textual.widgets import Static

from explainer.reader.journey import Answer
from explainer.reader.shown import feedback_line
from explainer.story.model import Choice, Question
from explainer.tui.messages import ChoiceMade
from explainer.tui.widgets.choice_option import ChoiceOption


class ChoiceList(Vertical):
    """Shows what the reader may pick and posts :class:`ChoiceMade` when they do."""

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-width: 100;
        border-top: solid $primary;
        margin-top: 1;
    }
    ChoiceList #prompt { margin-bottom: 0; }
    ChoiceList #feedback { display: none; }
    ChoiceList #feedback.-shown { display: block; }
    ChoiceList #feedback.-right { color: $success; }
    ChoiceList #feedback.-wrong { color: $warning; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: list[Choice] = []

    def compose(self) -> ComposeResult:
        yield Static(id="prompt")
        yield Static(id="feedback")

    def show(self, question: Question | None, choices: list[Choice], quiz_open: bool) -> AwaitComplete | AwaitMount:
        """Show a question's prompt (while it is open) and the choices on offer.

        What :meth:`pick` picks changes at once; the options are drawn when the result is awaited.
        """
        prompt = Text()
        if question is not None and quiz_open:
            if question.role:
                prompt.append(question.role + "\n", style="italic")
            label = question.label
            prompt.append(f"{label}: ", style="bold reverse")
            prompt.append(" " + question.prompt, style="bold")
        elif choices:
            prompt.append("Where next?", style="bold")
        self.query_one("#prompt", Static).update(prompt)
        self.display = bool(choices) or question is not None
        self.choices = choices
        return self._show_options(choices)

    def _show_options(self, choices: list[Choice]) -> AwaitComplete | AwaitMount:
        """Put the choices in the option widgets already there; mount more only if there are more.

        Options left over are hidden and kept for a later passage with more choices: a passage
        change updates widgets in place rather than mounting new ones.
        """
        shown = list(self.query_children(ChoiceOption))
        for number, (option, choice) in enumerate(zip(shown, choices, strict=False), start=1):
            option.show(number, choice)
        for option in shown[len(choices) :]:
            if option.display:
                option.display = False
        missing = enumerate(choices[len(shown) :], start=len(shown) + 1)
        more = [ChoiceOption(number, choice) for number, choice in missing]
        return self.mount_all(more) if more else AwaitComplete.nothing()  # type: ignore[no-untyped-call]

    def show_answer(self, answer: Answer | None) -> None:
        """Show feedback on a quiz answer, or clear it."""
        feedback = self.query_one("#feedback", Static)
        classes = set() if answer is None else {"-shown", "-right" if answer.correct else "-wrong"}
        if set(feedback.classes) != classes:
            feedback.set_classes(classes)  # restyled once, not once a class
        if answer is None:
            if feedback.content:
                feedback.update("")
            return
        text = Text("\u2713 " if answer.correct else "\u2717 ", style="bold")
        text.append(feedback_line(answer))
        feedback.update(text)

    def pick(self, number: int) -> None:
        """Pick the choice with this number (1 is the first); ignored if there is none."""
        if 1 <= number <= len(self.choices):
            self.post_message(ChoiceMade(self.choices[number - 1]))
