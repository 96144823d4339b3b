"""Finding glossary terms in text with one compiled matcher."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from explainer.story.folding import folded_with_offsets, name_key, nfc
from explainer.story.model import Passage, Term

if TYPE_CHECKING:
    from explainer.story.token_tree import Tree

TERM_LINK_PREFIX = "term:"
# An author's explicit term reference: [[Term]] or [[shown words|Term]].
TERM_REFERENCE = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]")
# What keeps texts apart when they are searched at once: neither a word character nor a space,
# so that a name can neither run across it nor start or end where it stands.
_APART = "\x00"


class TermMatch(NamedTuple):
    """A place in a text where a glossary term is used."""

    start: int
    end: int
    term: Term


class Glossary:
    """The story's terms, with a matcher that finds them all in one pass."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.terms = terms
        self._folded: dict[str, Term] = {}
        self._exact: dict[str, Term] = {}
        self._acronyms: dict[str, Term] = {}
        for term in terms:
            for name in term.names:
                if _is_acronym(name):
                    self._exact.setdefault(" ".join(nfc(name).split()), term)
                    self._acronyms.setdefault(name_key(name), term)
                else:
                    self._folded.setdefault(name_key(name), term)
        self._index = {term.name: index for index, term in enumerate(terms)}
        self._apart_in_names = any(_APART in name for term in terms for name in term.names)
        self._folded_pattern = _compile(self._folded)
        self._exact_pattern = _compile(self._exact)

    def lookup(self, name: str) -> Term | None:
        """The term with this name or alias (with full case folding), if any."""
        key = name_key(name)
        return self._exact.get(" ".join(nfc(name).split())) or self._folded.get(key) or self._acronyms.get(key)

    def by_index(self, index: int) -> Term:
        """The term at this position in the glossary."""
        return self.terms[index]

    def index_of(self, term: Term) -> int:
        """The position of this term in the glossary (what a ``term:N`` link names)."""
        return self._index[term.name]

    def find(self, text: str) -> list[TermMatch]:
        """Every use of a term in ``text`` (in NFC), longest first where names overlap.

        Names other than acronyms match with full case folding; acronyms match as written.
        """
        found: list[TermMatch] = []
        if self._folded_pattern is not None:
            folded, offsets = folded_with_offsets(text)
            names = self._folded
            for match in self._folded_pattern.finditer(folded):
                start, end = match.span()
                if offsets is not None:
                    start, end = offsets[start], offsets[end]
                    if start < 0 or end < 0:  # inside a letter that folds to several
                        continue
                found.append(TermMatch(start, end, _named(names, match.group())))
        if self._exact_pattern is not None:
            exact = [
                TermMatch(*match.span(), _named(self._exact, match.group()))
                for match in self._exact_pattern.finditer(text)
            ]
            if exact:  # one pattern's matches never overlap: only two patterns' need merging
                found = _leftmost_longest(found + exact)
        return found

    def find_in_each(self, texts: list[str]) -> list[Sequence[TermMatch]]:
        """:meth:`find` for each of ``texts``, with one search over them all.

        The texts are searched joined by a character no name and no text holds, which stops a
        match as the end of a text does: many short texts cost one search, not one each. A text
        without a term gets an empty tuple, not a list of its own.
        """
        joined = _APART.join(texts)
        if len(texts) < 2 or self._apart_in_names or joined.count(_APART) != len(texts) - 1:
            return [self.find(text) for text in texts]
        found: list[Sequence[TermMatch]] = [()] * len(texts)
        index, start, end = 0, 0, len(texts[0])
        matches: list[TermMatch] = []
        for match in self.find(joined):
            if match.start > end:
                while match.start > end:
                    index += 1
                    start, end = end + 1, end + 1 + len(texts[index])
                matches = []
            if not matches:
                found[index] = matches
            matches.append(TermMatch(match.start - start, match.end - start, match.term))
        return found

    def referenced(self, text: str) -> list[Term]:
        """The terms that ``[[references]]`` in ``text`` name, in order (unknown names left out)."""
        return [
            term for match in TERM_REFERENCE.finditer(text) if (term := self.lookup(referenced_name(match))) is not None
        ]

    def terms_in(self, text: str) -> list[Term]:
        """The terms used in ``text`` (and ``[[references]]``), in order of first use."""
        found: dict[str, Term] = {}
        for term in self.referenced(text):
            found.setdefault(term.name, term)
        for term_match in self.find(nfc(TERM_REFERENCE.sub(" ", text))):
            found.setdefault(term_match.term.name, term_match.term)
        return list(found.values())

    def terms_of(self, passage: Passage, markdown: str, tree: Tree | None = None) -> list[Term]:
        """The terms of a passage shown as ``markdown``: those linked in its text, then those it lists.

        ``tree``: ``markdown`` already parsed with this glossary, when the caller has it.
        """
        from explainer.story.markdown import linked_terms, parse  # which imports this module

        terms = linked_terms(tree if tree is not None else parse(markdown, self), self)
        for name in passage.terms:
            term = self.lookup(name)
            if term is not None and term not in terms:
                terms.append(term)
        return terms


def referenced_name(match: re.Match[str]) -> str:
    """The term name a match of :data:`TERM_REFERENCE` gives: after the bar, if there is one."""
    return (match.group(2) or match.group(1)).strip()


def _named(names: dict[str, Term], matched: str) -> Term:
    """The term a pattern's match names: spaces in the match may differ from the name's one."""
    return names.get(matched) or names[" ".join(matched.split())]


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _leftmost_longest(matches: list[TermMatch]) -> list[TermMatch]:
    """Matches from two patterns merged: the leftmost first, the longest where they overlap."""
    kept: list[TermMatch] = []
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def _compile(names: dict[str, Term]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile(_prefix_pattern(sorted(names), 0, first=True) + r"(?!\w)")


def _prefix_pattern(names: list[str], depth: int, first: bool = False) -> str:
    """A regular expression for sorted, distinct ``names`` from ``depth`` on, factored by shared
    prefixes so that it stays fast, and built from the sorted list so that it costs in step with
    the names.

    With ``first``, each name must start a word: the check follows the first character (as a
    look-behind over it), so that the search can skip at once to where a name may begin.
    """
    ends_here = len(names[0]) == depth  # sorted: a name that ends here comes first
    rest = names[1:] if ends_here else names
    branches = []
    start = 0
    while start < len(rest):
        char = rest[start][depth]
        end = start + 1
        while end < len(rest) and rest[end][depth] == char:
            end += 1
        group = rest[start:end]
        # The characters all of this group share, taken at once.
        shared = len(os.path.commonprefix([group[0], group[-1]]))
        pieces = [r"\s+" if c == " " else re.escape(c) for c in group[0][depth:shared]]
        if first:
            pieces.insert(1, r"(?<!\w[\s\S])")
        words = "".join(pieces)
        if len(group) > 1 or len(group[0]) > shared:
            words += _prefix_pattern(group, shared)
        branches.append(words)
        start = end
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if not ends_here:
        return body
    one_character = len(rest) == 1 and len(rest[0]) == depth + 1 and rest[0][depth] != " "
    return f"{body}?" if one_character else f"(?:{body})?"  # "s?" for a plural: quicker to compile
