"""What the checks learn from the words of each passage, in one reading of each.

The prose a reader reads, made plain (for its reading grade), the glossary terms it uses, the
words in capitals that look like terms, and how long each passage is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from explainer.checks.reading_grade import ProseCounts, prose_counts
from explainer.story.glossary import TERM_REFERENCE, Glossary, TermMatch
from explainer.story.model import Passage

# Capitals that read as plain words to any pupil, and Roman numerals.
PLAIN_CAPITALS = {"OK", "TV", "AM", "PM", "US", "USA", "UK", "TODO"}
_ROMAN = re.compile(r"[IVXLCDM]+")
# The look-behind follows the first capital so that the search can skip to capitals at once.
_CAPITALS = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z0-9]*[A-Z](?:s|'s)?(?![\w-])")
# Every pattern here runs in time linear in the text: no part can match what another part
# before or after it matches, so a failed match never retries a long run ("[[[[", "a____").
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_RULE = re.compile(r"^\s*(?:\*\s*){3,}$|^\s*(?:-\s*){3,}$|^\s*(?:_\s*){3,}$")
_EMPHASIS = re.compile(r"[*`~]+|(?<!\w)_+|(?<!_)_++(?!\w)")
_EMPHASIS_CHARS = re.compile(r"[*`~_]")
# Lines that plain_prose must read one by one: headings, list items, quotes and rules.
_BLOCK_MARKUP = re.compile(r"\n[^\S\n]*[-+*#>_\d]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")


def section_key(passage: Passage) -> object:
    """What a passage's prose is graded with: its section, or itself outside any section."""
    return passage.section if passage.section else ("passage", passage.id)


@dataclass
class TextFacts:
    """What reading the words of some passages tells the checks."""

    used: set[str] = field(default_factory=set)
    """The name of every glossary term used."""
    capitals: dict[str, str] = field(default_factory=dict)
    """Each word in capitals that is not a glossary term, with the first passage using it."""
    words: dict[str, int] = field(default_factory=dict)
    """How many words a reader reads on each passage."""
    prose: dict[object, ProseCounts] = field(default_factory=dict)
    """The counts of the explainer's prose in each section (see :func:`section_key`)."""
    unwritten: set[object] = field(default_factory=set)
    """The sections (see :func:`section_key`) whose prose holds a ``TODO``: not written yet."""
    no_grader: str = ""
    """Why prose could not be counted (no hyphenation dictionary), if it could not."""


def read_texts(passages: Sequence[Passage], glossary: Glossary) -> TextFacts:
    """What the words of these passages tell, each passage read once."""
    facts = TextFacts()
    sections: dict[object, list[Passage]] = {}
    for passage in passages:
        text = reader_text(passage)
        facts.words[passage.id] = word_count(text)
        sections.setdefault(section_key(passage), []).append(passage)
        if "[[" in text:
            facts.used |= {term.name for term in glossary.referenced(text)}
            text = TERM_REFERENCE.sub(" ", text)
        matches = glossary.find(text)
        facts.used |= {match.term.name for match in matches}
        facts.used |= {term.name for name in passage.terms if (term := glossary.lookup(name))}
        for word in capital_words(_outside(text, matches)):
            if word not in facts.capitals and _undefined(word, glossary):
                facts.capitals[word] = passage.id
    try:
        for key, members in sections.items():
            # A paragraph ends a sentence, so all the members are made plain at once.
            prose = "\n\n".join(map(explanation_markdown, members))
            if "TODO" in prose:
                facts.unwritten.add(key)
            facts.prose[key] = prose_counts(countable_prose(prose))
    except ImportError as error:  # pyphen (which textstat needs) missing
        facts.no_grader = str(error)
    return facts


def _undefined(word: str, glossary: Glossary) -> bool:
    """Whether a word in capitals is not a glossary term."""
    return not glossary.lookup(word) and not glossary.find(word)


def explanation_text(passage: Passage) -> str:
    """The explainer's own prose in a passage, as plain sentences (article quotes left out).

    Bodies (every conditional block), the question's role and prompt, and its options and
    feedback; Markdown removed and every piece ended as a sentence.
    """
    return plain_prose(explanation_markdown(passage))


def explanation_markdown(passage: Passage) -> str:
    """The explainer's own prose in a passage, each piece a paragraph of its own."""
    pieces = [block.markdown for block in passage.blocks]
    question = passage.question
    if question is not None:
        pieces += [question.role, question.prompt]
        for option in question.options:
            pieces += [option.text, option.feedback]
    return "\n\n".join(pieces)


