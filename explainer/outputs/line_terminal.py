"""Line mode on the terminal's standard streams: the player wired to them, watching, line editing."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from explainer.outputs.line_editing import line_editing
from explainer.outputs.line_mode import LinePlayer
from explainer.outputs.line_output import NO_WRAP
from explainer.reader.saves import SaveSlot
from explainer.story.model import Story


def run_plain(
    story: Story,
    student: str = "",
    teacher: bool = False,
    take_over: bool = False,
    wrap_lines: bool = True,
    watch: Path | None = None,
) -> int:
    """Play ``story`` in line mode on standard input and output; returns the exit code.

    With ``watch``, the story is read again from that folder whenever one of its files changes.
    """
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # bytes the encoding cannot read must not stop the play
    player_class: type[LinePlayer] = LinePlayer
    options: dict[str, Any] = {}
    if watch is not None:
        from explainer.outputs.line_watch import WatchingLinePlayer

        player_class, options = WatchingLinePlayer, {"folder": watch}
    player = player_class(
        story,
        **options,
        slot=SaveSlot(story, student),
        teacher=teacher,
        take_over=take_over,
        input=sys.stdin,
        output=sys.stdout,
        errors=sys.stderr,
        width=None if wrap_lines else NO_WRAP,
    )
    if sys.stdin.isatty() and sys.stdout.isatty():
        player.line_editing = line_editing([name for term in story.terms for name in term.names])
    try:
        return player.run()
    except BrokenPipeError:
        # Whoever read the output has gone (``| head``): stop quietly, progress is saved.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
