"""The Flesch-Kincaid grade of a text: textstat's figure exactly, without its cost per word.

``textstat.flesch_kincaid_grade`` spends most of its time in Python once per word and once
per sentence. This gives the same number (same punctuation rule, same sentence rule, same
hyphenation dictionary, same rounding) from a few passes of compiled regular expressions,
looking up each distinct word's syllables once. A test compares the two on many texts.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

# textstat with its defaults: apostrophes and all other punctuation are removed.
_PUNCTUATION = re.compile(r"[^\w\s]")
_ASCII_PUNCTUATION = {code: None for code in range(128) if _PUNCTUATION.match(chr(code))}
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
# textstat ignores "sentences" of two words or fewer. A word is what is left of a token
# (between spaces) once punctuation is removed, so a token counts if it has a \w in it. This
# finds three such tokens in a row, with only punctuation between them.
_THREE_WORDS = re.compile(r"\w\S*\s+(?:[^\s\w]+\s+)*[^\s\w]*\w\S*\s+(?:[^\s\w]+\s+)*[^\s\w]*\w")
_SYLLABLES: dict[str, int] = {}
_TEXTSTAT_LANGUAGE = "en_US"  # textstat's default
_HYPHENATOR: Any = None
_SYLLABLES_MAX = 200_000


@dataclass(frozen=True)
class ProseCounts:
    """What the Flesch-Kincaid grade is made of: words, sentences that count, syllables.

    Counts of texts that each end a sentence add up to the counts of the texts joined by spaces.
    """

    words: int = 0
    sentences: int = 0
    syllables: int = 0

    def __add__(self, other: ProseCounts) -> ProseCounts:
        return ProseCounts(self.words + other.words, self.sentences + other.sentences, self.syllables + other.syllables)


def flesch_kincaid_grade(text: str) -> float:
    """The grade ``textstat.flesch_kincaid_grade(text)`` gives, in US school years.

    Raises:
        ImportError: without pyphen, as textstat itself would fail.
    """
    return grade(prose_counts(text))


def prose_counts(text: str) -> ProseCounts:
    """The words, sentences and syllables of a text, counted as textstat counts them.

    Raises:
        ImportError: without pyphen, whose hyphenation dictionary counts syllables.
    """
    dictionary = hyphenator()
    if text.isascii():  # then lowering and removing punctuation can go in either order
        clean = text.translate(_ASCII_PUNCTUATION)
        counts = Counter(clean.lower().split())
        words = sum(counts.values())
    else:
        clean = _PUNCTUATION.sub("", text)
        counts = Counter(_PUNCTUATION.sub("", text.lower()).split())
        words = len(clean.split())
    sentences = _SENTENCE.findall(text)
    long_ones = sum(map(bool, map(_THREE_WORDS.search, sentences)))
    return ProseCounts(words, long_ones, _syllables(counts, dictionary))


def grade(counts: ProseCounts) -> float:
    """The Flesch-Kincaid grade of prose with these counts, rounded as textstat rounds it."""
    sentence_length = _round(counts.words / max(1, counts.sentences))
    syllables_per_word = _round(counts.syllables / counts.words) if counts.words else 0.0
    return _round(float(0.39 * sentence_length) + float(11.8 * syllables_per_word) - 15.59)


def _syllables(counts: Counter[str], dictionary: Any) -> int:
    """textstat's syllable count: hyphenation points plus one, for every word."""
    known = _SYLLABLES
    fresh = {word: len(dictionary.positions(word)) + 1 for word in counts.keys() - known.keys()}
    if len(known) + len(fresh) <= _SYLLABLES_MAX:
        known.update(fresh)
        table = known
    else:  # the cache is full: this text's words, from either
        table = {word: known[word] if word in known else fresh[word] for word in counts}
    return sum(map(operator.mul, counts.values(), map(table.__getitem__, counts)))


def hyphenator() -> Any:
    """The hyphenation dictionary textstat counts syllables with: pyphen's for US English.

    Made once, when first needed (reading it takes tens of milliseconds), from pyphen itself:
    importing textstat costs ten times as much, for the same dictionary.

    Raises:
        ImportError: without pyphen (which textstat needs too).
    """
    global _HYPHENATOR
    if _HYPHENATOR is None:
        from pyphen import Pyphen  # type: ignore[import-untyped]

        _HYPHENATOR = Pyphen(lang=_TEXTSTAT_LANGUAGE)
    return _HYPHENATOR


def _round(number: float) -> float:
    """textstat's rounding to one decimal: halves away from zero."""
    return float(math.floor(number * 10 + math.copysign(0.5, number))) / 10
