"""A small question over the current screen, answered by a key or by clicking a button."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from explainer.tui.widgets.keys_bar import KeysBar


class Dialog(ModalScreen[bool]):
    """Shows some lines and two answers, each with a key and a button; Escape gives ``escape_answer``.

    ``q`` and Ctrl+Q quit and ``?`` shows the help, as everywhere else.
    """

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    Dialog #answers { height: auto; margin-top: 1; }
    Dialog Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("question_mark", "app.help", "Help", id="help"),
    ]

    def __init__(self, lines: list[Content], yes: tuple[str, str], no: tuple[str, str], escape_answer: bool) -> None:
        """
        Args:
            lines: what the dialog says, each a paragraph (content, never markup).
            yes: the key and the label of the answer True, e.g. ``("y", "Yes")``.
            no: the same for the answer False.
            escape_answer: what Escape answers.
        """
        super().__init__()
        self.lines = lines
        self.answers = {True: yes, False: no}
        self.escape_answer = escape_answer
        for answer, (key, label) in self.answers.items():
            self._bindings.bind(key, f"answer({answer})", label)
        self._bindings.bind("escape", f"answer({escape_answer})", "Close", show=False)

    def compose(self) -> ComposeResult:
        with Vertical():
            for line in self.lines:
                yield Static(line)
            with Horizontal(id="answers"):
                for answer, (key, label) in self.answers.items():
                    yield Button(
                        f"{label} ({key.split(',')[0]})",
                        id=f"answer-{str(answer).lower()}",
                        variant="primary" if answer == self.escape_answer else "default",
                    )
        yield KeysBar()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "answer-true")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
