"""``check --article``: every section quotes the article word for word, in order, all of it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from explainer.story.article import Article, article_words
from explainer.story.model import Passage, Story
from explainer.story.problems import MESSAGES, Problem, Severity, visible

CONTEXT_WORDS = 3
MAX_SHOWN_WORDS = 12


@dataclass(frozen=True)
class _Word:
    text: str
    passage: Passage
    paragraph: int


def quote_problems(story: Story, article: Article) -> list[Problem]:
    """An error for each place where the story's quotes and the article's words differ.

    The quotes are read in story order (file by file) and compared with the article's
    paragraphs as one run of words, so a changed, added or dropped word is shown where it is,
    and words no section quotes are named too.
    """
    quoted = [
        _Word(word, passage, number)
        for passage in story.passages.values()
        for number, paragraph in enumerate(passage.article.split("\n"))
        for word in article_words(paragraph)
    ]
    original = article.words
    found: list[Problem] = []
    matcher = difflib.SequenceMatcher(None, original, [word.text for word in quoted], autojunk=False)
    for tag, start, end, quote_start, quote_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        # Words of the article that no quote has, at the end of a quote (or before the first).
        if tag == "delete" and (quote_start in (0, len(quoted)) or _boundary(quoted, quote_start)):
            at = quoted[max(quote_start - 1, 0)].passage if quoted else story.passages[story.start]
            message = MESSAGES["quote-missing"].format(words=f'"{visible(_shown(original[start:end]))}"')
            found.append(Problem(at.file, at.line, message, Severity.ERROR, "quote-missing"))
            continue
        at = quoted[quote_start if quote_start < len(quoted) else -1].passage
        before = " ".join(original[max(0, start - CONTEXT_WORDS) : start])
        after = " ".join(original[end : end + CONTEXT_WORDS])
        removed = f"[-{_shown(original[start:end])}-]" if end > start else ""
        added = f"{{+{_shown([w.text for w in quoted[quote_start:quote_end]])}+}}" if quote_end > quote_start else ""
        parts = ("…" + before if before else "", removed, added, after + "…" if after else "")
        diff = " ".join(part for part in parts if part)
        word = quoted[min(quote_start, len(quoted) - 1)]
        message = MESSAGES["quote-changed"].format(diff=visible(diff))
        found.append(Problem(at.file, _line_of(word), message, Severity.ERROR, "quote-changed"))
    return found


def _boundary(quoted: list[_Word], index: int) -> bool:
    """Whether ``index`` falls between two passages' quotes (a whole part left out)."""
    return 0 < index < len(quoted) and quoted[index - 1].passage is not quoted[index].passage


def _shown(words: list[str]) -> str:
    if len(words) <= MAX_SHOWN_WORDS:
        return " ".join(words)
    half = MAX_SHOWN_WORDS // 2
    return " ".join(words[:half]) + " … " + " ".join(words[-half:])


def _line_of(word: _Word) -> int:
    """The line of a quoted word's paragraph: ``article:``'s line, then one line a paragraph."""
    passage = word.passage
    try:
        lines = Path(passage.file).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return passage.line
    for number in range(passage.line, len(lines) + 1):
        if lines[number - 1].startswith("article:"):
            return min(number + 1 + word.paragraph, len(lines))
    return passage.line
