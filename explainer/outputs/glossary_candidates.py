"""Words of an article a glossary may need: names, acronyms and words a 13-year-old may not know.

Rare words are those missing from ``common_words.txt``: the English words that wordfreq 3.1.1
counts at least ten times in a million (Zipf 4.0 and up), shipped with the package as a small
list rather than as wordfreq itself, whose data is some 57 MB.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

COMMON_WORDS = Path(__file__).with_name("common_words.txt")
MIN_RARE_LENGTH = 4
# Capitals any reader knows, as ``check`` has them.
PLAIN_ACRONYMS = {"OK", "TV", "AM", "PM", "US", "USA", "UK", "TODO"}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|[.!?,;:()\"“”]")
_MONTHS_AND_DAYS = {
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
    *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_CONNECTORS = {"of", "and", "the", "for", "de", "von", "van"}
_ENDINGS = ("'s", "’s", "ies", "es", "s", "ed", "d", "ing", "ly")


@cache
def common_words() -> frozenset[str]:
    """The common English words, lower case."""
    lines = COMMON_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_common(word: str) -> bool:
    """Whether a word (any case, possibly inflected or hyphenated) is a common English word."""
    words = common_words()
    lower = word.lower().replace("’", "'")
    if lower in words:
        return True
    if "-" in lower:
        return all(is_common(part) for part in lower.split("-") if part)
    for ending in _ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            stem = lower[: -len(ending)]
            if stem in words or stem + "e" in words or (ending == "ies" and stem + "y" in words):
                return True
    return False


def candidate_terms(paragraphs: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Names, acronyms and rare words of the paragraphs, in order of first use, once each.

    Each comes with its other forms in the text (``pouches`` for ``pouch``), as aliases.
    """
    found: dict[str, str] = {}
    for paragraph in paragraphs:
        for term in _terms_of(paragraph):
            found.setdefault(term.casefold(), term)
    terms = list(found.values())
    # A word already inside a longer name ("Jin" in "Xinjiang Jin") is not proposed again.
    longer = [term for term in terms if " " in term]
    terms = [term for term in terms if not any(term != name and term in name.split() for name in longer)]
    grouped: dict[str, list[str]] = {}
    for term in terms:
        base = next(
            (t for t in grouped if term in (t + "s", t + "es") or (t.endswith("y") and term == t[:-1] + "ies")), None
        )
        if base is None:
            grouped[term] = []
        else:
            grouped[base].append(term)
    return list(grouped.items())


def _terms_of(paragraph: str) -> Iterable[str]:
    tokens = [match.group() for match in _TOKEN.finditer(paragraph)]
    run: list[str] = []
    sentence_start = True
    for token in [*tokens, "."]:
        if not token[0].isalpha():
            yield from _name(run)
            run, sentence_start = [], token in ".!?"
            continue
        word = _bare(token)
        if word.isupper() and len(word) > 1:
            yield from _name(run)
            run = []
            if word not in PLAIN_ACRONYMS:
                yield word
        elif (word[:1].isupper() and not (sentence_start and not run and is_common(word))) or (
            run and word in _CONNECTORS
        ):
            run.append(word)
        else:
            yield from _name(run)
            run = []
            if word.islower() and len(word) >= MIN_RARE_LENGTH and not is_common(word):
                yield word
        sentence_start = False


def _bare(token: str) -> str:
    """A word without a possessive end."""
    for end in ("'s", "’s"):
        if token.endswith(end):
            return token[: -len(end)]
    return token


def _name(run: list[str]) -> Iterable[str]:
    """The name a run of capitalised words makes, if it is one: connectors at its end dropped."""
    while run and run[-1] in _CONNECTORS:
        run = run[:-1]
    if all(word in _MONTHS_AND_DAYS or word in _CONNECTORS for word in run):
        return
    if len(run) > 1:
        yield " ".join(run)
    elif run and not is_common(run[0]):
        yield run[0]
