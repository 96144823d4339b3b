"""What the checks learn from the words of each passage, in one reading of each.

The prose a reader reads, made plain (for its reading grade), the glossary terms it uses, the
words in capitals that look like terms, and how long each passage is. A long story is read in
two halves at once (:mod:`explainer.halves`); what the halves learn adds up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial

from .glossary import TERM_REFERENCE, Glossary, TermMatch
from .halves import both_at_once
from .model import Passage
from .readability import ProseCounts, prose_counts

HALVES_PASSAGES = 2_000  # from this many passages, two parts are read at once
HERE_SHARE = 0.42  # of the passages, read here while the copy reads the rest
# Capitals that read as plain words to any pupil, and Roman numerals.
PLAIN_CAPITALS = {"OK", "TV", "AM", "PM", "US", "USA", "UK"}
_ROMAN = re.compile(r"[IVXLCDM]+")
# The look-behind follows the first capital so that the search can skip to capitals at once.
_CAPITALS = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z0-9]*[A-Z](?:s|'s)?(?![\w-])")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_RULE = re.compile(r"^\s*(?:\*\s*){3,}$|^\s*(?:-\s*){3,}$|^\s*(?:_\s*){3,}$")
_EMPHASIS = re.compile(r"[*`~]+|(?<!\w)_+|_+(?!\w)")
_EMPHASIS_CHARS = re.compile(r"[*`~_]")
# Lines that plain_prose must read one by one: headings, list items, quotes and rules.
_BLOCK_MARKUP = re.compile(r"\n\s*[-+*#>_\d]")
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
    no_grader: str = ""
    """Why prose could not be counted (no hyphenation dictionary), if it could not."""

    def then(self, later: TextFacts) -> TextFacts:
        """What these passages and the later ones tell together."""
        capitals = dict(self.capitals)
        for word, passage_id in later.capitals.items():
            capitals.setdefault(word, passage_id)
        prose = dict(self.prose)
        for key, counts in later.prose.items():
            prose[key] = prose[key] + counts if key in prose else counts
        return TextFacts(self.used | later.used, capitals, {**self.words, **later.words}, prose,
                         self.no_grader or later.no_grader)


def read_texts(passages: Sequence[Passage], glossary: Glossary,
               meanwhile: Callable[[], None] = lambda: None) -> TextFacts:
    """Read the words of every passage once, and do ``meanwhile`` (something short).

    A long story's passages are read in two parts at once, the later part in a forked copy;
    this process does ``meanwhile`` and then reads the earlier part, a little shorter.
    """
    if len(passages) < HALVES_PASSAGES:
        meanwhile()
        return _read(passages, glossary)
    middle = int(len(passages) * HERE_SHARE)

    def here() -> TextFacts:
        meanwhile()
        return _read(passages[:middle], glossary)

    first, second = both_at_once(here, partial(_read, passages[middle:], glossary))
    return first.then(second)


def _read(passages: Sequence[Passage], glossary: Glossary) -> TextFacts:
    """What the words of these passages tell, read in this process."""
    facts = TextFacts()
    unused = _Unused(glossary)
    sections: dict[object, list[Passage]] = {}
    for passage in passages:
        text = reader_text(passage)
        facts.words[passage.id] = word_count(text)
        sections.setdefault(section_key(passage), []).append(passage)
        if "[[" in text:
            unused.found({term.term for term in glossary.referenced(text)})
            text = TERM_REFERENCE.sub(" ", text)
        if unused.may_be_in(text):  # once every term is used, only capitals are left to find
            unused.found(glossary.names_used(text))
        unused.found({term.term for name in passage.terms if (term := glossary.lookup(name))})
        if not any(word not in facts.capitals and _undefined(word, glossary)
                   for word in capital_words(text)):
            continue  # the usual case: no capitals, or only defined ones
        for word in capital_words(_outside(text, glossary.find(text))):
            if word not in facts.capitals and _undefined(word, glossary):
                facts.capitals[word] = passage.id
    facts.used = unused.used
    try:
        for key, members in sections.items():
            # A paragraph ends a sentence, so all the members are made plain at once.
            facts.prose[key] = prose_counts(plain_prose("\n\n".join(map(explanation_markdown, members))))
    except ImportError as error:  # pyphen (which textstat needs) missing
        facts.no_grader = str(error)
    return facts


class _Unused:
    """The glossary terms not yet found in use, and a quick test for text that uses none of them.

    While few are left, a text is searched for them only if the first word of one of their
    names is in it (ignoring case). That cannot miss a use: the pattern ignores case the way
    ``str.lower`` does for ASCII letters, so it is only trusted where names and text have no
    letters outside ASCII; other texts are always searched.
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.used: set[str] = set()
        self.left = {term.term for term in glossary.terms}
        self._words: list[str] | None = None

    def found(self, names: set[str]) -> None:
        """Note terms found in use."""
        if names - self.used:
            self.used |= names
            self.left -= names
            self._words = None

    def may_be_in(self, text: str) -> bool:
        """Whether a term not yet found may be used in ``text``."""
        if not self.left:
            return False
        if len(self.left) > _FEW_LEFT or not self.first_words or not _letters_are_ascii(text):
            return True
        lowered = text.lower()
        return any(word in lowered for word in self.first_words)

    @property
    def first_words(self) -> list[str]:
        """The first word of every name of the terms left, lower case; none if not all ASCII."""
        if self._words is None:
            words = {name.split()[0].lower() for term in self.glossary.terms if term.term in self.left
                     for name in term.names if name.split()}
            self._words = sorted(words) if all(word.isascii() for word in words) else []
        return self._words


_FEW_LEFT = 20
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _letters_are_ascii(text: str) -> bool:
    """Whether every letter and digit in ``text`` is ASCII (curly quotes and dashes may not be)."""
    return text.isascii() or not any(map(str.isalnum, "".join(_NON_ASCII.findall(text))))


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
    if _BLOCK_MARKUP.search("\n" + markdown):
        units = [" ".join(" ".join(lines).split()) for lines in _prose_units(markdown)]
    else:  # the usual text: paragraphs, with no headings, lists, quotes or rules
        units = [" ".join(paragraph.split()) for paragraph in _PARAGRAPH_BREAK.split(markdown)]
    if "[[" in markdown or "](" in markdown or _EMPHASIS_CHARS.search(markdown):
        units = [_without_markup(unit) for unit in units]
    return " ".join(unit if unit[-1] in ".!?" else unit + "."
                    for unit in units if unit and _WORD.search(unit))


def _without_markup(text: str) -> str:
    """One paragraph, item or heading with references, links and emphasis made plain."""
    plain = text
    # Each substitution only where its markup can be.
    if "[[" in plain:
        plain = TERM_REFERENCE.sub(_first_group, plain)
    if "](" in plain:
        plain = _LINK.sub(_first_group, plain)
    if _EMPHASIS_CHARS.search(plain):
        plain = _EMPHASIS.sub("", plain)
    return text if plain is text else " ".join(plain.split())


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
            stripped = stripped[item.end():]
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
        pieces.append(text[position:match.start])
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
