"""A scene file: passages, each a front matter between two ``---`` lines and a body."""

from __future__ import annotations

import re
from pathlib import Path

from explainer.story.bodies import LineCounter
from explainer.story.fields import Findings
from explainer.story.files import label, read_text
from explainer.story.model import Passage
from explainer.story.passages import read_passage

# A line of "---". (The look-behind comes second so that the search can skip to "---" at once.)
DIVIDER = re.compile(r"---(?<=^---)[ \t]*$", re.MULTILINE)
# How a front matter's first line starts: a field name and a colon (or a YAML comment).
_FIELD = re.compile(r"#|[A-Za-z_][\w-]*[ \t]*:")
_NOT_SPACE = re.compile(r"\S")


def read_scene_file(findings: Findings, path: Path, inside: Path) -> list[Passage]:
    """The passages of the scene file at ``path`` (which must lie in the folder ``inside``)."""
    text = read_text(path, inside, findings.error)
    if text is None:
        return []
    if findings.texts is not None:
        findings.texts[path] = text
    file = label(path)
    content = text.lstrip()
    if not content:
        findings.error(file, 1, "empty-scene")
        return []
    first_text = text.count("\n", 0, len(text) - len(content))  # the line, from 0
    lines = LineCounter(text)
    dividers = [(lines.number(match.start()) - 1, match.start(), match.end()) for match in DIVIDER.finditer(text)]
    if not dividers or dividers[0][0] != first_text:
        findings.error(file, first_text + 1, "no-start")
        return []
    passages: list[Passage] = []
    section = 0
    # Dividers alternate: open front matter, close it, open the next, ...
    for n in range(0, len(dividers), 2):
        start, _, front_start = dividers[n]
        if n and not _opens_front_matter(text, front_start, dividers[n + 1][1] if n + 1 < len(dividers) else len(text)):
            # A "---" under a line of the body (a heading) or alone (a rule), read as a divider.
            findings.error(file, start + 1, "dashes-in-body")
            break
        if n + 1 >= len(dividers):
            findings.error(file, start + 1, "not-closed")
            break
        end, front_end, body_start = dividers[n + 1]
        # The body ends with the line before the next divider (or with the file).
        body_end = dividers[n + 2][1] - 1 if n + 2 < len(dividers) else len(text)
        front = text[front_start + 1 : front_end - 1] if end > start + 1 else ""
        body = text[body_start + 1 : body_end]
        passage = read_passage(findings, file, start + 1, front, body, end + 2, section)
        if passage is not None:
            section = passage.section
            passages.append(passage)
    return passages


def _opens_front_matter(text: str, start: int, end: int) -> bool:
    """Whether the text after a ``---`` line (up to ``end``) reads as fields, or is empty."""
    first = _NOT_SPACE.search(text, start, end)
    return first is None or _FIELD.match(text, first.start()) is not None
