"""``--plain --watch``: line mode that reads the story again when a file changes.

The files are looked at while the prompt waits (every half second, when input is a terminal or
a pipe) and after every line typed, so a change shows without a key pressed. The passage is
then printed again as it is now, and what ``check`` finds follows it as lines.
"""

from __future__ import annotations

import select
from pathlib import Path
from typing import Any

from explainer.checks.live import POLL_SECONDS, FileWatch, reload_story
from explainer.outputs.line_mode import LinePlayer
from explainer.reader.journey import Journey
from explainer.story.glossary import Glossary

MAX_LINES = 8


class WatchingLinePlayer(LinePlayer):
    """A :class:`LinePlayer` that follows the story's files as they are written."""

    def __init__(self, *args: Any, folder: Path, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.folder = folder
        self.files = FileWatch(folder)
        self.told: list[str] | None = None

    def run(self) -> int:
        # Read again now that the files are watched, so that no change since the start is missed.
        result = reload_story(self.folder)
        if result.story is not None:
            self.story, self.glossary = result.story, Glossary(result.story.terms)
            self.journey, _dropped = Journey.from_dict(result.story, self.journey.to_dict())
        self.tell_problems(result.problems, loaded=True)
        return super().run()

    def ask(self, prompt: str = "> ") -> str | None:
        """Wait for a line, reading the story again whenever its files change meanwhile."""
        try:
            descriptor = self.input.fileno()
        except (AttributeError, OSError, ValueError):  # not a real stream: look once a line
            descriptor = None
        while descriptor is not None:
            ready, _, _ = select.select([descriptor], [], [], POLL_SECONDS)
            if ready:
                break
            if self.files.changed():
                self.write("\n")
                self.reload()
        line = super().ask(prompt)
        if line is not None and self.files.changed():
            self.reload()
        return line

    def reload(self) -> None:
        """Read the story again; show the passage as it is now, then check's problems."""
        result = reload_story(self.folder)
        if result.story is not None:
            self.story = result.story
            self.glossary = Glossary(result.story.terms)
            self.journey, _dropped = Journey.from_dict(result.story, self.journey.to_dict())
            self.say_bold("The story changed; here is your passage as it is now.")
            self.show_passage()
        self.tell_problems(result.problems, loaded=result.story is not None)

    def tell_problems(self, problems: list[Any], loaded: bool) -> None:
        """Say what check finds, once for each new set of problems."""
        lines = [problem.labelled() for problem in problems]
        if not loaded:
            lines.insert(0, "The story cannot be read as it is now; you are reading it as it was before:")
        if lines == self.told:
            return
        self.told = lines
        if not lines:
            self.say("check: no problems found.")
            return
        for line in lines[:MAX_LINES]:
            self.say(line)
        if len(lines) > MAX_LINES:
            self.say(f"... and {len(lines) - MAX_LINES} more: run check to see them all.")
