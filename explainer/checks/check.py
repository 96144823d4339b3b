"""``check``: every error and warning in a story folder, sorted, with a summary."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from explainer.checks.passage_words import TextFacts, read_texts, section_key
from explainer.checks.reading_grade import ProseCounts, flesch_kincaid_grade, grade
from explainer.checks.story_paths import path_problems
from explainer.checks.to_write import still_to_write
from explainer.checks.yaml_comments import comment_problems, fold_under_hashes
from explainer.story.causes import mark_consequences, mark_story_wide
from explainer.story.files import GLOSSARY_FILE, label
from explainer.story.glossary import Glossary
from explainer.story.loader import read_story_and_texts
from explainer.story.model import Passage, Story
from explainer.story.problems import Problem, Severity, fold_consequences, problem, shown_count

if TYPE_CHECKING:
    from explainer.story.article import Article

DEFAULT_MAX_GRADE = 9.0
DEFAULT_MIN_SENTENCE = 10.0  # mean words a sentence below which prose reads as choppy
LONG_FACTOR = 3  # a passage this many times the typical length is "far longer"
LONG_MINIMUM = 250  # ... and at least this many words
MIN_GRADED_WORDS = 30  # too few words give a meaningless reading grade
MIN_CHOPPY_WORDS = 150  # ... and a meaningless mean sentence length


def check_story(
    folder: str | Path,
    max_grade: float = DEFAULT_MAX_GRADE,
    min_sentence: float = DEFAULT_MIN_SENTENCE,
    article: Article | None = None,
) -> list[Problem]:
    """All errors and warnings found in a story folder, sorted by file and line.

    Problems that may follow from a passage that could not be read come after its error, in
    place of being told one by one (see :func:`fold_consequences`).
    """
    return checked_story(folder, max_grade, min_sentence, article)[1]


def checked_story(
    folder: str | Path,
    max_grade: float = DEFAULT_MAX_GRADE,
    min_sentence: float = DEFAULT_MIN_SENTENCE,
    article: Article | None = None,
) -> tuple[Story | None, list[Problem]]:
    """The story in a folder (None if it cannot load) and all that :func:`check_story` finds."""
    story, problems, texts = read_story_and_texts(folder)
    hashes = comment_problems(Path(folder), texts)
    if hashes:  # a value lost to a '#' can lose its passage too: what follows goes under it
        paths = sorted(Path(folder).glob("*.md"))
        problems = mark_consequences(fold_under_hashes(problems, hashes) + hashes, paths)
    if story is not None:
        problems = problems + story_warnings(story, max_grade, min_sentence)
        if article is not None:
            from explainer.checks.article_quotes import quote_problems  # only with --article

            problems += quote_problems(story, article)
    return story, fold_consequences(mark_story_wide(problems))


def run_check(
    folder: str | Path,
    max_grade: float = DEFAULT_MAX_GRADE,
    min_sentence: float = DEFAULT_MIN_SENTENCE,
    article: Article | None = None,
) -> int:
    """Print every problem and a summary; returns 0 clean, 1 warnings only, 2 errors."""
    problems = check_story(folder, max_grade, min_sentence, article)
    for found in problems:
        print(found.labelled())
    errors = shown_count(problems, Severity.ERROR)
    warnings = shown_count(problems, Severity.WARNING)
    name = label(Path(folder))
    if not problems:
        print(f"{name}: no problems found")
    else:
        print(f"{name}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return 2 if errors else 1 if warnings else 0


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade of plain text (US school years), exactly as textstat gives it."""
    return flesch_kincaid_grade(text)


def story_warnings(
    story: Story, max_grade: float = DEFAULT_MAX_GRADE, min_sentence: float = DEFAULT_MIN_SENTENCE
) -> list[Problem]:
    """The problems of a loaded story: traps (errors), and things that will trouble a reader."""
    checks = _Checks(story, max_grade, min_sentence)
    checks.found += path_problems(story)
    checks.quizzes()
    checks.flags()
    checks.texts = read_texts(list(story.passages.values()), Glossary(story.terms))
    checks.terms()
    checks.lengths()
    checks.reading_levels()
    return checks.found + still_to_write(story)


