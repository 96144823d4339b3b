"""A story kept as JSON once it has loaded, so that later starts need not read its YAML again.

Starting the app is most of what a reader waits for, and reading the story's YAML (and
importing PyYAML to do it) is a good part of that. The copy is used only while every file of
the story folder is byte for byte what it was, and while the loader is the same program
(a checksum of both); only a story that loaded without problems is kept. A copy that is
missing, damaged or out of date is never trusted: the story is read afresh and kept again.
``check`` never uses it.
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path
from typing import Any

from .model import Block, Choice, Condition, Passage, Question, QuestionKind, Story, Term
from .storage import atomic_write_text, data_dir

FORMAT = 1
_LOADER_SOURCES = ("loader.py", "model.py", "located.py", "fastyaml.py", "safeyaml.py", "story_cache.py")


def open_story(folder: str | Path) -> Story:
    """The story in ``folder``: from its kept copy if that is up to date, else loaded and kept.

    Raises:
        StoryError: as :func:`explainer.loader.load_story` does.
    """
    folder = Path(folder)
    fingerprint = _fingerprint(folder)
    if fingerprint is not None and (story := _kept_story(folder, fingerprint)) is not None:
        return story
    from .loader import load_story

    story = load_story(folder)
    if fingerprint is not None and fingerprint == _fingerprint(folder):  # unchanged while read
        _keep(folder, fingerprint, story)
    return story


def copy_path(folder: Path) -> Path:
    """Where the kept copy of the story in ``folder`` lives."""
    where = str(folder.resolve()).encode("utf-8", "surrogateescape")
    return data_dir() / "stories" / f"{zlib.crc32(where):08x}-{zlib.adler32(where):08x}.json"


def _fingerprint(folder: Path) -> str | None:
    """A checksum of the story's files (names and bytes) and of the loader; None if unreadable."""
    crc, adler, size = 0, 1, 0
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix == ".md" and not p.name.startswith("."))
        files.append(folder / "glossary.yaml")
        here = Path(__file__).parent
        for path in [*files, *(here / name for name in _LOADER_SOURCES)]:
            data = path.name.encode("utf-8", "surrogateescape") + b"\0"
            if path.exists() or path.is_symlink():
                data += path.read_bytes()
            data += b"\0"
            crc, adler, size = zlib.crc32(data, crc), zlib.adler32(data, adler), size + len(data)
    except (OSError, ValueError):
        return None
    return f"{FORMAT}-{sys.version_info[0]}.{sys.version_info[1]}-{size}-{crc:08x}-{adler:08x}"


def _kept_story(folder: Path, fingerprint: str) -> Story | None:
    """The kept copy, if there is one for exactly these files; None for anything else."""
    try:
        kept = json.loads(copy_path(folder).read_text(encoding="utf-8"))
        if kept["fingerprint"] != fingerprint:
            return None
        return _story(kept["story"])
    except Exception:  # noqa: BLE001 - missing, damaged or of another shape: read afresh
        return None


def _keep(folder: Path, fingerprint: str, story: Story) -> None:
    """Keep a copy of the story; a folder that cannot be written just means no copy."""
    try:
        text = json.dumps({"fingerprint": fingerprint, "story": _plain_story(story)},
                          ensure_ascii=False, separators=(",", ":"))
        atomic_write_text(copy_path(folder), text)
    except (OSError, ValueError):
        pass


# The story as plain JSON values, and back -------------------------------------------------------


def _plain_story(story: Story) -> dict[str, Any]:
    return {"folder": story.folder, "start": story.start,
            "passages": [_plain_passage(p) for p in story.passages.values()],
            "terms": [[t.term, t.definition, t.aliases, t.source, t.line] for t in story.terms]}


def _story(data: dict[str, Any]) -> Story:
    passages = [_passage(item) for item in data["passages"]]
    terms = tuple(Term(term, definition, tuple(aliases), source, line)
                  for term, definition, aliases, source, line in data["terms"])
    return Story(passages={p.id: p for p in passages}, terms=terms, folder=data["folder"],
                 start=data["start"])


def _plain_passage(p: Passage) -> list[Any]:
    question = None
    if p.question is not None:
        q = p.question
        question = [q.kind.value, q.prompt, [_plain_choice(o) for o in q.options], q.role, q.line]
    return [p.id, p.title, [[b.markdown, _plain_condition(b.condition)] for b in p.blocks], p.file,
            p.line, p.section, p.article, question, [_plain_choice(c) for c in p.choices],
            p.ending, p.terms, p.notes, p.minutes]


def _passage(data: list[Any]) -> Passage:
    (id_, title, blocks, file, line, section, article, question, choices, ending, terms, notes,
     minutes) = data
    if question is not None:
        kind, prompt, options, role, question_line = question
        question = Question(QuestionKind(kind), prompt, tuple(map(_choice, options)), role,
                            question_line)
    return Passage(id_, title, tuple(Block(markdown, _condition(condition)) for markdown, condition in blocks),
                   file, line, section, article, question, tuple(map(_choice, choices)), ending,
                   tuple(terms), notes, minutes)


def _plain_choice(c: Choice) -> list[Any]:
    return [c.text, c.goto, c.sets, _plain_condition(c.condition), c.correct, c.feedback, c.line]


def _choice(data: list[Any]) -> Choice:
    text, goto, sets, condition, correct, feedback, line = data
    return Choice(text, goto, tuple(sets), _condition(condition), correct, feedback, line)


def _plain_condition(condition: Condition | None) -> list[Any] | None:
    return None if condition is None else [condition.flag, condition.negated]


def _condition(data: list[Any] | None) -> Condition | None:
    return None if data is None else Condition(data[0], data[1])
