"""The file names of saves: one folder per story, one file per student, and the names of old versions."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from explainer.story.fields import slug
from explainer.story.model import Story

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


def normal_name(student: str) -> str:
    """The name as students are matched: NFC, case folded, spaces collapsed (``" ANN "`` is ``ann``)."""
    return " ".join(unicodedata.normalize("NFC", student).casefold().split())


def student_file_name(student: str) -> str:
    """A file name (without suffix) for a student: a readable slug and a hash of the matched name.

    Names that match (case and spaces aside) share a file; any other difference gives another hash.
    """
    name = normal_name(student)
    if not name:
        return "default"
    import hashlib  # here: OpenSSL takes milliseconds to load, and most starts have no name

    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{slug(name) or 'student'}-{digest}"


def legacy_file_name(student: str) -> str:
    """The file name that versions before the hashed names gave a student (their saves are moved)."""
    name = " ".join(student.split())
    if not name:
        return "default"
    plain = slug(name)
    if plain and plain == re.sub(r"[\s-]+", "-", name.casefold()) and plain not in _RESERVED:
        return plain
    import hashlib

    digest = hashlib.sha256(name.casefold().encode()).hexdigest()[:8]
    return f"{plain or 'student'}-{digest}"


def story_key(story: Story) -> str:
    """The folder name that keeps one story's saves apart from another's.

    Made of the story folder's name and the first passage's id, which stay the same while
    an author edits titles and text (the title alone would orphan saves when it changes).
    """
    folder = slug(Path(story.folder).resolve().name) if story.folder else ""
    return "-".join(part for part in (folder, slug(story.start)) if part) or slug(story.title) or "story"
