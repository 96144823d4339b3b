"""The teacher's notes for the current passage, with its reading time."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from explainer.reader.teacher_notes import TeacherNotes, hidden_key_line
from explainer.story.model import Passage

_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Join the lines of each paragraph, so notes wrap to the panel; list items keep their lines."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for line in paragraph.splitlines():
            if lines and not _LIST_ITEM.match(line):
                lines[-1] += " " + line.strip()
            else:
                lines.append(line.strip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def notes_text(passage: Passage, minutes_left: int, notes: TeacherNotes | None = None) -> Text:
    """The passage's notes, its question's answer key (unless hidden) and timing as text (never markup)."""
    text = Text()
    timing = []
    if passage.minutes:
        timing.append(f"This passage: about {passage.minutes} min")
    if minutes_left:
        timing.append(f"Left on the main line: about {minutes_left} min")
    if timing:
        text.append("\n".join(timing) + "\n\n", style="italic")
    if passage.notes:
        text.append(reflow(passage.notes))
    elif notes is None or not notes.has_key:
        text.append("No notes for this passage.", style="dim italic")
    if notes is not None and notes.has_key:
        text.append("\n\n" if passage.notes else "")
        text.append("On the question\n", style="bold")
        if notes.key_hidden:
            text.append(hidden_key_line(), style="italic")
        else:
            text.append(reflow(notes.question_notes))
    return text


class NotesPanel(VerticalScroll):
    """Shows the notes for the teacher; hidden from students until asked for."""

    DEFAULT_CSS = """
    NotesPanel {
        width: 45%;
        min-width: 30;
        max-width: 56;
        border-left: solid $secondary;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    NotesPanel:focus { border-left: outer $accent; }
    NotesPanel #notes-title { text-style: bold; color: $text-secondary; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Teacher notes", id="notes-title")
        yield Static(id="notes-text")

    def show(self, passage: Passage, minutes_left: int, notes: TeacherNotes | None = None) -> None:
        """Show the notes of this passage (and its question), from the top."""
        self.query_one("#notes-text", Static).update(notes_text(passage, minutes_left, notes))
        self.scroll_home(animate=False)
