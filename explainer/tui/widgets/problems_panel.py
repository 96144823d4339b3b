"""What ``check`` finds in the story being written, below the passage (``--watch``)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from explainer.story.problems import Problem

MAX_LINES = 8


class ProblemsPanel(Static):
    """The problems of the story as last read: one line each, hidden when there are none."""

    DEFAULT_CSS = """
    ProblemsPanel {
        split: bottom;  /* above the keys, which are split off the screen's bottom row first */
        width: 100%;
        height: auto;
        max-height: 10;
        padding: 0 1;
        border-top: solid $warning;
        display: none;
    }
    ProblemsPanel.-shown {
        display: block;
    }
    """

    def show_problems(self, problems: list[Problem], loaded: bool, folder: str = "") -> None:
        """Show the problems; ``loaded`` says whether the story was taken up again.

        Files are named within the story ``folder``, as the author's editor shows them.
        """
        lines = [problem.labelled().removeprefix(folder) for problem in problems[:MAX_LINES]]
        if len(problems) > MAX_LINES:
            lines.append(f"... and {len(problems) - MAX_LINES} more: run check to see them all")
        if not loaded:
            lines.insert(0, "The story cannot be read as it is now; you are reading it as it was before:")
        # Plain text from the files: never markup.
        self.update(Content("\n".join(lines)))
        self.set_class(bool(lines), "-shown")
