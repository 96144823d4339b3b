"""A plain-text news article: a title line, then paragraphs and short heading lines.

The article's first part (before any heading) is section 1; each heading starts the next.
Paragraphs are kept exactly as written, so that a story can quote them word for word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

MAX_HEADING_WORDS = 12
# A heading does not end like a sentence (a question may be a heading).
_SENTENCE_END = '.!;:,"”’)…'
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


@dataclass(frozen=True)
class Section:
    """One part of an article: its heading (none for the first part) and its paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]
    line: int
    """The line (from 1) of the heading, or of the first paragraph when there is none."""

    @property
    def quote(self) -> str:
        """The section's words as a story quotes them: one paragraph a line."""
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Article:
    """An article's title and its sections, in order."""

    title: str
    sections: tuple[Section, ...] = field(default=())

    @property
    def words(self) -> list[str]:
        """Every word of the article's paragraphs (not its title or headings), in order."""
        return [word for section in self.sections for word in article_words(section.quote)]


def article_words(text: str) -> list[str]:
    """The words of a text, punctuation attached, as a reader would see them change."""
    return text.split()


def is_heading(line: str) -> bool:
    """Whether a line standing first in its block reads as a heading: short, no sentence end."""
    text = line.strip()
    return bool(text) and len(_WORD.findall(text)) <= MAX_HEADING_WORDS and text[-1] not in _SENTENCE_END


def parse_article(text: str) -> Article:
    """The article in ``text``: its first non-blank line is the title.

    A block is a run of non-blank lines. Its first line is a heading when it is short and does
    not end like a sentence; the lines after it (or all of them) are one paragraph, joined by
    spaces, as copy wrapped by hand comes.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).lstrip("\ufeff")
    lines = text.split("\n")
    title, start = "", 0
    for number, line in enumerate(lines):
        if line.strip():
            title, start = line.strip(), number + 1
            break
    sections: list[Section] = []
    heading, heading_line = "", 0
    paragraphs: list[tuple[int, str]] = []
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*lines[start:], ""], start=start + 1):
        if line.strip():
            block.append((number, line.strip()))
            continue
        if not block:
            continue
        # A short first line is a heading, unless the next line goes on with its sentence.
        if is_heading(block[0][1]) and (len(block) == 1 or not block[1][1][:1].islower()):
            if paragraphs:
                sections.append(_section(heading, heading_line, paragraphs))
            (heading_line, heading), paragraphs = block[0], []
            block = block[1:]
        if block:
            paragraphs.append((block[0][0], " ".join(words for _, words in block)))
        block = []
    if paragraphs:
        sections.append(_section(heading, heading_line, paragraphs))
    return Article(title, tuple(sections))


def read_article(path: Path) -> Article:
    """The article in a UTF-8 text file.

    Raises:
        OSError, UnicodeDecodeError: when it cannot be read.
    """
    return parse_article(path.read_text(encoding="utf-8-sig"))


def _section(heading: str, line: int, paragraphs: list[tuple[int, str]]) -> Section:
    return Section(heading, tuple(text for _, text in paragraphs), line or paragraphs[0][0])
