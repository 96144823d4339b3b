"""What is left to write: every ``TODO`` in a story's files, as ``explainer new`` leaves them."""

from __future__ import annotations

import re
from pathlib import Path

from explainer.story.files import GLOSSARY_FILE, label
from explainer.story.model import Story
from explainer.story.problems import Problem, Severity, problem

TODO = re.compile(r"\bTODO\b[:\s]*(.*)")


def still_to_write(story: Story) -> list[Problem]:
    """A warning at each line of the story's files that says ``TODO``, with what it asks for."""
    files = dict.fromkeys(passage.file for passage in story.passages.values())
    files[label(Path(story.folder) / GLOSSARY_FILE)] = None
    found = []
    for file in files:
        try:
            text = Path(file).read_text(encoding="utf-8-sig", errors="replace")
        except (OSError, ValueError):
            continue
        if "TODO" not in text:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if match := TODO.search(line):
                what = match.group(1).strip().rstrip('"').strip() or "this part"
                found.append(problem(file, number, "to-write", Severity.WARNING, what=what))
    return found
