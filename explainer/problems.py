"""Problems found in a story folder, each naming a file and a line."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: errors stop the story from loading."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a story, at a file and line."""

    file: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"

    def labelled(self) -> str:
        """The problem with its severity, as ``check`` prints it."""
        return f"{self.file}:{self.line}: {self.severity.value}: {self.message}"


class StoryError(Exception):
    """A story folder that cannot be loaded, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
