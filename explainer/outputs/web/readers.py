"""The readers a server has: each student's journey and save, kept in memory while it runs."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path

from explainer.reader.journey import Answer, Journey
from explainer.reader.option_order import reader_seed
from explainer.reader.save_names import normal_name
from explainer.reader.saves import SaveSlot, has_progress
from explainer.story.files import make_visible
from explainer.story.model import Story

MAX_NAME = 60
MAX_STUDENTS = 300
"""A server with more names than this takes no new ones: a class is far smaller."""
OPEN_ELSEWHERE = (
    "This story is open for you elsewhere (a terminal or another computer), so reading only: "
    "nothing you do here is saved until you take the save over."
)


@dataclass
class Reader:
    """One reader on the server: their journey, their save (none for the teacher) and what to say once."""

    name: str
    journey: Journey
    slot: SaveSlot | None = None
    notices: list[str] = field(default_factory=list)
    """Said on the next page, then forgotten."""
    answer: Answer | None = None
    """The quiz answer just given, shown with its feedback on the next page only."""
    keys_revealed: set[str] = field(default_factory=set)
    last_step: float = field(default_factory=time.monotonic)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    """Held while one of this reader's requests runs: their steps and saves never overlap."""

    @property
    def read_only(self) -> bool:
        """Whether nothing this reader does is saved (the save is open elsewhere)."""
        return self.slot is not None and self.slot.read_only

    async def save(self) -> None:
        """Save the journey after a step; a problem is said once, on the next page.

        The file is written in a thread, so that waiting for the disk holds up no other reader;
        the caller holds :attr:`lock`, so the journey does not change meanwhile.
        """
        self.last_step = time.monotonic()
        if self.slot is not None:
            self.journey.record_time()  # here: the class page may be reading the times meanwhile
            self._said(await asyncio.to_thread(self.slot.save, self.journey))

    def save_now(self) -> None:
        """Save the journey at once (when the server stops)."""
        if self.slot is not None:
            self._said(self.slot.save(self.journey))

    def _said(self, problem: str | None) -> None:
        if problem:
            self.notices.append(problem)

    async def take_over(self) -> None:
        """Write the save from now on, although another copy has it open."""
        if self.slot is not None and self.slot.read_only:
            self.slot.read_only = False
            self.slot.take_over()
            await self.save()

    def take_notices(self) -> list[str]:
        """The notices to show now (each is shown once)."""
        notices, self.notices = self.notices, []
        return notices


def name_problem(name: str) -> str:
    """What is wrong with a name a student typed, or ``""`` when it will do."""
    if not normal_name(name):
        return "Type your name to start."
    if len(name) > MAX_NAME:
        return f"That name is too long: at most {MAX_NAME} characters."
    if make_visible(name) != name:
        return "A name cannot hold control characters."
    return ""


class Classroom:
    """Every student who joined, by their name as saves match it, each with their own save."""

    def __init__(self, story: Story, folder: Path | None = None) -> None:
        self.story = story
        self.folder = folder
        self.students: dict[str, Reader] = {}

    def join(self, name: str) -> Reader | None:
        """The reader with this name: the one already here, or resumed from the save (None when full).

        The save is the one ``--student NAME`` uses in the terminal.
        """
        key = normal_name(name)
        reader = self.students.get(key)
        if reader is not None:
            return reader
        if len(self.students) >= MAX_STUDENTS:
            return None
        slot = SaveSlot(self.story, name, self.folder)
        notices = []
        if not slot.claim():
            slot.read_only = True
            notices.append(OPEN_ELSEWHERE)
        saved, found = slot.load()
        notices += found
        if saved is not None and has_progress(saved):
            notices.append("Welcome back: you are where you left off.")
            journey = saved
        else:
            journey = Journey(self.story, seed=reader_seed(slot.student))
        reader = self.students[key] = Reader(slot.student, journey, slot, notices)
        return reader

    def get(self, key: str) -> Reader | None:
        """The student with this matched name, if they joined."""
        return self.students.get(key)

    def close(self) -> None:
        """Save everyone a last time and give the saves up."""
        for reader in self.students.values():
            reader.save_now()
            if reader.slot is not None:
                reader.slot.close()