@dataclass
class _Checks:
    """The warnings, one family per method, gathered in ``found``."""

    story: Story
    max_grade: float
    min_sentence: float = DEFAULT_MIN_SENTENCE
    found: list[Problem] = field(default_factory=list)
    texts: TextFacts = field(default_factory=TextFacts)
    _lines: dict[str, list[str]] = field(default_factory=dict)

    def warn(self, file: str, line: int, code: str, **values: object) -> None:
        self.found.append(problem(file, line, code, Severity.WARNING, **values))

    def error(self, file: str, line: int, code: str, **values: object) -> None:
        self.found.append(problem(file, line, code, Severity.ERROR, **values))

    def quizzes(self) -> None:
        """Quiz options without feedback (a quiz with no right answer cannot load)."""
        for passage in self.story.passages.values():
            question = passage.question
            if question is None or not question.is_quiz:
                continue
            for index, option in enumerate(question.options, start=1):
                if not option.feedback.strip():
                    self.warn(passage.file, option.line, "no-feedback", index=index)

    def flags(self) -> None:
        """Flags set somewhere but tested nowhere."""
        tested: set[str] = set()
        first_set: dict[str, tuple[str, int]] = {}
        for passage in self.story.passages.values():
            tested.update(block.condition.flag for block in passage.blocks if block.condition)
            for choice in passage.all_choices:
                if choice.condition is not None:
                    tested.add(choice.condition.flag)
                for flag in choice.sets:
                    first_set.setdefault(flag, (passage.file, choice.line))
        for flag, (file, line) in first_set.items():
            if flag not in tested:
                self.warn(file, line, "flag-never-tested", flag=flag)

    def terms(self) -> None:
        """Terms nobody uses, and words in capitals that look like terms but are not defined."""
        for word, passage_id in self.texts.capitals.items():
            passage = self.story.passages[passage_id]
            self.warn(passage.file, self.line_of(passage, word), "term-undefined", name=word)
        glossary_file = label(Path(self.story.folder) / GLOSSARY_FILE)
        for term in self.story.terms:
            if term.name not in self.texts.used:
                self.warn(glossary_file, term.line, "term-unused", name=term.name)

    def lengths(self) -> None:
        """Passages far longer than the typical one."""
        counts = self.texts.words
        if len(counts) < 4:
            return
        typical = statistics.median(counts.values())
        for pid, words in counts.items():
            if words >= LONG_MINIMUM and words > LONG_FACTOR * typical:
                passage = self.story.passages[pid]
                self.warn(passage.file, passage.line, "long-passage", id=pid, words=words, typical=round(typical))

    def reading_levels(self) -> None:
        """Sections (and passages outside any section) whose prose reads above the grade limit."""
        if self.texts.no_grader:
            reason = f"cannot load the hyphenation dictionary ({self.texts.no_grader})"
            self.warn(self.story.folder, 0, "no-grader", reason=reason)
            return
        firsts: dict[object, Passage] = {}
        for passage in self.story.passages.values():
            firsts.setdefault(section_key(passage), passage)
        for key, first in firsts.items():
            if key in self.texts.unwritten:  # placeholder prose says nothing of how the real prose will read
                continue
            counts = self.texts.prose.get(key, ProseCounts())
            if counts.words < MIN_GRADED_WORDS:
                continue
            part = f"section {key}" if isinstance(key, int) else f'passage "{first.id}"'
            mean = counts.words / counts.sentences if counts.sentences else 0.0
            if counts.words >= MIN_CHOPPY_WORDS and mean < self.min_sentence:
                limit = f"{self.min_sentence:g}"
                self.warn(first.file, first.line, "choppy", part=part, mean=f"{mean:.1f}", limit=limit)
            if (reading := grade(counts)) > self.max_grade:
                self.warn(
                    first.file,
                    first.line,
                    "hard-reading",
                    part=part,
                    grade=f"{reading:.1f}",
                    limit=f"{self.max_grade:g}",
                )

    def line_of(self, passage: Passage, word: str) -> int:
        """The first line at or after the passage's start where ``word`` appears."""
        if passage.file not in self._lines:
            try:
                text = Path(passage.file).read_text(encoding="utf-8-sig", errors="replace")
            except (OSError, ValueError):
                text = ""
            self._lines[passage.file] = text.splitlines()
        pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?:s|'s)?(?![\w-])")
        lines = self._lines[passage.file]
        for number in range(passage.line, len(lines) + 1):
            if pattern.search(lines[number - 1]):
                return number
        return passage.line
