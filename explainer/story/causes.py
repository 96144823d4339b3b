"""Errors that name their cause: what was probably meant, and what follows from what."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from explainer.story.files import GLOSSARY_FILE, label, read_text
from explainer.story.problems import Problem, loses_passage

NEAR_CUTOFF = 0.75
# What a passage that could not be read would have given the rest of the story.
_GIVES = re.compile(r"^[ \t-]*(id|goto|set)[ \t]*:[ \t]*[\"']?([\w-]+)", re.MULTILINE)
# Problems elsewhere that a passage that could not be read may cause.
FOLLOWERS = {"goto-missing", "goto-missing-near", "flag-never-set", "flag-never-set-near", "no-term", "no-term-near"}
STORY_WIDE = {"nothing-leads", "not-from-start", "dead-end", "loop", "no-ending", "flag-never-tested", "term-unused"}


def nearest(name: str, names: Iterable[str]) -> str:
    """The one name a letter or two away from ``name`` (ignoring case), or ``""``."""
    import difflib  # only when a name is missing: most stories load without it

    by_key = {candidate.casefold(): candidate for candidate in names}
    close = difflib.get_close_matches(name.casefold(), by_key, n=1, cutoff=NEAR_CUTOFF)
    return by_key[close[0]] if close else ""


def mark_consequences(problems: list[Problem], paths: list[Path]) -> list[Problem]:
    """The problems, those that may follow from a passage that could not be read marked so.

    A choice to an id, or a test of a flag, that the unreadable passage's lines name follows
    from that passage's first error.
    """
    failed: dict[str, str] = {}
    for found in sorted(problems):
        if loses_passage(found):
            failed.setdefault(found.file, f"{found.file}:{found.line}")
    if not failed:
        return problems
    given: dict[str, str] = {}
    for path in paths:
        file = label(path)
        if file not in failed:
            continue
        text = read_text(path, path.parent.resolve(), _ignore)  # safely: it may be a FIFO, or huge
        if text is None:
            continue
        for match in _GIVES.finditer(text):
            given.setdefault(match.group(2), failed[file])
    # Terms that the glossary would have had, had it read: every missing term may follow from it.
    glossary_cause = next((place for file, place in failed.items() if Path(file).name == GLOSSARY_FILE), "")
    marked = []
    for found in problems:
        if glossary_cause and found.code in ("no-term", "no-term-near"):
            marked.append(replace(found, cause=glossary_cause))
            continue
        # What the lost passage's lines name goes under its error.
        cause = given.get(_named(found)) if found.code in FOLLOWERS else None
        if cause and f"{found.file}:{found.line}" not in failed.values():
            found = replace(found, cause=cause)
        marked.append(found)
    return marked


def _named(found: Problem) -> str:
    """The id or flag a following problem is about: the first quoted name in its message."""
    match = re.search(r'"([^"]*)"', found.message)
    return match.group(1) if match else ""


def mark_story_wide(problems: list[Problem]) -> list[Problem]:
    """When a passage could not be read, the story-wide warnings marked as following from it."""
    first = min((p for p in problems if loses_passage(p) and not p.cause), default=None)
    if first is None:
        return problems
    cause = f"{first.file}:{first.line}"
    return [replace(p, cause=cause) if p.code in STORY_WIDE else p for p in problems]


def _ignore(*_args: object, **_values: object) -> None:
    """Problems reading a file again were told when it was first read."""
