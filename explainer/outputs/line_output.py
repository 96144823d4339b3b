"""The printing and the prompt of line mode: wrapped, safe lines out, one line in."""

from __future__ import annotations

import os
import shutil
from typing import TextIO

from explainer.outputs.plain_text import encodable, wrap
from explainer.story.files import make_visible

NO_WRAP = 1_000_000  # a width no paragraph reaches: each one a single line


def use_color(stream: TextIO) -> bool:
    """Whether to colour output: only on a terminal that is not ``TERM=dumb``, never with ``NO_COLOR``."""
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb" and stream.isatty()


def terminal_width(stream: TextIO) -> int:
    """The terminal's width; on a pipe or a file, no wrapping (a screen reader or a script wraps)."""
    return max(shutil.get_terminal_size((80, 24)).columns - 1, 20) if stream.isatty() else NO_WRAP


class LineOutput:
    """Lines out to a stream (wrapped, bold when colour is on), notices to another, lines in."""

    def __init__(self, *, input: TextIO, output: TextIO, errors: TextIO, color: bool | None, width: int | None) -> None:
        self.input, self.output, self.errors = input, output, errors
        self.color = use_color(output) if color is None else color
        self.width = width or terminal_width(output)
        self.echo = not input.isatty()
        self.line_editing = False  # True once readline edits the lines typed (see run_plain)

    def write(self, text: str, bold: bool = False, visible: bool = False) -> None:
        """Write text as the output's encoding can carry it, with no control character from the story.

        ``visible``: the text is already made visible (rendered Markdown, with bold titles in it).
        """
        safe = encodable(text if visible else make_visible(text), getattr(self.output, "encoding", None))
        self.output.write(self.bold(safe.rstrip("\n")) + "\n" if bold and self.color else safe)
        self.output.flush()

    def say(self, text: str = "") -> None:
        """Print text wrapped at the width, and a line end."""
        self.write(wrap(text, self.width) + "\n")

    def bold(self, text: str) -> str:
        """Bold text when colour is on; as it is otherwise."""
        return f"\x1b[1m{text}\x1b[22m" if self.color else text

    def say_bold(self, text: str) -> None:
        """Print a line in bold (when colour is on)."""
        self.write(wrap(text, self.width) + "\n", bold=True)

    def notice(self, text: str) -> None:
        """Tell the reader something about their saves, on the error stream."""
        self.errors.write(encodable(make_visible(text), getattr(self.errors, "encoding", None)) + "\n")
        self.errors.flush()

    def ask(self, prompt: str = "> ") -> str | None:
        """Read one line after a prompt; ``None`` at the end of input."""
        if self.line_editing:
            try:
                return input(prompt).strip()
            except EOFError:
                self.write("\n")
                return None
        self.write(prompt)
        try:
            line = self.input.readline()
        except UnicodeDecodeError:  # bytes the input's encoding cannot read: a line of nonsense
            line = "\ufffd\n"
        if not line:
            self.write("\n")
            return None
        if self.echo:
            self.write(line.rstrip("\r\n") + "\n")
        return line.strip()