def plain_prose(markdown: str) -> str:
    """Markdown as plain sentences: markup gone, each paragraph, item and heading a sentence."""
    return " ".join(_sentences(markdown, tidy=True))


def countable_prose(markdown: str) -> str:
    """:func:`plain_prose` with the spaces inside each sentence left as they were.

    Counting words and sentences reads any run of spaces and line breaks as one space, so its
    counts are those of :func:`plain_prose`, without making every word a string of its own.
    """
    return " ".join(_sentences(markdown, tidy=False))


def _sentences(markdown: str, tidy: bool) -> list[str]:
    """Each paragraph, item and heading, plain and ended as a sentence; spaces made single if ``tidy``."""
    if _BLOCK_MARKUP.search("\n" + markdown):
        units = [" ".join(lines) for lines in _prose_units(markdown)]
    else:  # the usual text: paragraphs, with no headings, lists, quotes or rules
        units = _PARAGRAPH_BREAK.split(markdown)
    units = [" ".join(unit.split()) for unit in units] if tidy else [unit.strip() for unit in units]
    if "[[" in markdown or "](" in markdown or _EMPHASIS_CHARS.search(markdown):
        units = [_without_markup(unit, tidy) for unit in units]
    return [unit if unit[-1] in ".!?" else unit + "." for unit in units if unit and _WORD.search(unit)]


def _without_markup(text: str, tidy: bool) -> str:
    """One paragraph, item or heading with references, links and emphasis made plain."""
    plain = text
    # Each substitution only where its markup can be.
    if "[[" in plain:
        plain = TERM_REFERENCE.sub(_first_group, plain)
    if "](" in plain:
        if "\n" in plain:  # a link lies on one line once the lines are joined
            plain = " ".join(plain.split())
        plain = _LINK.sub(_first_group, plain)
    if _EMPHASIS_CHARS.search(plain):
        plain = _EMPHASIS.sub("", plain)
    if plain is text:
        return text
    return " ".join(plain.split()) if tidy else plain.strip()


def _prose_units(markdown: str) -> list[list[str]]:
    """The lines of each paragraph, list item and heading, markers and quote marks removed."""
    units: list[list[str]] = []
    paragraph: list[str] = []
    for line in markdown.split("\n"):
        stripped = line.strip()
        if not stripped or (stripped[0] in "*-_" and _RULE.match(line)):
            paragraph = []
            continue
        if stripped[0] == ">":
            stripped = stripped.lstrip(">").strip()
        starts_unit = False
        if stripped[:1] == "#":
            starts_unit = True
            stripped = stripped.lstrip("#").strip()
        first = stripped[:1]
        if (first in "-*+" or first.isdecimal()) and (item := _LIST_ITEM.match(stripped)):
            starts_unit = True
            stripped = stripped[item.end() :]
        if starts_unit or not paragraph:
            paragraph = []
            units.append(paragraph)
        paragraph.append(stripped)
    return units


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)


def word_count(text: str) -> int:
    """How many words a text has, counted as a word processor counts them: between spaces."""
    return len(text.split())


def reader_text(passage: Passage) -> str:
    """Everything a reader may read on a passage: title, article quote, body, question, choices."""
    parts = [passage.title, passage.article, *(block.markdown for block in passage.blocks)]
    if passage.question is not None:
        parts += [passage.question.role, passage.question.prompt]
    for choice in passage.all_choices:
        parts += [choice.text, choice.feedback]
    return "\n".join(part for part in parts if part)


def _outside(text: str, matches: list[TermMatch]) -> str:
    """The text with these glossary terms blanked out (the "IP" of "IP address" is defined)."""
    pieces, position = [], 0
    for match in matches:
        pieces.append(text[position : match.start])
        position = match.end
    pieces.append(text[position:])
    return " ".join(pieces)


def capital_words(text: str) -> Iterator[str]:
    """Words written in capitals (acronyms such as FBI), without a plural or possessive end."""
    for match in _CAPITALS.finditer(text):
        word = match.group()
        word = word[:-2] if word.endswith("'s") else word[:-1] if word.endswith("s") else word
        if word not in PLAIN_CAPITALS and not _ROMAN.fullmatch(word):
            yield word
