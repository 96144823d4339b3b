"""Live play for authors: notice when a story's files change, and read the story again.

Changes are noticed by polling the files' modification times and sizes (a story is a handful
of files, so a poll is a few ``stat`` calls), which needs nothing beyond the standard library.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from explainer.checks.check import checked_story
from explainer.story.files import GLOSSARY_FILE
from explainer.story.model import Story
from explainer.story.problems import Problem, Severity

POLL_SECONDS = 0.5
# Errors of `check` that leave a story the app can still play (a reader may be trapped later).
PLAYABLE_ERRORS = {"dead-end", "loop", "quote-changed", "quote-missing", "follows-from"}


@dataclass(frozen=True)
class Reloaded:
    """A story read again: the story (None if it cannot load) and what ``check`` finds in it."""

    story: Story | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """How many errors were found (not counting a line that counts consequences)."""
        return sum(p.severity is Severity.ERROR and p.code != "follows-from" for p in self.problems)


def reload_story(folder: str | Path) -> Reloaded:
    """Read the story in ``folder`` and check it, as ``check`` does (its quotes aside)."""
    story, problems = checked_story(folder)
    if any(p.severity is Severity.ERROR and p.code not in PLAYABLE_ERRORS for p in problems):
        story = None  # the loader refused it: the app goes on with the story as it was
    return Reloaded(story, problems)


class FileWatch:
    """The files of a story folder, and whether any changed since last asked."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.stamps = self._stamps()

    def _stamps(self) -> dict[str, tuple[int, int]]:
        stamps: dict[str, tuple[int, int]] = {}
        try:
            with os.scandir(self.folder) as entries:
                for entry in entries:
                    if entry.name.startswith(".") or not (entry.name.endswith(".md") or entry.name == GLOSSARY_FILE):
                        continue
                    try:
                        status = entry.stat()
                    except OSError:
                        continue
                    stamps[entry.name] = (status.st_mtime_ns, status.st_size)
        except OSError:
            pass
        return stamps

    def changed(self) -> bool:
        """Whether a scene file or the glossary was written, added or removed since last asked."""
        stamps = self._stamps()
        if stamps == self.stamps:
            return False
        self.stamps = stamps
        return True
