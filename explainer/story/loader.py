"""Scene files and glossary -> :class:`Story`, with errors that name file and line."""

from __future__ import annotations

from pathlib import Path

from explainer.story.causes import mark_consequences, nearest
from explainer.story.derived import number_sections
from explainer.story.fields import Findings
from explainer.story.files import GLOSSARY_FILE, label, scene_files
from explainer.story.glossary_file import read_glossary
from explainer.story.model import Passage, Story
from explainer.story.problems import Problem, StoryError, Verbatim
from explainer.story.scene_file import read_scene_file


def load_story(folder: str | Path) -> Story:
    """Load and validate the story in ``folder``.

    Raises:
        StoryError: with one :class:`Problem` per thing wrong, sorted by file and line.
    """
    story, problems = read_story(folder)
    if problems or story is None:
        raise StoryError(problems)
    return story


def read_story(folder: str | Path) -> tuple[Story | None, list[Problem]]:
    """Read a story folder, returning the story (if it could be built) and all errors."""
    story, findings, paths = _read(Path(folder), Findings())
    return story, mark_consequences(findings.problems, paths) if story is not None else findings.problems


def read_story_and_texts(folder: str | Path) -> tuple[Story | None, list[Problem], dict[Path, str]]:
    """:func:`read_story`, with the text of each file it read (for checks of the lines themselves)."""
    texts: dict[Path, str] = {}
    story, findings, paths = _read(Path(folder), Findings(texts=texts))
    return story, mark_consequences(findings.problems, paths) if story is not None else findings.problems, texts


def _read(folder: Path, findings: Findings) -> tuple[Story | None, Findings, list[Path]]:
    """The story in ``folder`` (None if it cannot be built), what reading found, and the scene files."""
    paths = scene_files(folder, findings.error)
    if not paths:
        return None, findings, paths
    inside = folder.resolve()  # scene files must lie inside the folder, links resolved
    passages: dict[str, Passage] = {}
    for path in paths:
        for passage in read_scene_file(findings, path, inside):
            if passage.id in passages:
                first = passages[passage.id]
                findings.error(
                    passage.file, passage.line, "duplicate-id", id=passage.id, place=f"{first.file}:{first.line}"
                )
            else:
                passages[passage.id] = passage
    terms = read_glossary(findings, folder / GLOSSARY_FILE, inside)
    if not passages:
        return None, findings, paths
    numbered = number_sections(findings, list(passages.values()))
    passages = {passage.id: passage for passage in numbered}
    story = Story(passages=passages, terms=terms, folder=label(folder), start=next(iter(passages)))
    check_links(findings, story)
    return story, findings, paths


def check_links(findings: Findings, story: Story) -> None:
    """Note every choice to a missing passage, reference to a missing term, flag never set.

    A name a letter or two away from a real one is offered as what was meant.
    """
    for target, what, file, line in findings.gotos:
        if target not in story.passages:
            if near := nearest(target, story.passages):
                place = Verbatim(f"{story.passages[near].file}:{story.passages[near].line}")
                findings.error(file, line, "goto-missing-near", what=what, target=target, near=near, place=place)
            else:
                findings.error(file, line, "goto-missing", what=what, target=target)
    for name, file, line in findings.references:
        if story.term_named(name) is None:
            if near := nearest(name, [n for term in story.terms for n in term.names]):
                term_line = story.term_named(near).line  # type: ignore[union-attr]
                place = Verbatim(f"{label(Path(story.folder) / GLOSSARY_FILE)}:{term_line}")
                findings.error(file, line, "no-term-near", name=name, near=near, place=place)
            else:
                findings.error(file, line, "no-term", name=name)
    for flag, file, line in findings.tested:
        if flag not in findings.set_flags:
            if near := nearest(flag, findings.set_flags):
                place = Verbatim(_first_set(story, near) or story.folder)
                findings.error(file, line, "flag-never-set-near", flag=flag, near=near, place=place)
            else:
                findings.error(file, line, "flag-never-set", flag=flag)


def _first_set(story: Story, flag: str) -> str:
    """Where the first choice that sets ``flag`` is (``file:line``); empty if none does."""
    for passage in story.passages.values():
        for choice in passage.all_choices:
            if flag in choice.sets:
                return f"{passage.file}:{choice.line}"
    return ""
