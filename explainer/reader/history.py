"""The reader's path: the steps taken, and a position that moves back and forward along it."""

from __future__ import annotations

from dataclasses import dataclass

from explainer.story.model import Choice


@dataclass(frozen=True)
class Step:
    """One passage on the reader's path, and the choice that led to it."""

    passage_id: str
    came_from: str = ""
    via: Choice | None = None


@dataclass
class History:
    """The path so far, with a position that moves back and forward along it."""

    steps: list[Step]
    position: int = 0

    @property
    def current(self) -> Step:
        """The step the reader is on."""
        return self.steps[self.position]

    @property
    def path(self) -> list[Step]:
        """The steps up to and including the current one."""
        return self.steps[: self.position + 1]

    def go(self, step: Step) -> None:
        """Move on to a new step, dropping whatever lay ahead."""
        del self.steps[self.position + 1 :]
        self.steps.append(step)
        self.position += 1

    def back(self) -> bool:
        """Move one step back; returns whether it moved."""
        if self.position == 0:
            return False
        self.position -= 1
        return True

    def forward(self) -> bool:
        """Move one step forward again; returns whether it moved."""
        if self.position + 1 >= len(self.steps):
            return False
        self.position += 1
        return True

    @property
    def can_go_back(self) -> bool:
        """Whether there is a step behind."""
        return self.position > 0

    @property
    def can_go_forward(self) -> bool:
        """Whether there is a step ahead."""
        return self.position + 1 < len(self.steps)
