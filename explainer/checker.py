"""``check``: every problem in a story folder, sorted, with a summary."""

from __future__ import annotations

from pathlib import Path

from .loader import read_story
from .problems import Problem, Severity


def check_story(folder: str | Path) -> list[Problem]:
    """All errors and warnings found in a story folder, sorted by file and line."""
    _story, problems = read_story(folder)
    return sorted(problems)


def run_check(folder: str | Path) -> int:
    """Print every problem and a summary; returns 0 clean, 1 warnings only, 2 errors."""
    problems = check_story(folder)
    for problem in problems:
        print(problem.labelled())
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    print(f"{folder}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return 2 if errors else 1 if warnings else 0
